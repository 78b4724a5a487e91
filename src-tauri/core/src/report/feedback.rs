//! The pack's feedback and improvement parts: the executive summary's programme evaluation, top
//! three issues and decisions needed (chosen by rule), and the sections "satisfaction and
//! comments", "complaints", "improvement actions and their results" and "decisions of the last
//! review". Every figure comes from `crate::feedback::Feedback`, which the app's screens show.

use super::format::{fmt_count, fmt_hours, fmt_pct, NOT_MEASURED};
use super::i18n::tr;
use super::pack::light_color;
use super::pdf::{Cell, Column, Composer, Row, Table, ACCENT, INK, MUTED};
use super::people::{fmt_hours_num, fmt_money};
use super::{FeedbackInput, Lang, PackInput};
use crate::feedback::*;
use crate::metrics::{Light, Measure};
use chrono::NaiveDate;

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const TABLE: f32 = 8.5;

/// A metric's name on paper (the UI has the same names in `ui/src/lib/feedback.ts`).
pub fn metric_name(k: MetricKey, lang: Lang) -> &'static str {
    match k {
        MetricKey::ResponseAttainment => tr(lang, "响应达成率", "Response attainment"),
        MetricKey::ResolutionAttainment => tr(lang, "解决达成率", "Resolution attainment"),
        MetricKey::Csat => tr(lang, "满意度 (CSAT)", "CSAT"),
        MetricKey::MeanScore => tr(lang, "平均评分（1–5）", "Mean score (1–5)"),
        MetricKey::ResponseRate => tr(lang, "评价回收率", "Response rate"),
        MetricKey::MedianResolutionHours => {
            tr(lang, "解决时间中位数（小时）", "Median resolution (h)")
        }
        MetricKey::P90ResolutionHours => tr(lang, "解决时间 P90（小时）", "P90 resolution (h)"),
        MetricKey::ReassignmentRate => tr(lang, "转派率", "Reassignment rate"),
        MetricKey::ReopenRate => tr(lang, "重开率", "Reopen rate"),
        MetricKey::Volume => tr(lang, "工单量", "Tickets opened"),
        MetricKey::ResolvedPerStaff => tr(lang, "人均解决工单", "Resolved per person"),
        MetricKey::Complaints => tr(lang, "投诉数", "Complaints"),
    }
}

/// A metric's value as the app shows it.
pub fn fmt_metric(k: MetricKey, v: Option<f64>) -> String {
    match v {
        None => NOT_MEASURED.to_string(),
        Some(x) if k.is_pct() => fmt_pct(Some(x)),
        Some(x) => match k {
            MetricKey::MedianResolutionHours | MetricKey::P90ResolutionHours => fmt_hours(Some(x)),
            MetricKey::MeanScore => format!("{x:.2}"),
            MetricKey::ResolvedPerStaff => format!("{x:.1}"),
            _ => fmt_count(x.round().max(0.0) as u64),
        },
    }
}

/// The absolute change: points for percentages, the metric's unit otherwise, with a sign.
pub fn fmt_abs(k: MetricKey, v: Option<f64>, lang: Lang) -> String {
    match v {
        None => NOT_MEASURED.to_string(),
        Some(x) if k.is_pct() => format!("{x:+.1} {}", tr(lang, "个百分点", "pts")),
        Some(x) => match k {
            MetricKey::MeanScore => format!("{x:+.2}"),
            MetricKey::Volume | MetricKey::Complaints => format!("{x:+.0}"),
            _ => format!("{x:+.1}"),
        },
    }
}

pub fn fmt_rel(v: Option<f64>) -> String {
    v.map_or_else(|| NOT_MEASURED.to_string(), |x| format!("{x:+.1}%"))
}

/// An action's status, marked red with "overdue" when it is.
fn status_cell(a: &ActionView, lang: Lang) -> Cell {
    let name = status_name(a.action.status, lang);
    if a.overdue {
        Cell::dot(
            format!("{name} · {}", tr(lang, "逾期", "overdue")),
            light_color(Light::Red),
        )
    } else {
        Cell::text(name)
    }
}

/// Whether an action reached its target: met, not met, or "—" when not judged.
fn achieved_cell(v: Option<bool>, lang: Lang) -> Cell {
    match v {
        Some(_) => yes_no(v, lang),
        None => Cell::text(NOT_MEASURED),
    }
}

fn yes_no(v: Option<bool>, lang: Lang) -> Cell {
    match v {
        Some(true) => Cell::dot(tr(lang, "达成", "Met"), light_color(Light::Green)),
        Some(false) => Cell::dot(tr(lang, "未达成", "Not met"), light_color(Light::Red)),
        None => Cell::dot(
            tr(lang, "无法判断", "Not measured"),
            light_color(Light::Grey),
        ),
    }
}

