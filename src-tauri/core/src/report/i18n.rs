//! The pack's and the charts' words in Chinese and English. Every user-visible string of the
//! report lives here, so a translation fix is one edit.

use super::Lang;
use crate::domain::{Quarter, Source};
use crate::metrics::Measure;

/// The Chinese or the English of a phrase written inline where it is used.
pub(crate) fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Fixed words of one language.
/// Column titles may contain `\n` where a narrow column should break.
pub struct Words {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub contents: &'static str,
    pub summary: &'static str,
    pub per_service: &'static str,
    pub per_priority: &'static str,
    pub breach: &'static str,
    pub trends: &'static str,
    pub people: &'static str,
    pub satisfaction: &'static str,
    pub complaints: &'static str,
    pub actions: &'static str,
    pub last_review: &'static str,
    pub sources: &'static str,
    pub definitions: &'static str,
    pub standards: &'static str,

    pub kpi_heading: &'static str,
    pub lights_heading: &'static str,
    pub attention_heading: &'static str,
    pub attention_none: &'static str,
    pub breach_by_service: &'static str,
    pub breach_by_priority: &'static str,
    pub breach_by_category: &'static str,
    pub breach_by_group: &'static str,
    pub breach_by_assignee: &'static str,
    pub waits_heading: &'static str,
    pub longest_heading: &'static str,

    pub col_indicator: &'static str,
    pub col_this_quarter: &'static str,
    pub col_prev_quarter: &'static str,
    pub col_target: &'static str,
    pub col_result: &'static str,
    pub col_service: &'static str,
    pub col_measure: &'static str,
    pub col_actual: &'static str,
    pub col_priority: &'static str,
    pub col_volume: &'static str,
    pub col_resolved: &'static str,
    pub col_response_pct: &'static str,
    pub col_resolution_pct: &'static str,
    pub col_csat: &'static str,
    pub col_response_rate: &'static str,
    pub col_median_h: &'static str,
    pub col_p90_h: &'static str,
    pub col_reassign: &'static str,
    pub col_reopen: &'static str,
    pub col_file: &'static str,
    pub col_source: &'static str,
    pub col_imported_at: &'static str,
    pub col_added: &'static str,
    pub col_updated: &'static str,
    pub col_rejected: &'static str,
    pub col_response_target_h: &'static str,
    pub col_response_required: &'static str,
    pub col_resolution_target_h: &'static str,
    pub col_resolution_required: &'static str,
    pub col_satisfaction_target: &'static str,
    pub col_effective_from: &'static str,
    pub col_calendar: &'static str,
    pub col_pause_states: &'static str,
    pub col_tickets_measured: &'static str,
    pub col_category: &'static str,
    pub col_group: &'static str,
    pub col_assignee: &'static str,
    pub col_breaches: &'static str,
    pub col_measured: &'static str,
    pub col_breach_pct: &'static str,
    pub col_state: &'static str,
    pub col_share: &'static str,
    pub col_ticket: &'static str,
    pub col_opened: &'static str,
    pub col_resolved_at: &'static str,
    pub col_business_h: &'static str,
    pub col_target_h: &'static str,
    pub col_paused_h: &'static str,

    pub kpi_volume: &'static str,
    pub kpi_resolved: &'static str,
    pub kpi_response: &'static str,
    pub kpi_resolution: &'static str,
    pub kpi_csat: &'static str,
    pub kpi_response_rate: &'static str,
    pub kpi_median: &'static str,
    pub kpi_p90: &'static str,

