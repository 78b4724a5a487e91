//! The pack's sections 11 服务流程 and 12 现状评估, appendix D (SOPs in force) and the SOP
//! document, read back from real PDFs: the figures printed are the figures given, a step
//! without milestones reads "not measured" (never 0), and the change against the baseline is
//! the difference of the overall scores.

use crate::report::{pack_input, read_back, squash};
use chrono::NaiveDate;
use sqm_core::process::*;
use sqm_core::report::{quarterly_pack, sop_pdf, Lang, ProcessInput};
use std::collections::HashMap;

fn step(
    pos: usize,
    zh: &str,
    en: &str,
    from: Option<Milestone>,
    to: Option<Milestone>,
) -> StepFigures {
    StepFigures {
        pos,
        name_zh: zh.into(),
        name_en: en.into(),
        from,
        to,
        target_hours: Some(0.5),
        measured: false,
        tickets: 0,
        median_hours: None,
        p90_hours: None,
        within_target_pct: None,
    }
}

fn view() -> ProcessView {
    use Milestone::*;
    let mut assign = step(
        1,
        "确认并分配",
        "Confirmed and assigned",
        Some(Opened),
        Some(Assigned),
    );
    assign.measured = true;
    assign.tickets = 1234;
    assign.median_hours = Some(0.25);
    assign.p90_hours = Some(1.75);
    assign.within_target_pct = Some(71.25);
    let steps = vec![
        step(0, "提交", "Submitted", None, Some(Opened)),
        assign,
        step(2, "响应", "Responded", Some(Assigned), Some(Responded)),
    ];
    let t = |from: &str, to: &str, count, cases, h| Transition {
        from: from.into(),
        to: to.into(),
        count,
        cases,
        median_hours: Some(h),
    };
    ProcessView {
        query: ProcessQuery {
            start: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
            service_id: None,
            priority: None,
        },
        sop_label: "REQ v1.1".into(),
        step_times: StepTimes {
            steps,
            missed_tickets: 87,
            bottleneck: vec![BottleneckShare {
                pos: 1,
                name_zh: "确认并分配".into(),
                name_en: "Confirmed and assigned".into(),
                share_pct: Some(63.4),
                hours: 412.5,
            }],
            unaccounted_pct: Some(36.6),
            feedback_coverage_pct: Some(31.9),
            resolved_tickets: 1180,
        },
        map: ProcessMap {
            cases: 890,
            events: 2900,
            states: vec![
                "New".into(),
                "Active".into(),
                "Resolved".into(),
                "Closed".into(),
            ],
            starts: vec![880, 10, 0, 0],
            ends: vec![0, 5, 40, 845],
            transitions: vec![
                t("New", "Active", 870, 870, 0.4),
                t("Active", "Resolved", 860, 850, 20.5),
                t("Resolved", "Closed", 845, 845, 120.0),
                t("Resolved", "Active", 12, 10, 30.0),
            ],
            variants: vec![Variant {
                path: vec![
                    "New".into(),
                    "Active".into(),
                    "Resolved".into(),
                    "Closed".into(),
                ],
                cases: 823,
                share_pct: 92.47,
                conforms: true,
            }],
            conformance_pct: Some(92.47),
            conforming_cases: 823,
            expected: vec![
                "New".into(),
                "Active".into(),
                "Resolved".into(),
                "Closed".into(),
            ],
        },
        map_svg: String::new(),
        services: vec![],
        priorities: vec![],
    }
}

fn score(id: i64, overall: f64, it: f64, business: f64) -> DimensionScore {
    DimensionScore {
        dimension_id: id,
        code: format!("D{id}"),
        name_zh: String::new(),
        name_en: String::new(),
        evidence: Evidence::None,
        overall: Some(overall),
        it: Some(it),
        business: Some(business),
        gap: Some(it - business),
        answers: 200,
    }
}