fn service_label(f: &FeedbackInput, id: Option<i64>, lang: Lang) -> String {
    match id {
        None => tr(lang, "全部服务", "All services").to_string(),
        Some(id) => f
            .services
            .iter()
            .find(|s| s.0 == id)
            .map_or_else(|| format!("#{id}"), |s| s.2.clone()),
    }
}

/// A person's name, or their team when the pack names no one.
fn person(f: &FeedbackInput, id: Option<i64>) -> String {
    let Some(id) = id else {
        return NOT_MEASURED.to_string();
    };
    match f.staff.iter().find(|s| s.0 == id) {
        Some((_, name, team)) => {
            if f.names {
                name.clone()
            } else if team.is_empty() {
                NOT_MEASURED.to_string()
            } else {
                team.clone()
            }
        }
        None => NOT_MEASURED.to_string(),
    }
}

fn status_name(s: ActionStatus, lang: Lang) -> &'static str {
    match s {
        ActionStatus::Open => tr(lang, "未开始", "Open"),
        ActionStatus::InProgress => tr(lang, "进行中", "In progress"),
        ActionStatus::Done => tr(lang, "已完成", "Done"),
        ActionStatus::Cancelled => tr(lang, "已取消", "Cancelled"),
    }
}

fn origin_name(o: Origin, lang: Lang) -> &'static str {
    match o {
        Origin::Review => tr(lang, "评审", "Review"),
        Origin::Complaint => tr(lang, "投诉", "Complaint"),
        Origin::Breach => tr(lang, "违约", "Breach"),
        Origin::Audit => tr(lang, "审核", "Audit"),
    }
}

fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Low => tr(lang, "低", "Low"),
        Severity::Medium => tr(lang, "中", "Medium"),
        Severity::High => tr(lang, "高", "High"),
        Severity::Critical => tr(lang, "严重", "Critical"),
    }
}

fn complaint_status_name(s: ComplaintStatus, lang: Lang) -> &'static str {
    match s {
        ComplaintStatus::Open => tr(lang, "待处理", "Open"),
        ComplaintStatus::Investigating => tr(lang, "调查中", "Investigating"),
        ComplaintStatus::Resolved => tr(lang, "已解决", "Resolved"),
        ComplaintStatus::Closed => tr(lang, "已关闭", "Closed"),
    }
}

fn measure_name(m: Measure, lang: Lang) -> &'static str {
    super::i18n::measure_name(m, lang)
}

/// The three issues the summary leads with, by rule: missed standards (largest gap first),
/// then falling figures (largest fall first), then overdue actions, then open serious
/// complaints.
pub fn top_issues(f: &FeedbackInput, lang: Lang) -> Vec<String> {
    let p = &f.data.prefill;
    let mut out = Vec::new();
    let mut missed: Vec<&MissedStandard> = p.missed.iter().collect();
    let gap = |m: &MissedStandard| m.required_pct - m.actual_pct.unwrap_or(m.required_pct);
    missed.sort_by(|a, b| gap(b).total_cmp(&gap(a)).then(a.code.cmp(&b.code)));
    for m in missed {
        out.push(match lang {
            Lang::Zh => format!(
                "{}的{}为 {}，低于标准 {}。",
                m.name,
                measure_name(m.measure, lang),
                fmt_pct(m.actual_pct),
                fmt_pct(Some(m.required_pct))
            ),
            Lang::En => format!(
                "{}: {} {} against the standard {}.",
                m.name,
                measure_name(m.measure, lang),
                fmt_pct(m.actual_pct),
                fmt_pct(Some(m.required_pct))
            ),
        });
    }
    let mut falling: Vec<&Falling> = p.falling.iter().collect();
    let size = |x: &Falling| {
        if x.metric == MetricKey::MedianResolutionHours {
            (x.current - x.previous) / x.previous.max(1e-9) * 100.0
        } else {
            x.previous - x.current
        }
    };
    falling.sort_by(|a, b| size(b).total_cmp(&size(a)).then(a.code.cmp(&b.code)));
    for x in falling {
        out.push(match lang {
            Lang::Zh => format!(
                "{}的{}由上季度 {} 变为 {}。",
                x.name,
                metric_name(x.metric, lang),
                fmt_metric(x.metric, Some(x.previous)),
                fmt_metric(x.metric, Some(x.current))
            ),
            Lang::En => format!(
                "{}: {} went from {} last quarter to {}.",
                x.name,
                metric_name(x.metric, lang),
                fmt_metric(x.metric, Some(x.previous)),
                fmt_metric(x.metric, Some(x.current))
            ),
        });
    }
    for a in p.open_actions.iter().filter(|a| a.overdue) {
        out.push(match lang {
            Lang::Zh => format!(
                "改进措施 {}“{}”已逾期（截止 {}）。",
                a.action.code, a.action.title, a.action.due_on
            ),
            Lang::En => format!(
                "Improvement action {} \"{}\" is overdue (due {}).",
                a.action.code, a.action.title, a.action.due_on
            ),
        });
    }
    for c in f.data.complaints.iter().filter(|c| {
        matches!(c.severity, Severity::High | Severity::Critical)
            && matches!(
                c.status,
                ComplaintStatus::Open | ComplaintStatus::Investigating
            )
    }) {
        out.push(match lang {
            Lang::Zh => format!(
                "{}的{}投诉仍未解决（{} 收到）：{}",
                service_label(f, c.service_id, lang),
                severity_name(c.severity, lang),
                c.received_on,
                c.description
            ),
            Lang::En => format!(
                "An unresolved {} complaint about {} (received {}): {}",
                severity_name(c.severity, lang).to_lowercase(),
                service_label(f, c.service_id, lang),
                c.received_on,
                c.description
            ),
        });
    }
    out.truncate(3);
    out
}