    pub met: &'static str,
    pub missed: &'static str,
    pub not_measured: &'static str,
    pub all_services: &'static str,
    pub no_priority: &'static str,
    pub no_standard: &'static str,
    pub no_sources: &'static str,
    pub no_services: &'static str,
    /// A breach table's key when the tickets have no value for it.
    pub no_value: &'static str,
    pub no_breaches: &'static str,
    pub no_tickets: &'static str,
    /// In the longest tickets' "resolved" column: still open at the quarter's end.
    pub still_open: &'static str,
    /// A standard version without a priority applies to all of them.
    pub all_priorities: &'static str,
    /// A standard without pause states.
    pub no_pauses: &'static str,
    pub dash_note: &'static str,
    pub per_service_note: &'static str,
    pub lights_note: &'static str,
    pub sources_note: &'static str,
    pub standards_note: &'static str,
    pub breach_note: &'static str,
    pub waits_note: &'static str,
    pub longest_note: &'static str,

    pub chart_response_title: &'static str,
    pub chart_resolution_title: &'static str,
    pub chart_csat_title: &'static str,
    pub chart_volume_title: &'static str,
    pub chart_attainment_axis: &'static str,
    pub chart_csat_axis: &'static str,
    pub chart_volume_axis: &'static str,
    pub chart_target: &'static str,
    pub trends_note: &'static str,

    /// Appendix A: (term, definition) pairs.
    pub definition_list: &'static [(&'static str, &'static str)],
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// `2026年第3季度` / `2026 Q3`: the quarter as a title reads it.
pub fn quarter_long(q: Quarter, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年第{}季度", q.year, q.q),
        Lang::En => format!("{} Q{}", q.year, q.q),
    }
}

/// `2026 Q3` in both languages: the short form for chart axes.
pub fn quarter_short(q: Quarter) -> String {
    format!("{} Q{}", q.year, q.q)
}

pub fn page_of(page: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {page} 页 / 共 {total} 页"),
        Lang::En => format!("Page {page} of {total}"),
    }
}

/// The one-line verdict: "N of M standards met" with what was missed or not measured.
pub fn standards_verdict(met: u32, measured: u32, not_measured: u32, lang: Lang) -> String {
    let missed = measured.saturating_sub(met);
    match lang {
        Lang::Zh => {
            let mut s = format!(
                "本季度已测量的 {measured} 项服务质量标准中，达成 {met} 项，未达成 {missed} 项"
            );
            if not_measured > 0 {
                s.push_str(&format!("；另有 {not_measured} 项因无数据未测量"));
            }
            s.push('。');
            s
        }
        Lang::En => {
            let mut s =
                format!("{met} of {measured} service standards met this quarter ({missed} missed");
            if not_measured > 0 {
                s.push_str(&format!(", {not_measured} not measured for lack of data"));
            }
            s.push_str(").");
            s
        }
    }
}

pub fn measure_name(m: Measure, lang: Lang) -> &'static str {
    match (m, lang) {
        (Measure::Response, Lang::Zh) => "响应达标率",
        (Measure::Resolution, Lang::Zh) => "解决达标率",
        (Measure::Satisfaction, Lang::Zh) => "用户满意度",
        (Measure::Response, Lang::En) => "Response attainment",
        (Measure::Resolution, Lang::En) => "Resolution attainment",
        (Measure::Satisfaction, Lang::En) => "Satisfaction (CSAT)",
    }
}

/// A standard as a sentence fragment: `≥ 95.0%，1.0 小时内` / `≥ 95.0% within 1.0 h`.
pub fn target_text(required: &str, target_hours: Option<&str>, lang: Lang) -> String {
    match (target_hours, lang) {
        (Some(d), Lang::Zh) => format!("≥ {required}，{d}内"),
        (Some(d), Lang::En) => format!("≥ {required} within {d}"),
        (None, _) => format!("≥ {required}"),
    }
}

/// "Needs attention" line for a missed standard.
pub fn attention_line(
    service: &str,
    measure: &str,
    actual: &str,
    target: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!("{service}：{measure} {actual}（目标 {target}）"),
        Lang::En => format!("{service}: {measure} {actual} (target {target})"),
    }
}

