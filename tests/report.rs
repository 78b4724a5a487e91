//! The quarterly review pack as a real PDF: text read back with poppler's pdftotext, the font
//! checked with pdffonts, numbers formatted one way everywhere.

use chrono::NaiveDate;
use sqm_core::domain::{ImportRun, QualityStandard, Quarter, Service, Source};
use sqm_core::metrics::{
    Attainment, Check, Figures, Light, Measure, PriorityRow, QuarterMetrics, ServiceRow, Targets,
    TrendPoint,
};
use sqm_core::report::{self, fmt_count, fmt_hours, fmt_pct, Lang, PackInput};
use std::process::Command;

fn attainment(measured: u64, pct: Option<f64>) -> Attainment {
    let met = pct.map_or(0, |p| (measured as f64 * p / 100.0).round() as u64);
    Attainment {
        measured: if pct.is_some() { measured } else { 0 },
        met,
        pct,
        running: 0,
    }
}

pub fn figures(
    volume: u64,
    response: Option<f64>,
    resolution: Option<f64>,
    csat: Option<f64>,
) -> Figures {
    Figures {
        volume,
        resolved: volume * 9 / 10,
        response: attainment(volume, response),
        resolution: attainment(volume, resolution),
        csat,
        responses: if csat.is_some() { volume / 4 } else { 0 },
        mean_score: csat.map(|_| 4.2),
        response_rate: csat.map(|_| 27.5),
        median_resolution_hours: Some(5.2),
        p90_resolution_hours: Some(30.4),
        reassignment_rate: Some(12.5),
        reopen_rate: Some(3.1),
        resolved_within_target_pct: resolution,
        mean_reassignments: Some(0.2),
        mean_reopens: Some(0.03),
    }
}

fn check(measure: Measure, required: f64, minutes: Option<i64>, actual: Option<f64>) -> Check {
    let light = match actual {
        None => Light::Grey,
        Some(a) if a >= required => Light::Green,
        Some(a) if required - a < 5.0 => Light::Amber,
        Some(_) => Light::Red,
    };
    Check {
        measure,
        required_pct: required,
        target_minutes: minutes,
        actual_pct: actual,
        met: actual.map(|a| a >= required),
        light,
    }
}

fn checks(f: &Figures) -> Vec<Check> {
    vec![
        check(Measure::Response, 95.0, Some(60), f.response.pct),
        check(Measure::Resolution, 90.0, Some(24 * 60), f.resolution.pct),
        check(Measure::Satisfaction, 80.0, None, f.csat),
    ]
}

/// code, name, tickets opened, response %, resolution %, CSAT %.
type ServiceFixture = (
    &'static str,
    &'static str,
    u64,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);

/// Eight services as a mid-sized IT department has them; 门户网站 has no satisfaction data.
const SERVICES: [ServiceFixture; 8] = [
    ("DESK", "桌面支持", 1240, Some(96.3), Some(91.8), Some(86.4)),
    ("NET", "网络服务", 512, Some(93.1), Some(88.2), Some(81.7)),
    (
        "MAIL",
        "邮件与协作",
        388,
        Some(97.4),
        Some(94.6),
        Some(88.9),
    ),
    ("IAM", "账号与权限", 655, Some(89.7), Some(92.3), Some(79.2)),
    ("PRINT", "打印服务", 143, Some(98.6), Some(95.1), Some(90.3)),
    (
        "ERP",
        "业务系统支持（ERP、财务、人力资源）",
        421,
        Some(94.2),
        Some(83.5),
        Some(76.8),
    ),
    ("WEB", "门户网站", 97, Some(95.9), Some(90.7), None),
    ("DB", "数据库服务", 64, Some(92.2), Some(96.9), Some(84.4)),
];