/// What management is asked to decide, by rule: each overdue action, each missed standard that
/// no open action targets, each programme target not met. At most six.
pub fn decisions_needed(f: &FeedbackInput, lang: Lang) -> Vec<String> {
    let p = &f.data.prefill;
    let mut out = Vec::new();
    for a in p.open_actions.iter().filter(|a| a.overdue) {
        out.push(match lang {
            Lang::Zh => format!(
                "{}“{}”已逾期：延期、调整负责人还是取消？",
                a.action.code, a.action.title
            ),
            Lang::En => format!(
                "{} \"{}\" is overdue: extend, reassign or cancel?",
                a.action.code, a.action.title
            ),
        });
    }
    let mut seen = std::collections::BTreeSet::new();
    for m in &p.missed {
        let covered = p
            .open_actions
            .iter()
            .any(|a| a.action.service_id == Some(m.service_id));
        if covered || !seen.insert(m.service_id) {
            continue;
        }
        out.push(match lang {
            Lang::Zh => format!(
                "{}未达到{}标准，尚无进行中的改进措施：是否立项？",
                m.name,
                measure_name(m.measure, lang)
            ),
            Lang::En => format!(
                "{} missed its {} standard and has no open improvement action: start one?",
                m.name,
                measure_name(m.measure, lang).to_lowercase()
            ),
        });
    }
    if let Some(e) = &f.data.evaluation {
        for (j, zh, en) in [
            (
                &e.efficiency,
                "效率目标（解决时间缩短）未达成：追加措施还是调整目标？",
                "The efficiency target (shorter resolution) is not met: more measures or a new target?",
            ),
            (
                &e.satisfaction,
                "满意度目标未达成：追加措施还是调整目标？",
                "The satisfaction target is not met: more measures or a new target?",
            ),
        ] {
            if j.met == Some(false) {
                out.push(tr(lang, zh, en).to_string());
            }
        }
    }
    out.truncate(6);
    out
}

