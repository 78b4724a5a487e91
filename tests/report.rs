//! The quarterly review pack as a real PDF: text read back with poppler's pdftotext, the font
//! checked with pdffonts, numbers formatted one way everywhere.

use chrono::NaiveDate;
use sqm_core::domain::{ImportRun, QualityStandard, Quarter, Service, Source};
use sqm_core::metrics::{
    Attainment, BreachAnalysis, BreachCount, BreachReport, Check, Figures, Light, LongTicket,
    Measure, PriorityRow, QuarterMetrics, ServiceRow, Targets, TicketRow, TrendPoint, WaitShare,
};
use sqm_core::report::{
    self, fmt_count, fmt_hours, fmt_pct, AppliedVersion, Lang, PackInput, ServiceStandards,
};
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

fn standard(
    id: i64,
    service_id: i64,
    priority: Option<&str>,
    from: (i32, u32, u32),
    calendar: &str,
) -> QualityStandard {
    QualityStandard {
        id,
        service_id,
        priority: priority.map(Into::into),
        effective_from: NaiveDate::from_ymd_opt(from.0, from.1, from.2).expect("date"),
        response_minutes: 60,
        response_required_pct: 95.0,
        resolution_minutes: 24 * 60,
        resolution_required_pct: 90.0,
        satisfaction_target_pct: 80.0,
        calendar: calendar.into(),
        pause_states: vec!["Awaiting User Info".into(), "等待用户".into()],
    }
}

/// The versions applied per service: 桌面支持 changed to the China working-day calendar on
/// 1 July and has a P1 version; 数据库服务 has no standard; the rest one 24x7 version each.
fn applied(m: &QuarterMetrics) -> Vec<ServiceStandards> {
    m.services
        .iter()
        .map(|s| {
            let id = s.service_id;
            let service = Service {
                id,
                code: s.code.clone(),
                name: s.name.clone(),
                owner: "王敏".into(),
                team: "服务支持团队".into(),
            };
            let v = |standard, tickets| AppliedVersion { standard, tickets };
            let versions = match s.code.as_str() {
                "DB" => vec![],
                "DESK" => vec![
                    v(standard(100, id, None, (2026, 1, 1), "24x7"), 140),
                    v(standard(101, id, None, (2026, 7, 1), "china"), 1100),
                    v(standard(102, id, Some("P1"), (2026, 7, 1), "china"), 37),
                ],
                _ => vec![v(
                    standard(id, id, None, (2026, 1, 1), "24x7"),
                    s.figures.volume,
                )],
            };
            ServiceStandards { service, versions }
        })
        .collect()
}

fn count(key: Option<&str>, breaches: u64, measured: u64) -> BreachCount {
    BreachCount {
        key: key.map(Into::into),
        breaches,
        measured,
        pct: Some(breaches as f64 * 100.0 / measured as f64),
    }
}

fn ticket_row(
    id: i64,
    key: &str,
    service: &str,
    opened: &str,
    resolved: Option<&str>,
    (hours, target, paused): (f64, f64, f64),
) -> TicketRow {
    TicketRow {
        id,
        source: "servicenow".into(),
        key: key.into(),
        service: service.into(),
        priority: Some("P3".into()),
        category: Some("硬件故障".into()),
        group: Some("桌面运维组".into()),
        assignee: Some("李娜".into()),
        state: Some(
            if resolved.is_some() {
                "Resolved"
            } else {
                "In Progress"
            }
            .into(),
        ),
        opened: opened.into(),
        first_response: None,
        resolved: resolved.map(Into::into),
        business_hours: Some(hours),
        target_hours: Some(target),
        response_met: Some(true),
        resolution_met: resolved.map(|_| hours <= target),
        calendar: "china".into(),
        standard_from: Some("2026-07-01".into()),
        paused_hours: paused,
    }
}

