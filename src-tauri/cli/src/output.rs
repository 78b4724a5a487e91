//! How `sqm metrics` prints: an aligned table, CSV, or the full JSON the UI also receives.

use crate::OutFormat;
use sqm_core::metrics::{Figures, PeriodMetrics, QuarterMetrics};

// The same formatting as the dashboard and the PDF, so the figures read identically.
use sqm_core::report::{fmt_hours as hours, fmt_pct as pct};

fn cells(name: &str, f: &Figures) -> Vec<String> {
    vec![
        name.to_string(),
        f.volume.to_string(),
        f.resolved.to_string(),
        pct(f.response.pct),
        pct(f.resolution.pct),
        pct(f.csat),
        pct(f.response_rate),
        hours(f.median_resolution_hours),
        hours(f.p90_resolution_hours),
        pct(f.reassignment_rate),
        pct(f.reopen_rate),
        pct(f.resolved_within_target_pct),
        f.resolution.running.to_string(),
    ]
}

const HEADER: [&str; 13] = [
    "scope",
    "volume",
    "resolved",
    "response",
    "resolution",
    "csat",
    "response_rate",
    "median_h",
    "p90_h",
    "reassigned",
    "reopened",
    "within_target",
    "running",
];

pub fn print_metrics(m: &QuarterMetrics, format: OutFormat) -> sqm_core::Result<()> {
    match format {
        OutFormat::Json => {
            let s = serde_json::to_string_pretty(m)
                .map_err(|e| sqm_core::Error::Invalid(e.to_string()))?;
            out!("{s}");
        }
        OutFormat::Csv | OutFormat::Table => {
            let mut rows = vec![cells("overall", &m.overall)];
            rows.extend(m.services.iter().map(|s| cells(&s.code, &s.figures)));
            rows.extend(
                m.priorities
                    .iter()
                    .map(|p| cells(p.priority.as_deref().unwrap_or("(none)"), &p.figures)),
            );
            let title = format!(
                "{}  standards met: {}/{}",
                m.quarter, m.standards_met, m.standards_measured
            );
            print_rows(format, "quarter", &m.quarter.to_string(), &title, rows);
        }
    }
    Ok(())
}

/// `sqm metrics --by/--period`: JSON is `PeriodMetrics` (groups carry their figures flat).
pub fn print_period(m: &PeriodMetrics, format: OutFormat) -> sqm_core::Result<()> {
    if let OutFormat::Json = format {
        let s =
            serde_json::to_string_pretty(m).map_err(|e| sqm_core::Error::Invalid(e.to_string()))?;
        out!("{s}");
        return Ok(());
    }
    let to = m.to.pred_opt().unwrap_or(m.to);
    let period = format!("{}..{}", m.from, to);
    let mut rows = vec![cells("overall", &m.overall)];
    rows.extend(
        m.groups
            .iter()
            .map(|g| cells(g.key.as_deref().unwrap_or("(none)"), &g.figures)),
    );
    let title = format!("{period}  by {}", m.by.as_str());
    print_rows(format, "period", &period, &title, rows);
    Ok(())
}

fn print_rows(format: OutFormat, what: &str, label: &str, title: &str, rows: Vec<Vec<String>>) {
    if matches!(format, OutFormat::Csv) {
        out!("{what},{}", HEADER.join(","));
        for r in rows {
            let quoted: Vec<String> = r.iter().map(|c| csv_cell(c)).collect();
            out!("{label},{}", quoted.join(","));
        }
        return;
    }
    out!("{title}");
    let widths: Vec<usize> = (0..HEADER.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([HEADER[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: Vec<String>| {
        r.iter()
            .enumerate()
            .map(|(i, c)| format!("{}{c}", " ".repeat(widths[i] - width(c))))
            .collect::<Vec<_>>()
            .join("  ")
    };
    out!("{}", line(HEADER.iter().map(|s| s.to_string()).collect()));
    for r in rows {
        out!("{}", line(r));
    }
}

/// Columns a terminal gives the text: CJK ideographs and full-width forms take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn csv_cell(c: &str) -> String {
    if c.contains([',', '"', '\n']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c.to_string()
    }
}