/// The executive summary's programme evaluation, top issues and decisions needed.
pub(crate) fn summary_block(c: &mut Composer, input: &PackInput, f: &FeedbackInput) {
    let lang = input.lang;
    if let Some(e) = &f.data.evaluation {
        c.heading2(
            &match lang {
                Lang::Zh => format!("项目评估：{} 对比基线 {}", e.current, e.baseline),
                Lang::En => format!(
                    "Programme evaluation: {} against the baseline {}",
                    e.current, e.baseline
                ),
            },
            70.0,
        );
        let row = |j: &TargetJudgement, name: &str, target: String| {
            let r = e.rows.iter().find(|r| r.metric == j.metric);
            Row::new(vec![
                Cell::text(name),
                Cell::text(fmt_metric(j.metric, r.and_then(|r| r.change.baseline))),
                Cell::text(fmt_metric(j.metric, r.and_then(|r| r.change.current))),
                Cell::text(fmt_rel(j.change_pct)),
                Cell::text(target),
                yes_no(j.met, lang),
            ])
        };
        c.table(&Table {
            columns: vec![
                Column::left(tr(lang, "目标", "Target"), 2.6),
                Column::right(tr(lang, "基线", "Baseline"), 1.1),
                Column::right(tr(lang, "本季度", "Now"), 1.1),
                Column::right(tr(lang, "相对变化", "Change"), 1.1),
                Column::left(tr(lang, "要求", "Required"), 1.4),
                Column::left(tr(lang, "结果", "Result"), 1.3),
            ],
            rows: vec![
                row(
                    &e.efficiency,
                    tr(
                        lang,
                        "交付效率（解决时间中位数）",
                        "Efficiency (median resolution time)",
                    ),
                    format!("≤ −{:.0}%", e.targets.efficiency_pct),
                ),
                row(
                    &e.satisfaction,
                    tr(lang, "用户满意度 (CSAT)", "User satisfaction (CSAT)"),
                    format!("≥ +{:.0}%", e.targets.satisfaction_pct),
                ),
            ],
            size: TABLE,
            grouped: false,
        });
    }
    c.heading2(tr(lang, "三大问题", "Top three issues"), 40.0);
    let issues = top_issues(f, lang);
    if issues.is_empty() {
        c.paragraph(
            tr(
                lang,
                "本季度没有需要特别关注的问题。",
                "Nothing stands out this quarter.",
            ),
            BODY,
            INK,
            0.0,
        );
    }
    for (i, s) in issues.iter().enumerate() {
        c.paragraph(&format!("{}. {s}", i + 1), BODY, INK, 0.0);
    }
    c.heading2(tr(lang, "需要管理层决定的事项", "Decisions needed"), 40.0);
    let decisions = decisions_needed(f, lang);
    if decisions.is_empty() {
        c.paragraph(
            tr(
                lang,
                "本季度无需管理层另行决定。",
                "No decision is needed this quarter.",
            ),
            BODY,
            INK,
            0.0,
        );
    }
    for s in &decisions {
        c.bullet(s, BODY, ACCENT);
    }
}