pub fn metrics() -> QuarterMetrics {
    let quarter = Quarter::new(2026, 3).expect("valid quarter");
    let services: Vec<ServiceRow> = SERVICES
        .iter()
        .enumerate()
        .map(|(i, (code, name, volume, resp, res, csat))| {
            let f = figures(*volume, *resp, *res, *csat);
            ServiceRow {
                service_id: i as i64 + 1,
                code: code.to_string(),
                name: name.to_string(),
                checks: checks(&f),
                figures: f,
            }
        })
        .collect();
    let checks_all: Vec<&Check> = services.iter().flat_map(|s| &s.checks).collect();
    let overall = figures(3520, Some(94.6), Some(90.4), Some(83.9));
    let trend = vec![
        TrendPoint {
            quarter: Quarter::new(2025, 4).expect("q"),
            figures: figures(3105, Some(91.2), Some(86.1), Some(80.6)),
        },
        TrendPoint {
            quarter: Quarter::new(2026, 1).expect("q"),
            figures: figures(3340, Some(92.8), Some(88.0), None),
        },
        TrendPoint {
            quarter: Quarter::new(2026, 2).expect("q"),
            figures: figures(3412, Some(93.5), Some(89.7), Some(82.5)),
        },
        TrendPoint {
            quarter,
            figures: overall.clone(),
        },
    ];
    QuarterMetrics {
        quarter,
        overall_checks: checks(&overall),
        overall,
        priorities: vec![
            PriorityRow {
                priority: Some("P1".into()),
                figures: figures(88, Some(97.7), Some(92.0), Some(85.0)),
            },
            PriorityRow {
                priority: Some("P2".into()),
                figures: figures(640, Some(95.2), Some(91.1), Some(84.2)),
            },
            PriorityRow {
                priority: Some("P3".into()),
                figures: figures(2410, Some(94.3), Some(90.2), Some(83.7)),
            },
            PriorityRow {
                priority: None,
                figures: figures(382, Some(93.9), Some(89.6), Some(82.9)),
            },
        ],
        trend,
        service_trends: vec![],
        standards_met: checks_all.iter().filter(|k| k.met == Some(true)).count() as u32,
        standards_measured: checks_all.iter().filter(|k| k.met.is_some()).count() as u32,
        services,
        applied: vec![],
        options: Default::default(),
    }
}