/// A quarter's breaches: 338 of 3,182 resolution outcomes, 187 response breaches.
pub fn breaches(m: &QuarterMetrics) -> BreachReport {
    let longest = vec![
        ticket_row(
            9001,
            "INC0091001",
            "ERP",
            "2026-07-02 10:15",
            Some("2026-08-28 16:40"),
            (312.5, 72.0, 41.3),
        ),
        ticket_row(
            9002,
            "INC0093377",
            "NET",
            "2026-09-03 09:05",
            None,
            (201.25, 24.0, 0.0),
        ),
        ticket_row(
            9003,
            "INC0090412",
            "DESK",
            "2026-08-11 14:30",
            Some("2026-08-19 11:02"),
            (18.5, 24.0, 6.0),
        ),
    ];
    BreachReport {
        analysis: BreachAnalysis {
            quarter: m.quarter,
            response_breaches: 187,
            resolution_breaches: 338,
            resolution_measured: 3182,
            by_service: vec![
                count(Some("ERP"), 69, 421),
                count(Some("NET"), 60, 512),
                count(Some("DESK"), 58, 1240),
            ],
            by_priority: vec![
                count(Some("P3"), 236, 2410),
                count(None, 40, 382),
                count(Some("P1"), 7, 88),
            ],
            by_category: vec![count(Some("硬件故障"), 121, 903), count(None, 17, 260)],
            by_group: vec![count(Some("桌面运维组"), 150, 1480)],
            by_assignee: vec![count(Some("李娜"), 31, 212), count(Some("张伟"), 27, 240)],
            longest: longest
                .iter()
                .map(|t| LongTicket {
                    ticket_id: t.id,
                    business_hours: t.business_hours.unwrap_or_default(),
                    target_hours: t.target_hours,
                    open: t.resolved.is_none(),
                })
                .collect(),
            waits: vec![
                WaitShare {
                    state: "In Progress".into(),
                    breaches: 130,
                    pct: 52.0,
                },
                WaitShare {
                    state: "Awaiting User Info".into(),
                    breaches: 120,
                    pct: 48.0,
                },
            ],
            without_history: 88,
        },
        longest,
    }
}