/// 满意度与意见 / Satisfaction and comments.
pub(crate) fn satisfaction(c: &mut Composer, input: &PackInput, title: &str) -> usize {
    let lang = input.lang;
    let page = c.heading1(title, 120.0);
    let Some(f) = &input.feedback else {
        return page;
    };
    let q = f.data.quarter;
    c.paragraph(
        tr(
            lang,
            "满意度 = 评分处于其量表最高两档的回复 ÷ 全部回复（是/否量表为“是”）；平均分换算到 1–5 分；回收率 = 回复 ÷ 已解决工单。",
            "CSAT = responses in the top two points of their scale ÷ all responses (\"yes\" on a yes/no scale); the mean is rescaled to 1–5; response rate = responses ÷ tickets resolved.",
        ),
        SMALL,
        MUTED,
        0.0,
    );
    let rows_of = |svc: Option<i64>| {
        let this = f
            .data
            .satisfaction
            .iter()
            .find(|r| r.service_id == svc && r.quarter == q);
        let prev = f
            .data
            .satisfaction
            .iter()
            .find(|r| r.service_id == svc && r.quarter == q.prev());
        (this, prev)
    };
    let mut rows = Vec::new();
    let mut ids: Vec<(Option<i64>, String)> = f
        .data
        .satisfaction
        .iter()
        .filter(|r| r.service_id.is_some() && r.quarter == q)
        .map(|r| (r.service_id, r.name.clone()))
        .collect();
    ids.dedup();
    ids.push((None, tr(lang, "全部服务", "All services").to_string()));
    for (svc, name) in &ids {
        let (this, prev) = rows_of(*svc);
        let ch = change(
            MetricKey::Csat,
            prev.and_then(|p| p.csat),
            this.and_then(|t| t.csat),
        );
        rows.push(Row {
            cells: vec![
                Cell::text(name.as_str()),
                Cell::text(fmt_count(this.map_or(0, |t| t.responses))),
                Cell::text(fmt_pct(this.and_then(|t| t.csat))),
                Cell::text(fmt_pct(prev.and_then(|p| p.csat))),
                Cell::text(fmt_abs(MetricKey::Csat, ch.abs, lang)),
                Cell::text(fmt_metric(
                    MetricKey::MeanScore,
                    this.and_then(|t| t.mean_score),
                )),
                Cell::text(fmt_pct(this.and_then(|t| t.response_rate))),
            ],
            strong: svc.is_none(),
        });
    }
    c.table(&Table {
        columns: vec![
            Column::left(tr(lang, "服务", "Service"), 2.2),
            Column::right(tr(lang, "回复数", "Responses"), 1.0),
            Column::right(tr(lang, "满意度", "CSAT"), 1.0),
            Column::right(tr(lang, "上季度", "Last quarter"), 1.1),
            Column::right(tr(lang, "变化", "Change"), 1.3),
            Column::right(tr(lang, "平均分", "Mean"), 0.9),
            Column::right(tr(lang, "回收率", "Response rate"), 1.1),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });

    // Channels: how the quarter's responses came in.
    let channels = &f.data.channels;
    if !channels.is_empty() {
        let line = channels
            .iter()
            .map(|ch| {
                format!(
                    "{} {} ({} {})",
                    channel_name(&ch.channel, lang),
                    fmt_count(ch.responses),
                    fmt_pct(Some(
                        ch.satisfied as f64 * 100.0 / ch.responses.max(1) as f64
                    )),
                    tr(lang, "满意", "satisfied")
                )
            })
            .collect::<Vec<_>>()
            .join(tr(lang, "；", "; "));
        c.paragraph(
            &format!("{}{line}", tr(lang, "按渠道：", "By channel: ")),
            SMALL,
            MUTED,
            0.0,
        );
    }

    // Interviews of the quarter.
    let interviews: Vec<&Interview> = f
        .data
        .interviews
        .iter()
        .filter(|i| crate::domain::Quarter::of_date(i.held_on) == q)
        .collect();
    c.heading2(tr(lang, "用户访谈", "User interviews"), 60.0);
    if interviews.is_empty() {
        c.paragraph(
            tr(lang, "本季度没有访谈记录。", "No interviews this quarter."),
            BODY,
            INK,
            0.0,
        );
    } else {
        c.table(&Table {
            columns: vec![
                Column::left(tr(lang, "日期", "Date"), 1.1),
                Column::left(tr(lang, "部门", "Department"), 1.3),
                Column::left(tr(lang, "服务", "Service"), 1.5),
                Column::left(tr(lang, "评价", "Judgement"), 1.2),
                Column::left(tr(lang, "要点", "Notes"), 4.2).small(7.5),
            ],
            rows: interviews
                .iter()
                .map(|i| {
                    Row::new(vec![
                        Cell::text(i.held_on.to_string()),
                        Cell::text(i.department.as_str()),
                        Cell::text(service_label(f, i.service_id, lang)),
                        Cell::text(judgement_name(i.judgement, lang)),
                        Cell::text(i.notes.as_str()),
                    ])
                })
                .collect(),
            size: TABLE,
            grouped: false,
        });
    }

    // Comments chosen by rule.
    c.heading2(tr(lang, "代表性意见", "Representative comments"), 60.0);
    c.paragraph(
        tr(
            lang,
            "每项服务取本季度评分最低与最高的各两条带意见的回复（按量表折算后比较；同分取较新的）。",
            "For each service, the two commented responses with the lowest and the two with the highest score this quarter (compared on their scale; ties go to the newer).",
        ),
        SMALL,
        MUTED,
        0.0,
    );
    if f.data.excerpts.is_empty() {
        c.paragraph(
            tr(
                lang,
                "本季度没有带意见的回复。",
                "No response carried a comment this quarter.",
            ),
            BODY,
            INK,
            0.0,
        );
    }
    let mut rows = Vec::new();
    for e in &f.data.excerpts {
        let name = service_label(f, Some(e.service_id), lang);
        let mut first = true;
        for (kind, list) in [
            (tr(lang, "最低", "Lowest"), &e.lowest),
            (tr(lang, "最高", "Highest"), &e.highest),
        ] {
            for r in list {
                rows.push(Row::new(vec![
                    Cell::text(if first { name.clone() } else { String::new() }),
                    Cell::text(kind),
                    Cell::text(format!(
                        "{} / {}–{}",
                        fmt_hours_num(r.score),
                        r.scale_min,
                        r.scale_max
                    )),
                    Cell::text(r.responded_on.to_string()),
                    Cell::text(r.comment.as_str()),
                ]));
                first = false;
            }
        }
    }
    if !rows.is_empty() {
        c.table(&Table {
            columns: vec![
                Column::left(tr(lang, "服务", "Service"), 1.6),
                Column::left(tr(lang, "类别", "Kind"), 0.8),
                Column::right(tr(lang, "评分", "Score"), 1.0),
                Column::left(tr(lang, "日期", "Date"), 1.1),
                Column::left(tr(lang, "意见", "Comment"), 4.5).small(7.5),
            ],
            rows,
            size: TABLE,
            grouped: true,
        });
    }
    page
}

pub fn channel_name(ch: &str, lang: Lang) -> String {
    match ch {
        "survey" => tr(lang, "问卷", "survey").into(),
        "ticket" => tr(lang, "工单评价", "ticket rating").into(),
        "phone" => tr(lang, "电话回访", "phone").into(),
        "interview" => tr(lang, "访谈", "interview").into(),
        "email" => tr(lang, "邮件", "email").into(),
        other => other.into(),
    }
}

pub fn judgement_name(j: u8, lang: Lang) -> &'static str {
    match j {
        1 => tr(lang, "非常不满意", "Very dissatisfied"),
        2 => tr(lang, "不满意", "Dissatisfied"),
        3 => tr(lang, "一般", "Neutral"),
        4 => tr(lang, "满意", "Satisfied"),
        _ => tr(lang, "非常满意", "Very satisfied"),
    }
}

