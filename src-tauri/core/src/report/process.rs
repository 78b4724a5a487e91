//! The pack's process parts — 服务流程 / Service processes (step times, bottleneck, process map,
//! top variants, conformance) and 现状评估 / Current-state assessment (radar, scores per
//! dimension with the evidence, change against the baseline), the SOPs in force for the
//! appendix — and the SOP document on its own (`sqm report --kind sop`). Every figure comes from
//! `crate::process::ProcessView` / `AssessmentView`, which the Processes screen shows.

use super::format::{fmt_count, fmt_hours, fmt_pct, NOT_MEASURED};
use super::i18n::tr;
use super::pdf::{Cell, Column, Composer, Row, Running, Table, ACCENT, INK, MUTED};
use super::{Lang, PackInput, ProcessInput};
use crate::process::charts::{flow_chart, map_chart, radar_chart};
use crate::process::{
    in_lang, AssessmentView, Milestone, Process, SopStep, SopVersion, StepFigures,
};
use chrono::NaiveDateTime;
use std::collections::HashMap;

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const TABLE: f32 = 8.5;
const MAP_H: f32 = 250.0;
const RADAR_H: f32 = 270.0;
const FLOW_H: f32 = 120.0;
/// How many variants the pack lists.
const TOP_VARIANTS: usize = 8;

const GOOD: (u8, u8, u8) = (0x16, 0xa3, 0x4a);
const BAD: (u8, u8, u8) = (0xdc, 0x26, 0x26);

pub(crate) fn milestone_name(m: Milestone, lang: Lang) -> &'static str {
    match m {
        Milestone::Opened => tr(lang, "提交", "opened"),
        Milestone::Assigned => tr(lang, "首次分派", "first assigned"),
        Milestone::Responded => tr(lang, "首次响应", "first response"),
        Milestone::Resolved => tr(lang, "解决", "resolved"),
        Milestone::Closed => tr(lang, "关闭（用户确认）", "closed (confirmed)"),
        Milestone::Feedback => tr(lang, "反馈记录", "feedback recorded"),
    }
}

fn bound(from: Option<Milestone>, to: Option<Milestone>, lang: Lang) -> String {
    match (from, to) {
        (Some(a), Some(b)) => format!("{} → {}", milestone_name(a, lang), milestone_name(b, lang)),
        (None, Some(b)) => format!(
            "{}{}",
            tr(lang, "起点：", "start: "),
            milestone_name(b, lang)
        ),
        _ => tr(lang, "不按工单计时", "not timed from tickets").to_string(),
    }
}

fn step_name(zh: &str, en: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// A step target as people say it (`≤ 15 分钟`, `≤ 24 小时`): exact, so 15 minutes never
/// reads as 0.3 h.
pub(crate) fn target(h: Option<f64>, lang: Lang) -> String {
    h.map_or_else(String::new, |h| {
        format!("≤ {}", super::fmt_duration((h * 60.0).round() as i64, lang))
    })
}

fn signed(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{}{:.1}", if x > 0.0 { "+" } else { "" }, x),
        _ => NOT_MEASURED.to_string(),
    }
}

fn score(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x:.1}"),
        _ => NOT_MEASURED.to_string(),
    }
}

/// The step-time table: "not measured" where a step has no milestones, never zero.
fn step_table(steps: &[StepFigures], lang: Lang) -> Table {
    let rows = steps
        .iter()
        .map(|s| {
            let nm = || Cell::text(tr(lang, "未测量", "not measured"));
            let mut cells = vec![
                Cell::text(format!(
                    "{} {}",
                    s.pos + 1,
                    step_name(&s.name_zh, &s.name_en, lang)
                )),
                Cell::text(bound(s.from, s.to, lang)),
                Cell::text(target(s.target_hours, lang)),
            ];
            if s.measured {
                cells.push(Cell::text(fmt_count(s.tickets)));
                cells.push(Cell::text(fmt_hours(s.median_hours)));
                cells.push(Cell::text(fmt_hours(s.p90_hours)));
                cells.push(match s.within_target_pct {
                    Some(p) => Cell::text(fmt_pct(Some(p))),
                    None => Cell::text(NOT_MEASURED),
                });
            } else {
                cells.push(nm());
                cells.extend((0..3).map(|_| Cell::text(NOT_MEASURED)));
            }
            Row::new(cells)
        })
        .collect();
    Table {
        columns: vec![
            Column::left(tr(lang, "步骤", "Step"), 2.2),
            Column::left(tr(lang, "计时区间", "Timed between"), 2.8),
            Column::right(tr(lang, "目标", "Target"), 1.0),
            Column::right(tr(lang, "工单数", "Tickets"), 1.4),
            Column::right(tr(lang, "中位数 (h)", "Median (h)"), 1.1),
            Column::right("P90 (h)", 1.0),
            Column::right(tr(lang, "目标内", "Within target"), 1.1),
        ],
        rows,
        size: TABLE,
        grouped: false,
    }
}