pub fn pack_input(lang: Lang) -> PackInput {
    let mut metrics = metrics();
    metrics.overall.response.running = 12;
    metrics.overall.resolution.running = 85;
    let standards = applied(&metrics);
    let breaches = breaches(&metrics);
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
        people: None,
        cost_benefit: None,
        feedback: None,
        process: None,
        organisation: "星河市数据管理局信息中心".into(),
        lang,
        generated_at: NaiveDate::from_ymd_opt(2026, 10, 8)
            .expect("date")
            .and_hms_opt(9, 30, 0)
            .expect("time"),
        metrics,
        targets: Targets::default(),
        standards,
        breaches,
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
pub(crate) fn read_back(pdf: &[u8], name: &str) -> Option<(String, usize)> {
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

/// The text without any whitespace: a phrase is found even where a line wrapped inside it.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

fn assert_phrases(text: &str, phrases: &[&str]) {
    let flat = squash(text);
    for phrase in phrases {
        assert!(
            flat.contains(&squash(phrase)),
            "missing {phrase:?} in:\n{text}"
        );
    }
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
        "本季度适用的服务质量标准",
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
    // The breach analysis: its contents entry after the priorities and the trends, the
    // sentence, every table and the longest tickets.
    let toc = |t: &str| text.find(t).unwrap_or(usize::MAX);
    assert!(toc("按优先级指标") < toc("趋势图") && toc("趋势图") < toc("违约分析"));
    assert_phrases(
        &text,
        &[
            "5 违约分析",
            "本季度判定的 3,182 个解决时限结果中，违约 338 个（违约率 10.6%）",
            "响应时限违约 187 个",
            "按服务",
            "业务系统支持（ERP、财务、人力资源） 69 421 16.4%",
            "按优先级",
            "（未填写） 40 382 10.5%",
            "按类别",
            "硬件故障 121 903 13.4%",
            "按处理组",
            "桌面运维组 150 1,480 10.1%",
            "按处理人",
            "李娜 31 212 14.6%",
            "违约工单等待最久的状态",
            "In Progress 130 52.0%",
            "Awaiting User Info 120 48.0%",
            "另有 88 个违约工单没有状态历史",
            "业务时长最长的工单",
            "INC0091001 业务系统支持（ERP、财务、人力资源） P3 2026-07-02 10:15 2026-08-28 16:40 312.5 72.0 41.3",
            "INC0093377 网络服务 P3 2026-09-03 09:05 未解决 201.3 24.0 0.0",
            // Still running, in the summary.
            "季度末仍在计时",
            "响应 12 张，解决 85 张",
            // The standard versions applied, with their calendars and ticket counts.
            "附录 B 本季度适用的服务质量标准",
            "开单当日生效的标准版本",
            "桌面支持 全部 2026-01-01 1 小时 95.0% 24 小时 90.0% 80.0% 24x7",
            "全部 2026-07-01 1 小时 95.0% 24 小时 90.0% 80.0% china",
            "P1 2026-07-01",
            "1,100",
            "Awaiting User Info, 等待用户",
            // Definitions of the business-time engine.
            "业务时间与服务日历",
            "调休补班日",
            "仍在计时",
            "按各标准版本的服务日历计算，并扣除暂停时段",
        ],
    );
    assert!(!text.contains("目前均为 7×24"), "the old 24×7 note is gone");
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
    let toc = |t: &str| text.find(t).unwrap_or(usize::MAX);
    assert!(toc("Figures per priority") < toc("Trends"));
    assert!(toc("Trends") < toc("Breach analysis"));
    assert_phrases(
        &text,
        &[
            "5 Breach analysis",
            "338 of the 3,182 resolution outcomes decided this quarter breached the target (breach rate 10.6%)",
            "response targets breached: 187",
            "By service",
            "业务系统支持（ERP、财务、人力资源） 69 421 16.4%",
            "By priority",
            "(none) 40 382 10.5%",
            "By category",
            "By group",
            "By assignee",
            "李娜 31 212 14.6%",
            "Where breached tickets waited longest",
            "In Progress 130 52.0%",
            "Breached tickets without a status history (where they waited is unknown; not in the table above): 88.",
            "Longest tickets in business time",
            "INC0093377 网络服务 P3 2026-09-03 09:05 open 201.3 24.0 0.0",
            "INC0090412 桌面支持 P3 2026-08-11 14:30 2026-08-19 11:02 18.5 24.0 6.0",
            "Still running at the quarter's end",
            "response 12, resolution 85.",
            "Appendix B Quality standards applied",
            "the standard version in force on the day it was opened",
            "桌面支持 all 2026-01-01 1 h 95.0% 24 h 90.0% 80.0% 24x7",
            "all 2026-07-01 1 h 95.0% 24 h 90.0% 80.0% china",
            "P1 2026-07-01",
            "1,100",
            "Business time and calendars",
            "make-up working days",
            "Pauses",
            "Still running",
            "times are business hours on each standard's calendar, pauses excluded",
        ],
    );
    assert!(!text.contains("24×7 for every service for now"));
    assert!(
        !text.contains("季度服务质量评审材料"),
        "English pack has no Chinese boilerplate"
    );
}

#[test]
fn long_breach_lists_break_across_pages() {
    let mut input = pack_input(Lang::En);
    let a = &mut input.breaches.analysis;
    let many = |prefix: &str| -> Vec<BreachCount> {
        (0..15)
            .map(|i| {
                let key =
                    format!("{prefix} {i:02} with a rather long name that wraps in its column");
                count(Some(&key), 40 - i, 400)
            })
            .collect()
    };
    a.by_service = many("SVC");
    a.by_priority = many("Priority");
    a.by_category = many("Category");
    a.by_group = many("Group");
    a.by_assignee = many("Assignee");
    let row = input.breaches.longest[0].clone();
    input.breaches.longest = (0..20)
        .map(|i| TicketRow {
            id: 10_000 + i,
            key: format!("INC{:07}", 5_000_000 + i),
            ..row.clone()
        })
        .collect();
    let pdf = report::quarterly_pack(&input).expect("pack");
    let Some((text, _)) = read_back(&pdf, "pack-long.pdf") else {
        return;
    };
    // Every row is printed somewhere, none lost at a page break.
    let flat = squash(&text);
    for prefix in ["SVC", "Priority", "Category", "Group", "Assignee"] {
        for i in 0..15 {
            let key = squash(&format!("{prefix} {i:02} with a rather long"));
            assert!(flat.contains(&key), "missing {key}");
        }
    }
    for i in 0..20 {
        assert!(text.contains(&format!("INC{:07}", 5_000_000 + i)));
    }
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
    let a = &mut input.breaches.analysis;
    (
        a.resolution_breaches,
        a.resolution_measured,
        a.response_breaches,
    ) = (0, 0, 0);
    a.by_service.clear();
    a.by_priority.clear();
    a.by_category.clear();
    a.by_group.clear();
    a.by_assignee.clear();
    a.waits.clear();
    a.longest.clear();
    a.without_history = 0;
    input.breaches.longest.clear();
    let pdf = report::quarterly_pack(&input).expect("pack");
    assert!(pdf.starts_with(b"%PDF"));
    let Some((text, _)) = read_back(&pdf, "pack-empty.pdf") else {
        return;
    };
    assert_phrases(
        &text,
        &[
            "本季度判定的 0 个解决时限结果中，违约 0 个（违约率 —）",
            "无违约",
            "本季度没有已解决或仍未解决的工单。",
        ],
    );
}

#[test]
fn numbers_are_formatted_one_way() {
    assert_eq!(fmt_pct(Some(96.25)), "96.3%");
    assert_eq!(fmt_pct(Some(96.3)), "96.3%");
    assert_eq!(fmt_pct(None), report::NOT_MEASURED);
    assert_eq!(fmt_hours(Some(30.44)), "30.4");
    assert_eq!(fmt_hours(None), "—");
    assert_eq!(fmt_count(3520), "3,520");
    // Money: the same table as ui/src/test/people-lib.test.ts.
    for (cents, want) in [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (350_050, "¥3,500.50"),
        (1_200_000, "¥12,000.00"),
        (123_456_789, "¥1,234,567.89"),
        (-150, "-¥1.50"),
    ] {
        assert_eq!(report::fmt_money(cents), want);
    }
}

/// The People section from a real workspace: staff and attendance from the XLSX fixtures, the
/// figures in the PDF equal the People screen's, and names appear only when allowed.
#[test]
fn people_section_agrees_with_the_screen_and_keeps_names_private() {
    use sqm_core::people::{PeopleRecord, RewardKind};
    use sqm_core::workspace::{PeopleImportKind, Workspace};
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("p.sqm")).unwrap();
    sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default()).unwrap();
    let clock = crate::support::clock();
    // The staff list and attendance fixtures on top of the demo's people.
    ws.import_people(
        PeopleImportKind::Staff,
        &crate::support::fixture("people/staff-50.xlsx"),
        &clock,
    )
    .unwrap();
    ws.save_people(&PeopleRecord::Course {
        id: None,
        code: "ITSM-101X".into(),
        topic: "ITSM 复训".into(),
        competence: String::new(),
        hours: 2.0,
        cost_cents: 0,
        provider: String::new(),
    })
    .unwrap();
    ws.import_people(
        PeopleImportKind::Attendance,
        &crate::support::fixture("people/attendance.xlsx"),
        &clock,
    )
    .unwrap();
    let p = ws
        .people(NaiveDate::from_ymd_opt(2026, 9, 30).unwrap())
        .unwrap();
    let e001 = p.staff.iter().find(|s| s.code == "E001").unwrap();
    ws.save_people(&PeopleRecord::Reward {
        id: None,
        staff_id: e001.id,
        awarded_on: NaiveDate::from_ymd_opt(2026, 9, 15).unwrap(),
        kind: RewardKind::Penalty,
        amount_cents: Some(1_234_567),
        points: None,
        reason: "响应超时".into(),
        link_kind: None,
        link_ref: String::new(),
    })
    .unwrap();
    let q = sqm_core::domain::Quarter::new(2026, 3).unwrap();
    let pdf = ws.quarterly_pack(Some(q), Lang::Zh, &clock).unwrap();
    let Some((text, _)) = read_back(&pdf, "people-zh.pdf") else {
        return;
    };
    let m = &p.matrix;
    let q3: Vec<_> = p.training.iter().filter(|t| t.quarter == q).collect();
    assert_eq!(q3.len(), 1);
    let psm = p.courses.iter().find(|c| c.code == "PSM-301").unwrap();
    let session = psm
        .sessions
        .iter()
        .find(|s| s.held_on == NaiveDate::from_ymd_opt(2026, 9, 10).unwrap())
        .unwrap();
    let e = &session.effectiveness;
    assert_phrases(
        &text,
        &[
            "8 人员与能力",
            "角色与职责",
            &format!(
                "{} 名在岗人员共 {} 项岗位能力要求：达标 {}，低于要求 {}，未评估 {}。",
                m.rows.len(),
                m.required,
                m.met,
                m.gaps,
                m.not_assessed
            ),
            "能力差距热力图",
            &format!(
                "2026-09-10 {} {}",
                e.attended,
                format_args!("{:.0}", psm.hours * f64::from(e.attended))
            ),
            &format!("{:+.1}", e.mean_gain.unwrap()),
            "培训人时（按季度）",
            "¥12,345.67",
            "附录 C 数据来源",
        ],
    );
    // Teams only by default: the penalised person's name is not in the pack.
    assert!(!squash(&text).contains(&e001.name), "{} named", e001.name);
    let mut s = ws.settings().unwrap();
    s.pack_names_people = true;
    ws.set_settings(&s).unwrap();
    let pdf = ws.quarterly_pack(Some(q), Lang::En, &clock).unwrap();
    let (text, _) = read_back(&pdf, "people-en.pdf").unwrap();
    assert_phrases(
        &text,
        &[
            "8 People and competence",
            "Performance per person",
            &e001.name,
            "Penalty",
        ],
    );
}

/// Outputs are written whole or not at all: a failed write leaves the previous file as it was
/// and no temporary file behind.
#[test]
fn outputs_are_replaced_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("pack.pdf");
    sqm_core::atomic::write(&good, b"%PDF-old").unwrap();
    sqm_core::atomic::write(&good, b"%PDF-new").unwrap();
    assert_eq!(std::fs::read(&good).unwrap(), b"%PDF-new");
    // The destination's folder is a file: refused with the path named, nothing written.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let err = sqm_core::atomic::write(&blocker.join("pack.pdf"), b"%PDF").unwrap_err();
    assert_eq!(err.code(), "io");
    assert!(err.to_string().contains("not-a-folder"), "{err}");
    // The destination is a folder: the rename fails, the folder and the old file stay.
    let folder = dir.path().join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    assert!(sqm_core::atomic::write(&folder, b"%PDF").is_err());
    assert!(folder.is_dir());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    assert_eq!(std::fs::read(&good).unwrap(), b"%PDF-new");
}