pub fn pack_input(lang: Lang) -> PackInput {
    let metrics = metrics();
    let standards = metrics
        .services
        .iter()
        .map(|s| {
            let service = Service {
                id: s.service_id,
                code: s.code.clone(),
                name: s.name.clone(),
                owner: "王敏".into(),
                team: "服务支持团队".into(),
            };
            // The database service has no standard of its own yet.
            let standard = (s.code != "DB").then(|| QualityStandard {
                id: s.service_id,
                service_id: s.service_id,
                priority: None,
                effective_from: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
                response_minutes: 60,
                response_required_pct: 95.0,
                resolution_minutes: 24 * 60,
                resolution_required_pct: 90.0,
                satisfaction_target_pct: 80.0,
                calendar: "24x7".into(),
                pause_states: vec!["Awaiting User Info".into()],
            });
            (service, standard)
        })
        .collect();
    let run = |id, file: &str, source, at: &str, added, updated, rejected| ImportRun {
        id,
        file_name: file.into(),
        sha256: "0".repeat(64),
        source,
        imported_at: at.into(),
        rows_added: added,
        rows_updated: updated,
        rows_rejected: rejected,
    };
    PackInput {
        organisation: "星河市数据管理局信息中心".into(),
        lang,
        generated_at: NaiveDate::from_ymd_opt(2026, 10, 8)
            .expect("date")
            .and_hms_opt(9, 30, 0)
            .expect("time"),
        metrics,
        targets: Targets::default(),
        standards,
        sources: vec![
            run(
                2,
                "incident_2026Q3.csv",
                Source::ServiceNow,
                "2026-10-05 17:42:10",
                3120,
                412,
                3,
            ),
            run(
                1,
                "jsm-export-2026-07.csv",
                Source::Jira,
                "2026-07-03 09:15:00",
                2980,
                0,
                0,
            ),
        ],
    }
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .expect("poppler tool runs");
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes the pack, returns (pdftotext output, page count); `None` without poppler-utils.
fn read_back(pdf: &[u8], name: &str) -> Option<(String, usize)> {
    if !tool("pdftotext") {
        eprintln!("pdftotext not installed: PDF text not checked");
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, pdf).expect("write pdf");
    let p = path.to_str().expect("utf-8 temp path");
    // -raw keeps content-stream order; the default layout mode drops some spaces next to CJK.
    let text = run("pdftotext", &["-raw", p, "-"]);
    let info = run("pdfinfo", &[p]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports pages");
    let fonts = run("pdffonts", &[p]);
    let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(font_lines.len(), 1, "one font only:\n{fonts}");
    assert!(font_lines[0].contains("NotoSansSC"), "{fonts}");
    assert!(
        font_lines[0].contains("yes yes yes"),
        "embedded, subset, with ToUnicode:\n{fonts}"
    );
    Some((text, pages))
}

#[test]
fn chinese_pack_reads_back() {
    let pdf = report::quarterly_pack(&pack_input(Lang::Zh)).expect("pack");
    assert!(pdf.starts_with(b"%PDF"));
    let Some((text, pages)) = read_back(&pdf, "pack-zh.pdf") else {
        return;
    };
    for expected in [
        "季度服务质量评审材料",
        "2026年第3季度",
        "星河市数据管理局信息中心",
        "目录",
        "执行摘要",
        "桌面支持",
        "响应达标率",
        "96.3%",
        "1,240",
        "未达成",
        "未测量",
        "incident_2026Q3.csv",
        "PERCENTILE.INC",
        "现行服务质量标准",
        "响应达标率趋势",
        "各服务工单量",
        "2025 Q4",
        "目标 95.0%",
        "第 1 页 / 共",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        text.contains(&format!("第 {pages} 页 / 共 {pages} 页")),
        "last page number"
    );
    // 门户网站 has no satisfaction responses: printed as the not-measured mark, never as zero.
    assert!(text.contains(report::NOT_MEASURED));
    assert!(
        !text.split_whitespace().any(|t| t == "0.0%"),
        "a missing value was printed as 0.0%"
    );
}

#[test]
fn english_pack_reads_back() {
    let pdf = report::quarterly_pack(&pack_input(Lang::En)).expect("pack");
    assert!(pdf.starts_with(b"%PDF"));
    let Some((text, pages)) = read_back(&pdf, "pack-en.pdf") else {
        return;
    };
    for expected in [
        "Quarterly Service Quality Review",
        "2026 Q3",
        "Contents",
        "Executive summary",
        "Response attainment",
        "Not measured",
        "96.3%",
        "Appendix A",
        "PERCENTILE.INC",
        "Tickets opened per service",
        "Target 95.0%",
        "桌面支持",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert!(
        !text.contains("季度服务质量评审材料"),
        "English pack has no Chinese boilerplate"
    );
}

#[test]
fn empty_quarter_still_makes_a_pack() {
    let mut input = pack_input(Lang::Zh);
    input.metrics.services.clear();
    input.metrics.priorities.clear();
    input
        .metrics
        .trend
        .iter_mut()
        .for_each(|p| p.figures = Figures::default());
    input.metrics.overall = Figures::default();
    input.sources.clear();
    input.standards.clear();
    let pdf = report::quarterly_pack(&input).expect("pack");
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn numbers_are_formatted_one_way() {
    assert_eq!(fmt_pct(Some(96.25)), "96.3%");
    assert_eq!(fmt_pct(Some(96.3)), "96.3%");
    assert_eq!(fmt_pct(None), report::NOT_MEASURED);
    assert_eq!(fmt_hours(Some(30.44)), "30.4");
    assert_eq!(fmt_hours(None), "—");
    assert_eq!(fmt_count(3520), "3,520");
}