/// 投诉 / Complaints: the quarter's complaints and any still open from before.
pub(crate) fn complaints(c: &mut Composer, input: &PackInput, title: &str) -> usize {
    let lang = input.lang;
    let page = c.heading1(title, 120.0);
    let Some(f) = &input.feedback else {
        return page;
    };
    let q = f.data.quarter;
    let in_q = |d: NaiveDate| crate::domain::Quarter::of_date(d) == q;
    let list: Vec<&Complaint> = f
        .data
        .complaints
        .iter()
        .filter(|c| {
            in_q(c.received_on)
                || (c.received_on < q.start_date()
                    && matches!(
                        c.status,
                        ComplaintStatus::Open | ComplaintStatus::Investigating
                    ))
        })
        .collect();
    let received = list.iter().filter(|c| in_q(c.received_on)).count();
    let loss: i64 = list
        .iter()
        .filter(|c| in_q(c.received_on))
        .filter_map(|c| c.loss_cents)
        .sum();
    let open = list
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                ComplaintStatus::Open | ComplaintStatus::Investigating
            )
        })
        .count();
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "本季度收到投诉 {received} 起，估计损失 {}；目前未结 {open} 起。",
                fmt_money(loss)
            ),
            Lang::En => format!(
                "{received} complaints received this quarter, estimated loss {}; {open} still open.",
                fmt_money(loss)
            ),
        },
        11.0,
        ACCENT,
        0.0,
    );
    // Four quarters of counts, so the direction is visible.
    let mut counts = Vec::new();
    let mut qq = q.prev().prev().prev();
    for _ in 0..4 {
        let n = f
            .data
            .complaints
            .iter()
            .filter(|c| crate::domain::Quarter::of_date(c.received_on) == qq)
            .count();
        counts.push(format!("{qq} {n}"));
        qq = qq.next();
    }
    c.paragraph(
        &format!(
            "{}{}",
            tr(
                lang,
                "近四个季度投诉数：",
                "Complaints in the last four quarters: "
            ),
            counts.join(" · ")
        ),
        SMALL,
        MUTED,
        0.0,
    );
    if list.is_empty() {
        c.paragraph(
            tr(lang, "本季度没有投诉。", "No complaints this quarter."),
            BODY,
            INK,
            0.0,
        );
        return page;
    }
    let action_code = |id: Option<i64>| {
        id.and_then(|id| f.data.actions.iter().find(|a| a.action.id == id))
            .map_or_else(String::new, |a| a.action.code.clone())
    };
    c.table(&Table {
        columns: vec![
            Column::left(tr(lang, "日期", "Date"), 1.1),
            Column::left(tr(lang, "服务", "Service"), 1.3),
            Column::left(tr(lang, "严重度", "Severity"), 0.8),
            Column::left(tr(lang, "描述", "Description"), 3.6).small(7.5),
            Column::right(tr(lang, "损失", "Loss"), 1.1),
            Column::left(tr(lang, "状态", "Status"), 0.9),
            Column::left(tr(lang, "措施", "Action"), 0.9),
        ],
        rows: list
            .iter()
            .map(|k| {
                let light = match k.severity {
                    Severity::Critical | Severity::High => Light::Red,
                    Severity::Medium => Light::Amber,
                    Severity::Low => Light::Grey,
                };
                Row::new(vec![
                    Cell::text(k.received_on.to_string()),
                    Cell::text(service_label(f, k.service_id, lang)),
                    Cell::dot(severity_name(k.severity, lang), light_color(light)),
                    Cell::text(k.description.as_str()),
                    Cell::text(k.loss_cents.map_or_else(|| NOT_MEASURED.into(), fmt_money)),
                    Cell::text(complaint_status_name(k.status, lang)),
                    Cell::text(action_code(k.action_id)),
                ])
            })
            .collect(),
        size: TABLE,
        grouped: false,
    });
    page
}