pub fn default_targets_line(
    resp: &str,
    resp_h: &str,
    res: &str,
    res_h: &str,
    sat: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "组织默认目标（全部服务的总体指标按此考核）：{resp_h}内响应 ≥ {resp}；{res_h}内解决 ≥ {res}；满意度 ≥ {sat}。"
        ),
        Lang::En => format!(
            "Organisation default targets (the all-services figures are judged against these): responded within {resp_h} ≥ {resp}; resolved within {res_h} ≥ {res}; satisfied ≥ {sat}."
        ),
    }
}

/// The breach analysis in one sentence: resolution breaches of measured, and response breaches.
pub fn breach_sentence(
    breaches: &str,
    measured: &str,
    pct: &str,
    response_breaches: &str,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "本季度判定的 {measured} 个解决时限结果中，违约 {breaches} 个（违约率 {pct}）；另有响应时限违约 {response_breaches} 个。"
        ),
        Lang::En => format!(
            "{breaches} of the {measured} resolution outcomes decided this quarter breached the target (breach rate {pct}); response targets breached: {response_breaches}."
        ),
    }
}

/// Breaches whose waits are unknown because the tickets carry no status history.
pub fn without_history_line(n: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 个违约工单没有状态历史，无法判断其等待状态，未计入上表。"),
        Lang::En => format!(
            "Breached tickets without a status history (where they waited is unknown; not in the table above): {n}."
        ),
    }
}

/// Tickets still running at the quarter's end: neither met nor breached yet.
pub fn running_line(response: &str, resolution: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "季度末仍在计时（尚未响应或解决、也未到截止时间，不计达标也不计超时）：响应 {response} 张，解决 {resolution} 张。"
        ),
        Lang::En => format!(
            "Still running at the quarter's end (not yet responded to or resolved, deadline not yet passed: neither met nor breached): response {response}, resolution {resolution}."
        ),
    }
}

pub fn chart_target_label(pct: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("目标 {pct}"),
        Lang::En => format!("Target {pct}"),
    }
}

pub fn volume_chart_title(q: Quarter, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("各服务工单量（{}）", quarter_long(q, lang)),
        Lang::En => format!("Tickets opened per service, {}", quarter_long(q, lang)),
    }
}

pub fn source_name(s: Source, lang: Lang) -> &'static str {
    match (s, lang) {
        (Source::ServiceNow, _) => "ServiceNow",
        (Source::Jira, _) => "Jira Service Management",
        (Source::Demo, Lang::Zh) => "演示数据",
        (Source::Demo, Lang::En) => "Demo data",
    }
}

pub fn generated_line(at: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("生成时间：{at}"),
        Lang::En => format!("Generated {at}"),
    }
}

pub fn generated_date_line(date: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("生成日期：{date}"),
        Lang::En => format!("Generated: {date}"),
    }
}