fn assessment_view() -> AssessmentView {
    let summary = |id, date: (i32, u32, u32), n| AssessmentSummary {
        assessment: Assessment {
            id: Some(id),
            title: format!("A{id}"),
            held_on: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            notes: String::new(),
        },
        respondents: n,
        it_respondents: 16,
        business_respondents: n - 16,
    };
    let names = [
        ("服务质量不稳定", "Unstable service quality"),
        ("缺乏标准化流程", "No standard process"),
        ("用户需求未充分理解", "User needs not understood"),
        ("缺乏持续改进机制", "No continual improvement"),
    ];
    let base = [37.5, 31.25, 45.0, 28.75];
    let now = [62.5, 66.25, 55.0, 60.0];
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, (zh, en))| DimensionRow {
            code: format!("D{}", i + 1),
            name_zh: (*zh).into(),
            name_en: (*en).into(),
            baseline: Some(score(i as i64 + 1, base[i], base[i] + 5.0, base[i] - 3.0)),
            latest: Some(score(i as i64 + 1, now[i], now[i] + 8.0, now[i] - 6.0)),
            change: Some(now[i] - base[i]),
            evidence: EvidenceValue {
                evidence: Evidence::None,
                value: None,
                text_zh: format!("佐证{}", i + 1),
                text_en: format!("evidence {}", i + 1),
            },
        })
        .collect();
    let total = |id, v: f64| AssessmentScores {
        assessment_id: id,
        respondents: 40,
        it_respondents: 16,
        business_respondents: 24,
        dimensions: vec![],
        overall: Some(v),
    };
    AssessmentView {
        questionnaire: Questionnaire { dimensions: vec![] },
        assessments: vec![summary(1, (2025, 9, 20), 40), summary(2, (2026, 9, 18), 41)],
        baseline: Some(total(1, 35.625)),
        latest: Some(total(2, 60.9375)),
        rows,
        radar_svg: String::new(),
    }
}

fn sop() -> (Process, SopVersion) {
    let lib = sqm_core::process::defaults::library();
    let (mut p, mut v) = lib.into_iter().next().expect("the default library has REQ");
    p.id = Some(1);
    v.id = Some(1);
    v.process_id = 1;
    (p, v)
}

fn input(lang: Lang) -> sqm_core::report::PackInput {
    let mut input = pack_input(lang);
    input.process = Some(ProcessInput {
        view: view(),
        assessment: Some(assessment_view()),
        sops: vec![sop()],
        role_names: HashMap::new(),
    });
    input
}

#[test]
fn the_pack_carries_the_process_and_assessment_sections() {
    let pdf = quarterly_pack(&input(Lang::Zh)).expect("pack");
    let Some((text, _pages)) = read_back(&pdf, "pack-process.pdf") else {
        return;
    };
    let flat = squash(&text);
    for phrase in [
        "11服务流程",
        "12现状评估",
        "附录D现行标准操作程序",
        // The lead sentence: SOP, feedback coverage, conformance with its counts.
        "REQv1.1",
        "31.9%",
        "92.5%（823/890）",
        // The measured step's figures; the unmeasured ones as text.
        "1,234",
        "0.3",
        "1.8",
        "71.3%",
        "未测量",
        // Bottleneck: the share and the uncovered rest.
        "63.4%",
        "36.6%",
        // Variants: the path with its share.
        "New→Active→Resolved→Closed",
        // Assessment: overall 35.6 → 60.9 is +25.3 points; each row's change.
        "+25.3",
        "+25.0",
        "+35.0",
        "佐证3",
        // Appendix D: the default request SOP's steps.
        "反馈记录",
        "确认并分配",
    ] {
        assert!(
            flat.contains(&squash(phrase)),
            "missing {phrase:?} in:\n{text}"
        );
    }
    // The unmeasured step reads "not measured" in its tickets column, no zeros after it.
    assert!(
        flat.contains(&squash("3 响应 首次分派 → 首次响应 ≤ 30 分钟 未测量 — — —")),
        "{text}"
    );
}

#[test]
fn the_english_pack_uses_the_english_titles() {
    let pdf = quarterly_pack(&input(Lang::En)).expect("pack");
    let Some((text, _)) = read_back(&pdf, "pack-process-en.pdf") else {
        return;
    };
    let flat = squash(&text);
    for phrase in [
        "11 Service processes",
        "12 Current-state assessment",
        "Appendix D SOPs in force",
        "not measured",
        "Confirmed and assigned",
    ] {
        assert!(
            flat.contains(&squash(phrase)),
            "missing {phrase:?} in:\n{text}"
        );
    }
}

#[test]
fn the_sop_document_lists_every_step_with_its_checklist() {
    let (p, v) = sop();
    let generated = NaiveDate::from_ymd_opt(2026, 10, 8)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let pdf = sop_pdf(
        &[(p.clone(), v.clone())],
        &HashMap::new(),
        Lang::Zh,
        generated,
    )
    .expect("sop");
    let Some((text, pages)) = read_back(&pdf, "sop.pdf") else {
        return;
    };
    assert!(pages >= 1);
    let flat = squash(&text);
    assert!(flat.contains(&squash(&p.code)), "{text}");
    for s in &v.steps {
        assert!(
            flat.contains(&squash(&s.name_zh)),
            "missing step {} in:\n{text}",
            s.name_zh
        );
        for item in &s.checklist {
            // Long items wrap; their first characters are enough to find them.
            let head: String = squash(item).chars().take(6).collect();
            assert!(
                flat.contains(&head),
                "missing checklist item {item:?} in:\n{text}"
            );
        }
    }
}