/// 改进措施及成效 / Improvement actions and their results.
pub(crate) fn actions(c: &mut Composer, input: &PackInput, title: &str) -> usize {
    let lang = input.lang;
    let page = c.heading1(title, 120.0);
    let Some(f) = &input.feedback else {
        return page;
    };
    let all = &f.data.actions;
    let count = |s: ActionStatus| all.iter().filter(|a| a.action.status == s).count();
    let overdue = all.iter().filter(|a| a.overdue).count();
    let achieved = all.iter().filter(|a| a.achieved == Some(true)).count();
    let judged = all.iter().filter(|a| a.achieved.is_some()).count();
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "改进措施登记共 {} 项：未开始 {}，进行中 {}，已完成 {}，已取消 {}；逾期 {}。已完成且有测量结果的 {} 项中，{} 项达到目标值。",
                all.len(),
                count(ActionStatus::Open),
                count(ActionStatus::InProgress),
                count(ActionStatus::Done),
                count(ActionStatus::Cancelled),
                overdue,
                judged,
                achieved
            ),
            Lang::En => format!(
                "The register holds {} actions: {} open, {} in progress, {} done, {} cancelled; {} overdue. Of the {} done actions with a measured result, {} reached their target.",
                all.len(),
                count(ActionStatus::Open),
                count(ActionStatus::InProgress),
                count(ActionStatus::Done),
                count(ActionStatus::Cancelled),
                overdue,
                judged,
                achieved
            ),
        },
        10.0,
        ACCENT,
        0.0,
    );
    c.paragraph(
        tr(
            lang,
            "“措施后”为措施完成后开始的每个完整季度中该指标的最新值，由数据自动填入；完成后尚无完整季度的显示“—”。",
            "\"After\" is the targeted metric in the latest full quarter that began after the action was done, filled in from the data; \"—\" until such a quarter exists.",
        ),
        SMALL,
        MUTED,
        0.0,
    );
    let rows = all
        .iter()
        .map(|a| {
            let x = &a.action;
            let metric = x.metric.map_or_else(
                || NOT_MEASURED.to_string(),
                |k| {
                    format!(
                        "{} · {}",
                        metric_name(k, lang),
                        service_label(f, x.service_id, lang)
                    )
                },
            );
            let k = x.metric.unwrap_or(MetricKey::Volume);
            let after = a.measured.map_or_else(
                || NOT_MEASURED.to_string(),
                |m| format!("{} ({})", fmt_metric(k, m.value), m.quarter),
            );
            let status = status_cell(a, lang);
            let result = achieved_cell(a.achieved, lang);
            Row::new(vec![
                Cell::text(x.code.as_str()),
                Cell::text(format!("{}（{}）", x.title, origin_name(x.origin, lang))),
                Cell::text(person(f, x.owner_staff_id)),
                Cell::text(x.due_on.to_string()),
                status,
                Cell::text(metric),
                Cell::text(if x.metric.is_some() {
                    fmt_metric(k, x.baseline_value)
                } else {
                    NOT_MEASURED.into()
                }),
                Cell::text(if x.metric.is_some() {
                    fmt_metric(k, x.target_value)
                } else {
                    NOT_MEASURED.into()
                }),
                Cell::text(after),
                result,
            ])
        })
        .collect();
    c.table(&Table {
        columns: vec![
            Column::left(tr(lang, "编号", "No."), 1.0),
            Column::left(tr(lang, "措施（来源）", "Action (origin)"), 2.2).small(7.0),
            Column::left(
                if f.names {
                    tr(lang, "负责人", "Owner")
                } else {
                    tr(lang, "负责团队", "Owner team")
                },
                1.1,
            )
            .small(7.0),
            Column::left(tr(lang, "截止", "Due"), 1.3).small(7.0),
            Column::left(tr(lang, "状态", "Status"), 1.3).small(7.0),
            Column::left(tr(lang, "指标", "Metric"), 1.8).small(7.0),
            Column::right(tr(lang, "基线", "Base-\nline"), 0.9),
            Column::right(tr(lang, "目标", "Target"), 0.85),
            Column::right(tr(lang, "措施后", "After"), 1.3).small(7.0),
            Column::left(tr(lang, "结果", "Result"), 1.1),
        ],
        rows,
        size: 7.5,
        grouped: false,
    });
    evaluation_table(c, f, lang);
    page
}