const ZH: Words = Words {
    title: "季度服务质量评审材料",
    subtitle: "IT 服务质量管理 · 季度评审",
    contents: "目录",
    summary: "1  执行摘要",
    per_service: "2  各服务指标",
    per_priority: "3  按优先级指标",
    trends: "4  趋势图",
    breach: "5  违约分析",
    satisfaction: "6  满意度与意见",
    complaints: "7  投诉",
    people: "8  人员与能力",
    actions: "9  改进措施及成效",
    last_review: "10  上次评审的决定",
    sources: "附录 C  数据来源",
    definitions: "附录 A  指标定义",
    standards: "附录 B  本季度适用的服务质量标准",

    kpi_heading: "总体指标",
    lights_heading: "服务质量标准达成情况",
    attention_heading: "需关注",
    attention_none: "本季度所有已测量的服务质量标准均已达成。",
    breach_by_service: "按服务",
    breach_by_priority: "按优先级",
    breach_by_category: "按类别",
    breach_by_group: "按处理组",
    breach_by_assignee: "按处理人",
    waits_heading: "违约工单等待最久的状态",
    longest_heading: "业务时长最长的工单",

    col_indicator: "指标",
    col_this_quarter: "本季度",
    col_prev_quarter: "上季度",
    col_target: "目标",
    col_result: "结果",
    col_service: "服务",
    col_measure: "考核项",
    col_actual: "实际",
    col_priority: "优先级",
    col_volume: "工单量",
    col_resolved: "已解决",
    col_response_pct: "响应\n达标率",
    col_resolution_pct: "解决\n达标率",
    col_csat: "满意度",
    col_response_rate: "回复率",
    col_median_h: "解决时长\n中位数\n（小时）",
    col_p90_h: "解决时长\nP90\n（小时）",
    col_reassign: "重新\n分派率",
    col_reopen: "重开率",
    col_file: "文件",
    col_source: "来源系统",
    col_imported_at: "导入时间",
    col_added: "新增",
    col_updated: "更新",
    col_rejected: "拒绝",
    col_response_target_h: "响应目标",
    col_response_required: "响应\n达标要求",
    col_resolution_target_h: "解决目标",
    col_resolution_required: "解决\n达标要求",
    col_satisfaction_target: "满意度\n目标",
    col_effective_from: "生效日期",
    col_calendar: "服务日历",
    col_pause_states: "暂停状态",
    col_tickets_measured: "考核\n工单数",
    col_category: "类别",
    col_group: "处理组",
    col_assignee: "处理人",
    col_breaches: "违约数",
    col_measured: "已判定",
    col_breach_pct: "违约率",
    col_state: "状态",
    col_share: "占比",
    col_ticket: "工单号",
    col_opened: "开单时间",
    col_resolved_at: "解决时间",
    col_business_h: "业务时长\n（小时）",
    col_target_h: "目标\n（小时）",
    col_paused_h: "暂停\n（小时）",

    kpi_volume: "工单量（本季度新开）",
    kpi_resolved: "已解决工单",
    kpi_response: "响应达标率",
    kpi_resolution: "解决达标率",
    kpi_csat: "用户满意度（CSAT）",
    kpi_response_rate: "满意度回复率",
    kpi_median: "解决时长中位数（小时）",
    kpi_p90: "解决时长 P90（小时）",

    met: "达成",
    missed: "未达成",
    not_measured: "未测量",
    all_services: "全部服务",
    no_priority: "未设置",
    no_standard: "未设定",
    no_sources: "尚无导入记录。",
    no_services: "本季度没有服务数据。",
    no_value: "（未填写）",
    no_breaches: "无违约",
    no_tickets: "本季度没有已解决或仍未解决的工单。",
    still_open: "未解决",
    all_priorities: "全部",
    no_pauses: "不暂停",
    dash_note: "“—”表示未测量：本期没有可测量的数据，不等于 0。",
    per_service_note: "达标率与满意度为百分比；时长（小时）为业务时间，按各标准版本的服务日历计算，并扣除暂停时段。“—”表示未测量。",
    lights_note: "绿色：达成；黄色：未达成且差距小于 5 个百分点；红色：差距 5 个百分点及以上；灰色：无数据，未测量。",
    sources_note: "本材料中的数据来自以下导入，最新的在前。",
    standards_note: "每张工单按其开单当日生效的标准版本考核，时长为该版本服务日历上的业务时间，并扣除处于暂停状态的时段。下表列出本季度考核所用的各版本及按其考核的工单数；本季度没有考核结果的服务列出季度末生效的服务级版本（0 张）。优先级“全部”：适用于没有专属版本的所有优先级。“—”表示该服务尚未设定标准。",
    breach_note: "违约指解决时限的结果在本季度判定为超时（见附录 A）。各表按违约数从多到少列出前几项；违约率 = 违约数 ÷ 本季度已判定的解决结果数，“—”表示未测量。",
    waits_note: "按违约工单在状态历史中停留业务时间最长的状态统计；占比为在有状态历史的违约工单中的比例。",
    longest_note: "本季度解决、或季度末仍未解决的工单中业务时长最长者（扣除暂停）。“未解决”的工单，时长计至季度末。红点表示业务时长超过目标。",

    chart_response_title: "响应达标率趋势（近四个季度）",
    chart_resolution_title: "解决达标率趋势（近四个季度）",
    chart_csat_title: "用户满意度趋势（近四个季度）",
    chart_volume_title: "各服务工单量",
    chart_attainment_axis: "达标率（%）",
    chart_csat_axis: "满意率（%）",
    chart_volume_axis: "工单数（件）",
    chart_target: "目标",
    trends_note: "折线为全部服务的总体值；缺少数据的季度留空，不按 0 绘制。虚线为组织默认目标。",

    definition_list: &[
        ("工单量", "本期内新开的工单数（按开单时间计入季度）。"),
        ("已解决工单", "本期内解决的工单数（按解决时间计入季度）。"),
        (
            "业务时间与服务日历",
            "时长只计服务日历中的工作时段：7×24 日历（24x7）全天计时；工作日历（如 china）只计工作日的工作时段，法定节假日不计；调休补班日（周末上班）按工作日计，工作时段与周一相同。每个标准版本指定自己的服务日历。",
        ),
        (
            "暂停",
            "工单处于标准所列暂停状态（如“等待用户”）的时段停止计时，依据工单的状态历史扣除，截止时间也相应顺延。没有状态历史的工单不扣除暂停。",
        ),
        (
            "标准版本",
            "服务质量标准按生效日期分版本。每张工单按其开单当日生效的版本考核，该优先级有专属版本时优先使用专属版本。",
        ),
        (
            "响应时间",
            "首次响应时间 − 开单时间，按服务日历的业务时间计算，并扣除暂停（如“等待用户”）的时段。",
        ),
        (
            "解决时间",
            "解决时间 − 开单时间，按服务日历的业务时间计算，并扣除暂停的时段。",
        ),
        (
            "响应达标率 / 解决达标率",
            "达标工单数 ÷ 已判定工单数。工单在结果确定时判定：在目标时长内响应（或解决）即为达标；若截止时间（开单时间 + 目标时长）先到，则为超时。期末仍未响应（或解决）且已超过截止时间的工单，计入截止时间所在季度的超时。",
        ),
        (
            "标准达成",
            "达标率 ≥ 要求的百分比（例如 95%）即为达成该项标准。每项服务的响应、解决、满意度各计一项。",
        ),
        (
            "交通灯",
            "绿色：达成；黄色：未达成且差距小于 5 个百分点；红色：差距 5 个百分点及以上；灰色：无数据，未测量。",
        ),
        (
            "用户满意度（CSAT）",
            "评分位于量表最高两档（例如 5 分制的 4 分和 5 分）的回复数 ÷ 全部回复数。平均分统一折算为 1–5 分制。",
        ),
        (
            "仍在计时",
            "期末仍未响应（或解决）、且尚未超过截止时间的工单：既不算达标也不算超时，单独列示；待结果确定时计入结果所在的季度。",
        ),
        (
            "违约分析",
            "违约指解决时限的结果判定为超时，计入判定所在的季度。违约率 = 违约数 ÷ 已判定的解决结果数。等待最久的状态：违约工单在状态历史中停留业务时间最长的状态。",
        ),
        ("满意度回复率", "满意度回复数 ÷ 本期已解决工单数。"),
        (
            "中位数与 P90",
            "中位数为排序后居中的值（偶数个时取中间两个值的平均）；P90 等百分位数在相邻秩之间线性插值，与 Excel 的 PERCENTILE.INC 函数一致，可在电子表格中复核。",
        ),
        ("重新分派率", "已解决工单中至少被重新分派一次的比例。"),
        ("重开率", "已解决工单中至少被重开一次的比例。"),
        ("未测量（—）", "本期没有可测量的数据。未测量不等于 0，也不计入达成或未达成。"),
        (
            "步骤用时（请求流程）",
            "请求流程 SOP 的每个步骤由两个工单里程碑界定（提交、首次分派、首次响应、解决、关闭、反馈记录），用时为两者之间的业务时间（服务日历，扣除暂停）。统计本期提交的工单：工单数、中位数、P90 和目标内比例；数据源没有某个里程碑时该步骤显示“未测量”，不按 0 计。",
        ),
        (
            "瓶颈",
            "未达解决时限的工单，从提交到解决的业务时间按步骤区间分摊后的占比；缺少里程碑而无法归入任何步骤的部分列为“未覆盖”。",
        ),
        ("反馈覆盖率", "已解决工单中有关联满意度反馈的比例。"),
        (
            "流程图与变体",
            "状态路径：工单状态按事件顺序排列（ServiceNow 事件日志按 sys_mod_count，相同时按文件顺序），连续相同的状态合并。流程图统计相邻状态 A → B 的次数、工单数，以及从 A 段首个事件到 B 段首个事件的小时数中位数（自然时间）。变体为不同的状态路径及其工单数。",
        ),
        (
            "流程符合度",
            "状态路径按 SOP 预期状态顺序前进、不跳步、不回退（重开、回到更早的状态）的工单占比；预期顺序以外的状态（如等待类状态）不计。",
        ),
        (
            "现状评估得分",
            "每个维度的得分 =（题目平均分 − 1）÷ 4 × 100（1–5 分量表，反向题按 6 − 分值计），分 IT 人员、业务用户和总体计算；差距 = IT 人员得分 − 业务用户得分。稳定性佐证为各服务月度解决达成率的变异系数，标准化佐证为流程符合度，需求理解佐证为 CSAT，持续改进佐证为近 4 个季度到期的改进措施中已完成且有测量结果的比例。",
        ),
    ],
};