/// Section 服务流程 / Service processes. Returns the page its heading is on.
pub(crate) fn section(c: &mut Composer, input: &PackInput, title: &str) -> crate::Result<usize> {
    let lang = input.lang;
    let page = c.heading1(title, 120.0);
    let Some(p) = &input.process else {
        return Ok(page);
    };
    let v = &p.view;
    let st = &v.step_times;
    let map = &v.map;
    let conformance = match map.conformance_pct {
        Some(_) => match lang {
            Lang::Zh => format!(
                "符合 SOP 预期顺序的工单 {}（{} / {}）。",
                fmt_pct(map.conformance_pct),
                fmt_count(map.conforming_cases),
                fmt_count(map.cases)
            ),
            Lang::En => format!(
                "{} of tickets followed the SOP's expected order ({} of {}).",
                fmt_pct(map.conformance_pct),
                fmt_count(map.conforming_cases),
                fmt_count(map.cases)
            ),
        },
        None => tr(
            lang,
            "本期没有状态历史，无法判断流程符合度。",
            "No status history this period: conformance cannot be judged.",
        )
        .to_string(),
    };
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "按请求流程 SOP（{}）测量本季度提交的工单。反馈覆盖率 {}（已解决 {} 张中有用户反馈的比例）。{}",
                v.sop_label,
                fmt_pct(st.feedback_coverage_pct),
                fmt_count(st.resolved_tickets),
                conformance
            ),
            Lang::En => format!(
                "Tickets opened this quarter, measured against the request SOP ({}). Feedback coverage {} (of {} resolved tickets, those with a response). {}",
                v.sop_label,
                fmt_pct(st.feedback_coverage_pct),
                fmt_count(st.resolved_tickets),
                conformance
            ),
        },
        10.0,
        ACCENT,
        0.0,
    );
    c.heading2(
        tr(
            lang,
            "各步骤用时（工作时间）",
            "Step times (business hours)",
        ),
        80.0,
    );
    c.table(&step_table(&st.steps, lang));

    c.heading2(
        tr(
            lang,
            "瓶颈：超时工单的时间花在哪里",
            "Bottleneck: where the late tickets' time goes",
        ),
        80.0,
    );
    if st.missed_tickets == 0 {
        c.paragraph(
            tr(
                lang,
                "本期没有未达解决时限的工单。",
                "No ticket missed its resolution target this period.",
            ),
            BODY,
            INK,
            0.0,
        );
    } else {
        c.paragraph(
            &match lang {
                Lang::Zh => format!(
                    "未达解决时限的 {} 张工单，从提交到解决的工作时间按步骤分摊：",
                    fmt_count(st.missed_tickets)
                ),
                Lang::En => format!(
                    "The {} tickets that missed their resolution target: their business time from opening to resolution, by step:",
                    fmt_count(st.missed_tickets)
                ),
            },
            BODY,
            INK,
            0.0,
        );
        let mut rows: Vec<Row> = st
            .bottleneck
            .iter()
            .filter(|b| b.share_pct.is_some())
            .map(|b| {
                Row::new(vec![
                    Cell::text(format!(
                        "{} {}",
                        b.pos + 1,
                        step_name(&b.name_zh, &b.name_en, lang)
                    )),
                    Cell::text(fmt_pct(b.share_pct)),
                    Cell::text(fmt_hours(Some(b.hours))),
                ])
            })
            .collect();
        if let Some(u) = st.unaccounted_pct.filter(|u| *u > 0.05) {
            rows.push(Row::new(vec![
                Cell::text(tr(
                    lang,
                    "未覆盖（缺少里程碑）",
                    "Not covered (missing milestones)",
                )),
                Cell::text(fmt_pct(Some(u))),
                Cell::text(""),
            ]));
        }
        c.table(&Table {
            columns: vec![
                Column::left(tr(lang, "步骤", "Step"), 3.0),
                Column::right(tr(lang, "时间占比", "Share of time"), 1.2),
                Column::right(tr(lang, "合计工作小时", "Business hours, total"), 1.4),
            ],
            rows,
            size: TABLE,
            grouped: false,
        });
    }

    c.heading2(
        tr(lang, "流程图（状态历史）", "Process map (status history)"),
        MAP_H,
    );
    if map.cases == 0 {
        c.paragraph(
            tr(
                lang,
                "本期工单没有状态历史（需导入 ServiceNow 事件日志等状态变更记录）。",
                "This period's tickets carry no status history (import an event log such as ServiceNow's).",
            ),
            BODY,
            MUTED,
            0.0,
        );
        return Ok(page);
    }
    c.map_chart(&map_chart(map, lang), MAP_H)?;
    c.heading2(tr(lang, "主要流程变体", "Top variants"), 80.0);
    let rows = map
        .variants
        .iter()
        .take(TOP_VARIANTS)
        .enumerate()
        .map(|(i, var)| {
            Row::new(vec![
                Cell::text((i + 1).to_string()),
                Cell::text(var.path.join(" → ")),
                Cell::text(fmt_count(var.cases)),
                Cell::text(fmt_pct(Some(var.share_pct))),
                if var.conforms {
                    Cell::dot(tr(lang, "符合", "yes"), GOOD)
                } else {
                    Cell::dot(tr(lang, "不符合", "no"), BAD)
                },
            ])
        })
        .collect();
    c.table(&Table {
        columns: vec![
            Column::right("#", 0.4),
            Column::left(tr(lang, "状态路径", "Path"), 5.0),
            Column::right(tr(lang, "工单数", "Tickets"), 0.9),
            Column::right(tr(lang, "占比", "Share"), 0.9),
            Column::left(tr(lang, "符合 SOP", "Conforms"), 1.0),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "共 {} 种变体。符合度：路径按 SOP 预期顺序（{}）前进，不跳步、不回退；等待类状态不计。",
                fmt_count(map.variants.len() as u64),
                map.expected.join(" → ")
            ),
            Lang::En => format!(
                "{} variants in all. Conformance: the path moves through the SOP's expected order ({}) with no step skipped and no return; waiting states are ignored.",
                fmt_count(map.variants.len() as u64),
                map.expected.join(" → ")
            ),
        },
        SMALL,
        MUTED,
        0.0,
    );
    Ok(page)
}

