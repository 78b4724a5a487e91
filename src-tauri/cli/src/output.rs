//! How `sqm metrics` and `sqm process` print: an aligned table, CSV, or the full JSON the UI
//! also receives.

use crate::OutFormat;
use sqm_core::metrics::{Figures, PeriodMetrics, QuarterMetrics};
use sqm_core::process::ProcessView;

// The same formatting as the dashboard and the PDF, so the figures read identically.
use sqm_core::report::{fmt_count, fmt_hours as hours, fmt_pct as pct};

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

// ---- sqm process -------------------------------------------------------------------------------

/// `sqm process`: JSON (the map, the variants and the step times), CSV (the transitions table),
/// or aligned text sections.
pub fn print_process(v: &ProcessView, format: OutFormat) -> sqm_core::Result<()> {
    let map = &v.map;
    let st = &v.step_times;
    let period = format!("{}..{}", v.query.start, v.query.end);
    match format {
        OutFormat::Json => {
            let json = serde_json::json!({
                "period": {"start": v.query.start, "end": v.query.end},
                "service_id": v.query.service_id,
                "priority": v.query.priority,
                "sop": v.sop_label,
                "cases": map.cases,
                "events": map.events,
                "states": map.states,
                "expected": map.expected,
                "conformance_pct": map.conformance_pct,
                "conforming_cases": map.conforming_cases,
                "transitions": map.transitions,
                "variants": map.variants,
                "steps": st.steps,
                "bottleneck": {
                    "missed_tickets": st.missed_tickets,
                    "steps": st.bottleneck,
                    "unaccounted_pct": st.unaccounted_pct,
                },
                "feedback_coverage_pct": st.feedback_coverage_pct,
                "resolved_tickets": st.resolved_tickets,
            });
            let s = serde_json::to_string_pretty(&json)
                .map_err(|e| sqm_core::Error::Invalid(e.to_string()))?;
            out!("{s}");
        }
        OutFormat::Csv => {
            out!("from,to,count,cases,median_hours");
            for t in &map.transitions {
                out!(
                    "{},{},{},{},{}",
                    csv_cell(&t.from),
                    csv_cell(&t.to),
                    t.count,
                    t.cases,
                    t.median_hours
                        .map(|h| format!("{h:.2}"))
                        .unwrap_or_default()
                );
            }
        }
        OutFormat::Table => {
            out!(
                "{period}  {}  cases {}  events {}  conformance {}",
                v.sop_label,
                fmt_count(map.cases),
                fmt_count(map.events),
                pct(map.conformance_pct)
            );
            if !map.expected.is_empty() {
                out!("expected order: {}", map.expected.join(" → "));
            }
            out!("");
            out!("Transitions");
            let rows = map
                .transitions
                .iter()
                .map(|t| {
                    vec![
                        t.from.clone(),
                        t.to.clone(),
                        t.count.to_string(),
                        t.cases.to_string(),
                        hours(t.median_hours),
                    ]
                })
                .collect();
            aligned(
                &["from", "to", "count", "cases", "median_h"],
                &[false, false, true, true, true],
                rows,
            );
            out!("");
            out!("Top variants");
            let rows = map
                .variants
                .iter()
                .take(10)
                .map(|x| {
                    vec![
                        x.cases.to_string(),
                        pct(Some(x.share_pct)),
                        if x.conforms { "yes" } else { "no" }.to_string(),
                        x.path.join(" → "),
                    ]
                })
                .collect();
            aligned(
                &["cases", "share", "conforms", "path"],
                &[true, true, false, false],
                rows,
            );
            if map.variants.len() > 10 {
                out!("… {} more variants", map.variants.len() - 10);
            }
            out!("");
            out!("Step times (business hours)");
            let rows = st
                .steps
                .iter()
                .map(|s| {
                    let name = format!("{}. {} {}", s.pos + 1, s.name_zh, s.name_en);
                    if !s.measured {
                        return vec![
                            name,
                            "not measured".into(),
                            String::new(),
                            String::new(),
                            target(s.target_hours),
                            String::new(),
                        ];
                    }
                    vec![
                        name,
                        s.tickets.to_string(),
                        hours(s.median_hours),
                        hours(s.p90_hours),
                        target(s.target_hours),
                        pct(s.within_target_pct),
                    ]
                })
                .collect();
            aligned(
                &["step", "tickets", "median_h", "p90_h", "target_h", "within"],
                &[false, true, true, true, true, true],
                rows,
            );
            out!("");
            out!(
                "Bottleneck: {} tickets missed their resolution target",
                st.missed_tickets
            );
            let mut rows: Vec<Vec<String>> = st
                .bottleneck
                .iter()
                .map(|b| {
                    vec![
                        format!("{}. {} {}", b.pos + 1, b.name_zh, b.name_en),
                        b.share_pct
                            .map(|p| pct(Some(p)))
                            .unwrap_or_else(|| "not measured".into()),
                        hours(Some(b.hours)),
                    ]
                })
                .collect();
            rows.push(vec![
                "unaccounted".into(),
                pct(st.unaccounted_pct),
                String::new(),
            ]);
            aligned(&["step", "share", "hours"], &[false, true, true], rows);
            out!("");
            out!(
                "Feedback coverage: {} of {} resolved tickets",
                pct(st.feedback_coverage_pct),
                fmt_count(st.resolved_tickets)
            );
        }
    }
    Ok(())
}

/// A step target as set, to the minute: `0.25`, `0.5`, `24`; `—` without one.
fn target(h: Option<f64>) -> String {
    match h {
        Some(h) if h.is_finite() => {
            let s = format!("{h:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => hours(None),
    }
}

/// An aligned text table: `right[i]` right-aligns column i (numbers), else left (text).
fn aligned(header: &[&str], right: &[bool], rows: Vec<Vec<String>>) {
    if rows.is_empty() {
        out!("  (none)");
        return;
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String]| {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = " ".repeat(widths[i] - width(c));
                if right[i] {
                    format!("{pad}{c}")
                } else if i + 1 == r.len() {
                    c.clone()
                } else {
                    format!("{c}{pad}")
                }
            })
            .collect();
        format!("  {}", cells.join("  ").trim_end())
    };
    out!(
        "{}",
        line(&header.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    );
    for r in &rows {
        out!("{}", line(r));
    }
}