const EN: Words = Words {
    title: "Quarterly Service Quality Review",
    subtitle: "IT service quality management · quarterly review pack",
    contents: "Contents",
    summary: "1  Executive summary",
    per_service: "2  Figures per service",
    per_priority: "3  Figures per priority",
    trends: "4  Trends",
    breach: "5  Breach analysis",
    satisfaction: "6  Satisfaction and comments",
    complaints: "7  Complaints",
    people: "8  People and competence",
    actions: "9  Improvement actions and their results",
    last_review: "10  Decisions of the last review",
    sources: "Appendix C  Data sources",
    definitions: "Appendix A  Definitions",
    standards: "Appendix B  Quality standards applied",

    kpi_heading: "Overall figures",
    lights_heading: "Service quality standards",
    attention_heading: "Needs attention",
    attention_none: "Every measured service quality standard was met this quarter.",
    breach_by_service: "By service",
    breach_by_priority: "By priority",
    breach_by_category: "By category",
    breach_by_group: "By group",
    breach_by_assignee: "By assignee",
    waits_heading: "Where breached tickets waited longest",
    longest_heading: "Longest tickets in business time",

    col_indicator: "Measure",
    col_this_quarter: "This quarter",
    col_prev_quarter: "Previous\nquarter",
    col_target: "Target",
    col_result: "Result",
    col_service: "Service",
    col_measure: "Standard",
    col_actual: "Actual",
    col_priority: "Priority",
    col_volume: "Opened",
    col_resolved: "Resolved",
    col_response_pct: "Response\nmet",
    col_resolution_pct: "Resolution\nmet",
    col_csat: "CSAT",
    col_response_rate: "Survey\nrate",
    col_median_h: "Median\n(h)",
    col_p90_h: "P90\n(h)",
    col_reassign: "Re-\nassigned",
    col_reopen: "Re-\nopened",
    col_file: "File",
    col_source: "Source system",
    col_imported_at: "Imported",
    col_added: "Added",
    col_updated: "Updated",
    col_rejected: "Rejected",
    col_response_target_h: "Resp.\ntarget",
    col_response_required: "Resp.\nrequired",
    col_resolution_target_h: "Resol.\ntarget",
    col_resolution_required: "Resol.\nrequired",
    col_satisfaction_target: "CSAT\ntarget",
    col_effective_from: "Effective\nfrom",
    col_calendar: "Calendar",
    col_pause_states: "Pause states",
    col_tickets_measured: "Tickets\nmeasured",
    col_category: "Category",
    col_group: "Group",
    col_assignee: "Assignee",
    col_breaches: "Breaches",
    col_measured: "Measured",
    col_breach_pct: "Breach\nrate",
    col_state: "State",
    col_share: "Share",
    col_ticket: "Ticket",
    col_opened: "Opened",
    col_resolved_at: "Resolved",
    col_business_h: "Business\nhours",
    col_target_h: "Target\nhours",
    col_paused_h: "Paused\nhours",

    kpi_volume: "Tickets opened",
    kpi_resolved: "Tickets resolved",
    kpi_response: "Response attainment",
    kpi_resolution: "Resolution attainment",
    kpi_csat: "Satisfaction (CSAT)",
    kpi_response_rate: "Survey response rate",
    kpi_median: "Median resolution time (h)",
    kpi_p90: "P90 resolution time (h)",

    met: "Met",
    missed: "Missed",
    not_measured: "Not measured",
    all_services: "All services",
    no_priority: "Not set",
    no_standard: "None",
    no_sources: "Nothing has been imported yet.",
    no_services: "No service has data this quarter.",
    no_value: "(none)",
    no_breaches: "No breaches",
    no_tickets: "No ticket was resolved this quarter or open at its end.",
    still_open: "open",
    all_priorities: "all",
    no_pauses: "none",
    dash_note: "“—” means not measured: there was nothing to measure in the period; it is not zero.",
    per_service_note: "Attainment, CSAT and rates are percentages; times are business hours on each standard's calendar, pauses excluded. “—” means not measured.",
    lights_note: "Green: met; amber: missed by less than 5 points; red: missed by 5 points or more; grey: no data, not measured.",
    sources_note: "The figures in this pack come from these imports, newest first.",
    standards_note: "Each ticket is measured against the standard version in force on the day it was opened, in business time of that version's calendar minus the time spent in its pause states. The table lists the versions the quarter's outcomes were measured against, with the tickets measured under each; a service without outcomes this quarter shows its service-wide version in force at the quarter's end (0 tickets). Priority \"all\": the version applies to every priority without one of its own. “—”: the service has no standard yet.",
    breach_note: "A breach is a resolution target missed, decided this quarter (see Appendix A). Each table lists the groups with the most breaches first; breach rate = breaches ÷ resolution outcomes decided this quarter; “—” means not measured.",
    waits_note: "Breached tickets by the state in which they spent the most business time; the share is of the breached tickets that have a status history.",
    longest_note: "The tickets resolved this quarter or still open at its end with the longest business time (pauses excluded); for an open ticket the time runs to the quarter's end. A red dot marks a time over its target.",

    chart_response_title: "Response attainment, last four quarters",
    chart_resolution_title: "Resolution attainment, last four quarters",
    chart_csat_title: "Satisfaction (CSAT), last four quarters",
    chart_volume_title: "Tickets opened per service",
    chart_attainment_axis: "Attainment (%)",
    chart_csat_axis: "Satisfied (%)",
    chart_volume_axis: "Tickets",
    chart_target: "Target",
    trends_note: "Lines show the all-services figure; a quarter without data is left as a gap, never drawn as 0. Dashed lines are the organisation's default targets.",

    definition_list: &[
        ("Volume", "Tickets opened in the period (a ticket counts in the quarter it was opened)."),
        ("Resolved", "Tickets resolved in the period (counted in the quarter of resolution)."),
        (
            "Business time and calendars",
            "Durations count only the working time of the standard's calendar: the 24x7 calendar counts every hour; a working-day calendar (such as china) counts working hours on working days, skips public holidays, and counts make-up working days (调休: weekend days worked in exchange for a holiday) as working days with Monday's hours. Each standard version names its calendar.",
        ),
        (
            "Pauses",
            "Time a ticket spends in one of its standard's pause states (such as \"Awaiting User Info\") stops the clock, taken from the ticket's status history; the deadline moves out accordingly. Tickets without a status history have no pauses deducted.",
        ),
        (
            "Standard versions",
            "Quality standards are versioned by effective date: each ticket is measured against the version in force on the day it was opened, preferring a version for its priority.",
        ),
        (
            "Response time",
            "First response − opened, in business time of the service's calendar, minus paused intervals (such as \"waiting for user\").",
        ),
        (
            "Resolution time",
            "Resolved − opened, in business time of the service's calendar, minus paused intervals.",
        ),
        (
            "Response / resolution attainment",
            "Tickets that met the target ÷ tickets measured. A ticket is decided when its outcome is known: it met the target if it was responded to (or resolved) within the target; it breached if its deadline (opened + target) passed first. Tickets still open past their deadline count as breached in the quarter the deadline fell.",
        ),
        (
            "Standard met",
            "Attainment ≥ the required percentage (for example 95%). Response, resolution and satisfaction of each service count as one standard each.",
        ),
        (
            "Traffic lights",
            "Green: met; amber: missed by less than 5 points; red: missed by 5 points or more; grey: no data, not measured.",
        ),
        (
            "Satisfaction (CSAT)",
            "Responses scoring in the top two points of their scale (e.g. 4 and 5 of 5) ÷ all responses (top-two-box). The mean score is normalised to a 1–5 scale.",
        ),
        (
            "Still running",
            "Tickets open at the period end that have not yet passed their target: neither met nor breached. They are shown separately and counted in the quarter their outcome is decided.",
        ),
        (
            "Breach analysis",
            "A breach is a resolution target missed, counted in the quarter the outcome was decided. Breach rate = breaches ÷ resolution outcomes decided. Longest wait: the state in which a breached ticket spent the most business time, from its status history.",
        ),
        ("Survey response rate", "Satisfaction responses ÷ tickets resolved in the period."),
        (
            "Median and P90",
            "The median is the middle value (the mean of the two middle values for an even count); P90 and other percentiles interpolate linearly between closest ranks, as Excel's PERCENTILE.INC does, so any figure can be checked in a spreadsheet.",
        ),
        ("Reassignment rate", "Share of resolved tickets reassigned at least once."),
        ("Reopen rate", "Share of resolved tickets reopened at least once."),
        (
            "Not measured (—)",
            "There was nothing to measure in the period. It is not zero and counts neither as met nor as missed.",
        ),
        (
            "Step times (request process)",
            "Each step of the request SOP is bounded by two ticket milestones (opened, first assigned, first response, resolved, closed, feedback recorded); its time is the business time between them (service calendar, pauses excluded). Over the tickets opened in the period: tickets, median, P90 and share within the step target. A step whose milestone the source lacks reads \"not measured\", never zero.",
        ),
        (
            "Bottleneck",
            "For the tickets that missed their resolution target, the share of their business time from opening to resolution that falls in each step; time no step covers (missing milestones) is shown as not covered.",
        ),
        ("Feedback coverage", "Resolved tickets with a linked satisfaction response ÷ resolved tickets."),
        (
            "Process map and variants",
            "State path: a ticket's states in event order (ServiceNow event logs: by sys_mod_count, ties in file order) with consecutive repeats merged. The map counts each pair of consecutive states A → B (occurrences and tickets) with the median wall-clock hours from the first event of A to the first event of B. Variants are the distinct paths with their ticket counts.",
        ),
        (
            "Conformance",
            "Share of tickets whose path follows the SOP's expected state order with no step skipped and no return to an earlier state (reopen); states outside the expected order (waiting states) are ignored.",
        ),
        (
            "Assessment scores",
            "Per dimension, (mean item score − 1) ÷ 4 × 100 on the 1–5 scale, reverse-scored items as 6 − score, for IT staff, business users and overall; gap = IT − business. Evidence: stability = coefficient of variation of monthly resolution attainment per service; standardisation = conformance; needs = CSAT; improvement = share of the actions due in the last 4 quarters that are done with a measured result.",
        ),
    ],
};