/// Section 现状评估 / Current-state assessment.
pub(crate) fn assessment(c: &mut Composer, input: &PackInput, title: &str) -> crate::Result<usize> {
    let lang = input.lang;
    let page = c.heading1(title, 120.0);
    let Some(a) = input.process.as_ref().and_then(|p| p.assessment.as_ref()) else {
        c.paragraph(
            tr(lang, "尚无现状评估。", "No current-state assessment yet."),
            BODY,
            MUTED,
            0.0,
        );
        return Ok(page);
    };
    c.paragraph(&assessment_lead(a, lang), 10.0, ACCENT, 0.0);
    c.radar_chart(&radar_chart(a, lang), RADAR_H)?;
    let rows = a
        .rows
        .iter()
        .map(|r| {
            let l = r.latest.as_ref();
            let ev = match lang {
                Lang::Zh => r.evidence.text_zh.clone(),
                Lang::En => r.evidence.text_en.clone(),
            };
            let change = match r.change {
                Some(x) if x >= 0.0 => Cell::dot(signed(Some(x)), GOOD),
                Some(x) => Cell::dot(signed(Some(x)), BAD),
                None => Cell::text(NOT_MEASURED),
            };
            Row::new(vec![
                Cell::text(step_name(&r.name_zh, &r.name_en, lang)),
                Cell::text(score(r.baseline.as_ref().and_then(|d| d.overall))),
                Cell::text(score(l.and_then(|d| d.overall))),
                change,
                Cell::text(score(l.and_then(|d| d.it))),
                Cell::text(score(l.and_then(|d| d.business))),
                Cell::text(signed(l.and_then(|d| d.gap))),
                Cell::text(if ev.is_empty() {
                    NOT_MEASURED.to_string()
                } else {
                    ev
                }),
            ])
        })
        .collect();
    c.table(&Table {
        columns: vec![
            Column::left(tr(lang, "维度", "Dimension"), 2.7),
            Column::right(tr(lang, "基线", "Baseline"), 1.0),
            Column::right(tr(lang, "最新", "Latest"), 0.9),
            Column::right(tr(lang, "变化", "Change"), 1.0),
            Column::right("IT", 0.7),
            Column::right(tr(lang, "业务", "Business"), 1.1),
            Column::right(tr(lang, "差距", "Gap"), 0.8),
            Column::left(tr(lang, "数据佐证", "Evidence from the data"), 3.0).small(7.5),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });
    c.paragraph(
        tr(
            lang,
            "得分 =（题目平均分 − 1）÷ 4 × 100，反向题按 6 − 分值计；差距 = IT 人员得分 − 业务用户得分。首次评估为基线。",
            "Score = (mean item score − 1) ÷ 4 × 100, reverse-scored items as 6 − score; gap = IT staff − business users. The first assessment is the baseline.",
        ),
        SMALL,
        MUTED,
        0.0,
    );
    Ok(page)
}

fn assessment_lead(a: &AssessmentView, lang: Lang) -> String {
    let describe = |id: i64| {
        a.assessments
            .iter()
            .find(|s| s.assessment.id == Some(id))
            .map(|s| (s.assessment.held_on.to_string(), s.respondents))
            .unwrap_or_default()
    };
    match (&a.baseline, &a.latest) {
        (Some(b), Some(l)) if b.assessment_id != l.assessment_id => {
            let (bd, bn) = describe(b.assessment_id);
            let (ld, ln) = describe(l.assessment_id);
            let change = match (b.overall, l.overall) {
                (Some(x), Some(y)) => signed(Some(y - x)),
                _ => NOT_MEASURED.to_string(),
            };
            match lang {
                Lang::Zh => format!(
                    "基线评估（{bd}，{bn} 人）总体得分 {}，最新评估（{ld}，{ln} 人）{}，变化 {change} 分。",
                    score(b.overall),
                    score(l.overall)
                ),
                Lang::En => format!(
                    "Baseline ({bd}, {bn} respondents) scored {} overall; the latest ({ld}, {ln} respondents) {}: {change} points.",
                    score(b.overall),
                    score(l.overall)
                ),
            }
        }
        (_, Some(l)) => {
            let (ld, ln) = describe(l.assessment_id);
            match lang {
                Lang::Zh => format!(
                    "首次评估（{ld}，{ln} 人）总体得分 {}，作为基线；下一次评估将与之比较。",
                    score(l.overall)
                ),
                Lang::En => format!(
                    "First assessment ({ld}, {ln} respondents): {} overall, the baseline the next one is compared with.",
                    score(l.overall)
                ),
            }
        }
        _ => tr(
            lang,
            "评估尚无答卷。",
            "The assessment has no responses yet.",
        )
        .to_string(),
    }
}

fn sop_title(p: &Process, v: &SopVersion, lang: Lang) -> String {
    let name = step_name(&p.name_zh, &p.name_en, lang);
    match lang {
        Lang::Zh => format!("{} {} v{}", p.code, name, v.version),
        Lang::En => format!("{} {} v{}", p.code, name, v.version),
    }
}

fn sop_meta(v: &SopVersion, lang: Lang) -> String {
    let approved = v
        .approved_on
        .map_or_else(|| NOT_MEASURED.to_string(), |d| d.to_string());
    let approver = if v.approver.is_empty() {
        NOT_MEASURED
    } else {
        &v.approver
    };
    match lang {
        Lang::Zh => format!(
            "生效日期 {}；批准人 {}；批准日期 {}。",
            v.effective_from, approver, approved
        ),
        Lang::En => format!(
            "Effective from {}; approved by {} on {}.",
            v.effective_from, approver, approved
        ),
    }
}

fn owner(s: &SopStep, roles: &HashMap<i64, String>, lang: Lang) -> String {
    s.owner_role_id
        .and_then(|id| roles.get(&id).cloned())
        .unwrap_or_else(|| in_lang(&s.owner_text, lang).to_string())
}

/// One SOP: title line, approval, its flow diagram and the table of steps.
fn sop_block(
    c: &mut Composer,
    p: &Process,
    v: &SopVersion,
    roles: &HashMap<i64, String>,
    lang: Lang,
    detailed: bool,
) -> crate::Result<()> {
    let title = sop_title(p, v, lang);
    c.heading2(&title, FLOW_H + 40.0);
    c.paragraph(&sop_meta(v, lang), SMALL, MUTED, 0.0);
    if detailed && !p.description.is_empty() {
        c.paragraph(in_lang(&p.description, lang), BODY, INK, 0.0);
    }
    if !v.steps.is_empty() {
        c.flow_chart(&flow_chart(&title, v, roles, lang), FLOW_H)?;
    }
    let rows = v
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let checklist = s
                .checklist
                .iter()
                .map(|x| format!("□ {}", in_lang(x, lang)))
                .collect::<Vec<_>>()
                .join("\n");
            Row::new(vec![
                Cell::text((i + 1).to_string()),
                Cell::text(step_name(&s.name_zh, &s.name_en, lang)),
                Cell::text(owner(s, roles, lang)),
                Cell::text(in_lang(&s.inputs, lang)),
                Cell::text(in_lang(&s.outputs, lang)),
                Cell::text(checklist),
                Cell::text(target(s.target_hours, lang)),
            ])
        })
        .collect();
    c.table(&Table {
        columns: vec![
            Column::right("#", 0.35),
            Column::left(tr(lang, "步骤", "Step"), 1.3),
            Column::left(tr(lang, "负责角色", "Owner"), 1.3),
            Column::left(tr(lang, "输入", "Inputs"), 1.5).small(7.0),
            Column::left(tr(lang, "输出", "Outputs"), 1.5).small(7.0),
            Column::left(tr(lang, "检查清单", "Checklist"), 2.6).small(7.0),
            Column::right(tr(lang, "时限", "Target"), 0.8),
        ],
        rows,
        size: 7.5,
        grouped: false,
    });
    if !v.expected_states.is_empty() {
        c.paragraph(
            &format!(
                "{}{}",
                tr(lang, "预期状态顺序：", "Expected state order: "),
                v.expected_states.join(" → ")
            ),
            SMALL,
            MUTED,
            0.0,
        );
    }
    Ok(())
}