/// Every metric at the programme's baseline and now (the Improvement screen's evaluation).
fn evaluation_table(c: &mut Composer, f: &FeedbackInput, lang: Lang) {
    let Some(e) = &f.data.evaluation else {
        return;
    };
    c.heading2(
        &match lang {
            Lang::Zh => format!(
                "项目评估：全部指标（{} 对比基线 {}）",
                e.current, e.baseline
            ),
            Lang::En => format!(
                "Programme evaluation: every metric ({} against the baseline {})",
                e.current, e.baseline
            ),
        },
        120.0,
    );
    let rows = e
        .rows
        .iter()
        .map(|r| {
            let ch = &r.change;
            let mark = match ch.improved {
                Some(true) => Cell::dot(tr(lang, "改善", "Better"), light_color(Light::Green)),
                Some(false) => Cell::dot(tr(lang, "变差", "Worse"), light_color(Light::Red)),
                None => Cell::text(NOT_MEASURED),
            };
            Row::new(vec![
                Cell::text(metric_name(r.metric, lang)),
                Cell::text(fmt_metric(r.metric, ch.baseline)),
                Cell::text(fmt_metric(r.metric, ch.current)),
                Cell::text(fmt_abs(r.metric, ch.abs, lang)),
                Cell::text(fmt_rel(ch.rel_pct)),
                mark,
            ])
        })
        .collect();
    c.table(&Table {
        columns: vec![
            Column::left(tr(lang, "指标", "Metric"), 2.6),
            Column::right(tr(lang, "基线", "Baseline"), 1.1),
            Column::right(tr(lang, "本季度", "Now"), 1.1),
            Column::right(tr(lang, "绝对变化", "Change"), 1.4),
            Column::right(tr(lang, "相对变化", "Relative"), 1.1),
            Column::left(tr(lang, "方向", "Direction"), 1.0),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });
}

/// The latest review meeting of a quarter before the pack's (its decisions are what this
/// review checks).
pub fn last_review(f: &Feedback) -> Option<&Meeting> {
    f.meetings
        .iter()
        .filter(|m| m.quarter < f.quarter)
        .max_by_key(|m| (m.held_on, m.id))
}

/// 上次评审的决定 / Decisions of the last review, with what became of its actions.
pub(crate) fn last_decisions(c: &mut Composer, input: &PackInput, title: &str) -> usize {
    let lang = input.lang;
    let page = c.heading1(title, 120.0);
    let Some(f) = &input.feedback else {
        return page;
    };
    let Some(m) = last_review(&f.data) else {
        c.paragraph(
            tr(
                lang,
                "尚无上次评审会议的记录。",
                "No earlier review meeting is on record.",
            ),
            BODY,
            INK,
            0.0,
        );
        return page;
    };
    let who = if f.names {
        m.attendees
            .iter()
            .map(|id| person(f, Some(*id)))
            .collect::<Vec<_>>()
            .join(tr(lang, "、", ", "))
    } else {
        let mut teams: std::collections::BTreeMap<String, u32> = Default::default();
        for id in &m.attendees {
            *teams.entry(person(f, Some(*id))).or_default() += 1;
        }
        teams
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect::<Vec<_>>()
            .join(tr(lang, "、", ", "))
    };
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "{}（{} 召开，评审 {}）；参会 {} 人：{}",
                m.title,
                m.held_on,
                m.quarter,
                m.attendees.len(),
                who
            ),
            Lang::En => format!(
                "{} (held {}, reviewing {}); {} attendees: {}",
                m.title,
                m.held_on,
                m.quarter,
                m.attendees.len(),
                who
            ),
        },
        10.0,
        ACCENT,
        0.0,
    );
    if !m.findings.trim().is_empty() {
        c.heading2(tr(lang, "发现", "Findings"), 40.0);
        c.paragraph(&m.findings, BODY, INK, 0.0);
    }
    c.heading2(tr(lang, "决定", "Decisions"), 40.0);
    let decisions: Vec<&str> = m
        .decisions
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if decisions.is_empty() {
        c.paragraph(
            tr(
                lang,
                "会议未记录决定。",
                "The meeting recorded no decisions.",
            ),
            BODY,
            INK,
            0.0,
        );
    }
    for d in decisions {
        c.bullet(d, BODY, ACCENT);
    }
    let from_meeting: Vec<&ActionView> = f
        .data
        .actions
        .iter()
        .filter(|a| a.action.meeting_id == Some(m.id))
        .collect();
    if !from_meeting.is_empty() {
        c.heading2(tr(lang, "决定的落实", "What became of them"), 60.0);
        c.table(&Table {
            columns: vec![
                Column::left(tr(lang, "编号", "No."), 0.9),
                Column::left(tr(lang, "措施", "Action"), 3.2),
                Column::left(tr(lang, "状态", "Status"), 1.3),
                Column::left(tr(lang, "完成日期", "Done on"), 1.1),
                Column::left(tr(lang, "结果", "Result"), 1.0),
            ],
            rows: from_meeting
                .iter()
                .map(|a| {
                    Row::new(vec![
                        Cell::text(a.action.code.as_str()),
                        Cell::text(a.action.title.as_str()),
                        status_cell(a, lang),
                        Cell::text(
                            a.action
                                .done_on
                                .map_or_else(|| NOT_MEASURED.into(), |d| d.to_string()),
                        ),
                        achieved_cell(a.achieved, lang),
                    ])
                })
                .collect(),
            size: TABLE,
            grouped: false,
        });
    }
    page
}