/// The appendix of the SOPs in force. Returns the page of its heading.
pub(crate) fn appendix(
    c: &mut Composer,
    p: &ProcessInput,
    title: &str,
    lang: Lang,
) -> crate::Result<usize> {
    let page = c.heading1(title, 160.0);
    if p.sops.is_empty() {
        c.paragraph(
            tr(lang, "尚无生效的标准操作程序。", "No SOP in force."),
            BODY,
            MUTED,
            0.0,
        );
    }
    for (proc, v) in &p.sops {
        sop_block(c, proc, v, &p.role_names, lang, false)?;
        c.gap(6.0);
    }
    Ok(page)
}

/// The SOPs as a document of their own: a title page line, then each SOP on its own page.
pub fn sop_pdf(
    sops: &[(Process, SopVersion)],
    role_names: &HashMap<i64, String>,
    lang: Lang,
    generated_at: NaiveDateTime,
) -> crate::Result<Vec<u8>> {
    let organisation = "";
    let title = tr(
        lang,
        "标准操作程序（SOP）",
        "Standard operating procedures (SOP)",
    );
    let mut c = Composer::new(title, organisation, generated_at.and_utc().timestamp());
    for (i, (p, v)) in sops.iter().enumerate() {
        c.new_page();
        if i == 0 {
            c.heading1(title, 60.0);
        }
        sop_block(&mut c, p, v, role_names, lang, true)?;
    }
    if sops.is_empty() {
        c.new_page();
        c.heading1(title, 60.0);
        c.paragraph(
            tr(lang, "没有选中的 SOP。", "No SOP selected."),
            BODY,
            MUTED,
            0.0,
        );
    }
    let generated = generated_at.format("%Y-%m-%d %H:%M").to_string();
    let running = Running {
        header_left: organisation.to_string(),
        header_right: title.to_string(),
        footer_left: super::i18n::generated_line(&generated, lang),
        page_label: Box::new(move |page, total| super::i18n::page_of(page, total, lang)),
    };
    c.finish(&running)
}
