//! The cost-benefit report (成本效益分析): summary, assumptions, cost breakdown, benefit
//! drivers, cash flows, ROI / NPV / IRR / payback, the sensitivity tornado with break-even
//! values, expected vs measured, definitions — as PDF (Chinese or English) and the same tables
//! as an XLSX workbook. Also the short cost-benefit block of the quarterly pack's summary.

use super::format::{fmt_pct, NOT_MEASURED};
use super::i18n::quarter_long;
use super::i18n::tr;
use super::pdf::{
    Cell, Column, Composer, Rgb8, Row, Running, Table, ACCENT, INK, LEFT, MUTED, RULE, WIDTH,
};
use super::people::fmt_money;
use super::Lang;
use crate::charts::text::ASCENT;
use crate::charts::BarChart;
use crate::costbenefit::*;
use chrono::NaiveDateTime;

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const TABLE: f32 = 8.5;

pub(crate) fn category_name(c: CostCategory, lang: Lang) -> &'static str {
    match c {
        CostCategory::Training => tr(lang, "培训", "Training"),
        CostCategory::ToolPurchase => tr(lang, "工具采购", "Tool purchase"),
        CostCategory::ToolMaintenance => tr(lang, "工具维护", "Tool maintenance"),
        CostCategory::ProcessTime => tr(lang, "流程变更工时", "Process change time"),
        CostCategory::Other => tr(lang, "其他", "Other"),
    }
}

fn years(v: Option<f64>, lang: Lang) -> String {
    match v {
        Some(y) => match lang {
            Lang::Zh => format!("{y:.2} 年"),
            Lang::En => format!("{y:.2} years"),
        },
        None => tr(lang, "期内未回收", "not within the horizon").to_string(),
    }
}

pub(crate) fn irr_text(irr: &Irr, lang: Lang) -> String {
    match irr {
        Irr::Rate { rate, multiple } => {
            let pct = fmt_pct(Some(rate * 100.0));
            if *multiple {
                format!(
                    "{pct} {}",
                    tr(
                        lang,
                        "（现金流多次变号）",
                        "(flows change sign more than once)"
                    )
                )
            } else {
                pct
            }
        }
        Irr::None { .. } => tr(lang, "不存在", "does not exist").to_string(),
    }
}

/// A sensitivity or break-even input named in the report's language, from its stable key:
/// `benefit.<i>.<quantity>`, `cost.<category>`, `discount_rate`.
fn input_label(key: &str, s: &Scenario, fallback: &str, lang: Lang) -> String {
    if key == "discount_rate" {
        return tr(lang, "折现率", "Discount rate").into();
    }
    if let Some(cat) = key.strip_prefix("cost.") {
        if let Some(c) = CostCategory::ALL.iter().find(|c| c.key() == cat) {
            return match lang {
                Lang::Zh => format!("{}成本", category_name(*c, lang)),
                Lang::En => format!("{} costs", category_name(*c, lang)),
            };
        }
    }
    let mut parts = key.split('.');
    if let (Some("benefit"), Some(i), Some(q)) = (parts.next(), parts.next(), parts.next()) {
        if let Some(d) = i.parse::<usize>().ok().and_then(|i| s.benefits.get(i)) {
            let what = match q {
                "minutes" => tr(lang, "每单节省分钟", "minutes saved per request"),
                "requests" => tr(lang, "年请求量", "requests per year"),
                "hourly_cost" => tr(lang, "小时成本", "hourly cost"),
                "complaints" => tr(lang, "年减少投诉数", "complaints avoided per year"),
                "cost_per_complaint" => tr(lang, "每次投诉成本", "cost per complaint"),
                _ => tr(lang, "年金额", "amount per year"),
            };
            return match lang {
                Lang::Zh => format!("{}：{what}", d.label()),
                Lang::En => format!("{}: {what}", d.label()),
            };
        }
    }
    fallback.to_string()
}

/// The engine's notes (English) in the report's language.
fn note_text(note: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return note.to_string();
    }
    match note {
        "no costs or benefit drivers yet" => "尚未录入成本与收益驱动因素".into(),
        "measured: the workspace has no tickets to measure yet" => "实测：工作区尚无可测量的工单".into(),
        "measured: resolution got slower than the baseline, so no time is counted as saved" => {
            "实测：解决时间比基准期更长，因此不计节省时间".into()
        }
        "measured: the workspace keeps no complaint records yet, so complaints avoided keep their expected value" => {
            "实测：工作区尚无投诉记录，减少投诉沿用预期值".into()
        }
        other => {
            // "cost item 'X' falls in year N, after the H-year horizon: not counted"
            if let Some(rest) = other.strip_prefix("cost item '") {
                if let Some((label, tail)) = rest.split_once("' falls in year ") {
                    let year = tail.split(',').next().unwrap_or("");
                    return format!("成本项“{label}”发生在第 {year} 年，超出分析期限，未计入");
                }
            }
            other.to_string()
        }
    }
}

/// (label, expected, measured) rows of the key results.
fn key_rows(cb: &CostBenefit, lang: Lang) -> Vec<(String, String, String)> {
    let cell = |s: &Option<Scenario>, f: &dyn Fn(&Evaluation) -> String| {
        s.as_ref()
            .map_or_else(|| NOT_MEASURED.to_string(), |s| f(&s.evaluation))
    };
    type Figure = Box<dyn Fn(&Evaluation) -> String>;
    let rows: Vec<(&str, Figure)> = vec![
        (
            tr(lang, "总成本", "Total cost"),
            Box::new(|e: &Evaluation| fmt_money(e.total_cost_cents)),
        ),
        (
            tr(lang, "总收益", "Total benefit"),
            Box::new(|e: &Evaluation| fmt_money(e.total_benefit_cents)),
        ),
        (
            tr(lang, "净收益", "Net benefit"),
            Box::new(|e: &Evaluation| fmt_money(e.net_benefit_cents)),
        ),
        (
            tr(lang, "投资回报率 ROI", "ROI"),
            Box::new(|e: &Evaluation| fmt_pct(e.roi_pct)),
        ),
        (
            tr(lang, "净现值 NPV", "NPV"),
            Box::new(|e: &Evaluation| fmt_money(e.npv_cents)),
        ),
        (
            tr(lang, "内部收益率 IRR", "IRR"),
            Box::new(move |e: &Evaluation| irr_text(&e.irr, lang)),
        ),
        (
            tr(lang, "静态回收期", "Payback (simple)"),
            Box::new(move |e: &Evaluation| years(e.payback_years, lang)),
        ),
        (
            tr(lang, "动态回收期", "Payback (discounted)"),
            Box::new(move |e: &Evaluation| years(e.discounted_payback_years, lang)),
        ),
    ];
    rows.into_iter()
        .map(|(label, f)| {
            (
                label.to_string(),
                cell(&cb.expected, &*f),
                cell(&cb.measured, &*f),
            )
        })
        .collect()
}

fn key_table(cb: &CostBenefit, lang: Lang) -> Table {
    Table {
        columns: vec![
            Column::left(tr(lang, "指标", "Figure"), 2.2),
            Column::right(tr(lang, "预期（计划假设）", "Expected (plan)"), 2.0),
            Column::right(tr(lang, "实测", "Measured"), 2.0),
        ],
        rows: key_rows(cb, lang)
            .into_iter()
            .map(|(a, b, c)| Row::new(vec![Cell::text(a), Cell::text(b), Cell::text(c)]))
            .collect(),
        size: TABLE,
        grouped: false,
    }
}

fn plan_lines(m: &Measured, lang: Lang) -> Vec<String> {
    let verdict = |met: Option<bool>| match met {
        Some(true) => tr(lang, "达成", "met"),
        Some(false) => tr(lang, "未达成", "not met"),
        None => tr(lang, "无法衡量", "not measurable"),
    };
    let pct = |v: Option<f64>| v.map_or(NOT_MEASURED.to_string(), |v| format!("{v:+.1}%"));
    let hours = |v: Option<f64>| v.map_or(NOT_MEASURED.to_string(), |v| format!("{v:.1}"));
    let (b, c) = (
        quarter_long(m.baseline, lang),
        quarter_long(m.current, lang),
    );
    match lang {
        Lang::Zh => vec![
            format!(
                "效率：解决时间中位数从 {b} 的 {} 小时变为 {c} 的 {} 小时，变化 {}（计划目标：缩短 {PLAN_EFFICIENCY_PCT:.0}%）——{}。",
                hours(m.baseline_median_hours),
                hours(m.current_median_hours),
                pct(m.efficiency_change_pct),
                verdict(m.efficiency_target_met)
            ),
            format!(
                "满意度：CSAT 从 {} 变为 {}，相对变化 {}（计划目标：提升 {PLAN_SATISFACTION_PCT:.0}%）——{}。",
                fmt_pct(m.baseline_csat),
                fmt_pct(m.current_csat),
                pct(m.satisfaction_change_pct),
                verdict(m.satisfaction_target_met)
            ),
            format!(
                "实测场景采用：每单节省 {} 分钟，年请求量 {}（截至 {c} 的最近四个季度）。",
                m.minutes_saved_per_request
                    .map_or(NOT_MEASURED.to_string(), |v| format!("{:.1}", v.max(0.0))),
                super::format::fmt_count(m.requests_per_year)
            ),
        ],
        Lang::En => vec![
            format!(
                "Efficiency: median resolution time went from {} h in {b} to {} h in {c}, a change of {} (plan: {PLAN_EFFICIENCY_PCT:.0}% shorter) — {}.",
                hours(m.baseline_median_hours),
                hours(m.current_median_hours),
                pct(m.efficiency_change_pct),
                verdict(m.efficiency_target_met)
            ),
            format!(
                "Satisfaction: CSAT went from {} to {}, a relative change of {} (plan: +{PLAN_SATISFACTION_PCT:.0}%) — {}.",
                fmt_pct(m.baseline_csat),
                fmt_pct(m.current_csat),
                pct(m.satisfaction_change_pct),
                verdict(m.satisfaction_target_met)
            ),
            format!(
                "The measured scenario uses {} minutes saved per request and {} requests a year (the four quarters to {c}).",
                m.minutes_saved_per_request
                    .map_or(NOT_MEASURED.to_string(), |v| format!("{:.1}", v.max(0.0))),
                super::format::fmt_count(m.requests_per_year)
            ),
        ],
    }
}

/// The cost-benefit block of the quarterly pack's summary.
pub(crate) fn pack_block(c: &mut Composer, cb: &CostBenefit, lang: Lang) {
    c.heading2(tr(lang, "成本效益", "Cost-benefit"), 160.0);
    if cb.expected.is_none() {
        c.paragraph(
            tr(
                lang,
                "尚未录入成本与收益驱动因素：在“成本效益”界面录入后，此处显示投资回报。",
                "No costs or benefit drivers yet: enter them on the Cost-benefit screen to see the return here.",
            ),
            BODY,
            INK,
            0.0,
        );
        return;
    }
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "{} 年期、折现率 {}。详见单独的成本效益分析报告。",
                cb.params.horizon_years,
                fmt_pct(Some(cb.params.discount_rate * 100.0))
            ),
            Lang::En => format!(
                "Over {} years at a {} discount rate. The full cost-benefit report has the details.",
                cb.params.horizon_years,
                fmt_pct(Some(cb.params.discount_rate * 100.0))
            ),
        },
        SMALL,
        MUTED,
        0.0,
    );
    c.table(&key_table(cb, lang));
    if let Some(m) = &cb.measurement {
        c.gap(4.0);
        for line in plan_lines(m, lang) {
            c.bullet(&line, BODY, ACCENT);
        }
    }
}

/// The report as PDF bytes.
pub fn cost_benefit_pdf(
    cb: &CostBenefit,
    organisation: &str,
    lang: Lang,
    generated_at: NaiveDateTime,
) -> crate::Result<Vec<u8>> {
    let title = tr(lang, "成本效益分析", "Cost-benefit analysis");
    let org = if organisation.trim().is_empty() {
        tr(lang, "本组织", "Our organisation").to_string()
    } else {
        organisation.to_string()
    };
    let mut c = Composer::new(title, &org, generated_at.and_utc().timestamp());
    c.new_page();
    c.strong_text_at(LEFT, c.y - 20.0, 22.0, ACCENT, title);
    c.y -= 34.0;
    c.paragraph(&org, 11.0, MUTED, 0.0);
    c.gap(8.0);

    // 1 Summary.
    c.heading1(tr(lang, "1  摘要", "1  Summary"), 160.0);
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "期限 {} 年（第 0 年为 {} 的投入），折现率 {}，币种 CNY。“预期”采用录入的假设（计划：效率 +{PLAN_EFFICIENCY_PCT:.0}%、满意度 +{PLAN_SATISFACTION_PCT:.0}%）；“实测”用本工作区的测量值替换标记为实测的驱动因素。",
                cb.params.horizon_years,
                cb.params.start,
                fmt_pct(Some(cb.params.discount_rate * 100.0))
            ),
            Lang::En => format!(
                "Horizon {} years (year 0 is the investment at {}), discount rate {}, currency CNY. \"Expected\" uses the assumptions entered (the plan: efficiency +{PLAN_EFFICIENCY_PCT:.0}%, satisfaction +{PLAN_SATISFACTION_PCT:.0}%); \"measured\" replaces the drivers marked as measured with this workspace's figures.",
                cb.params.horizon_years,
                cb.params.start,
                fmt_pct(Some(cb.params.discount_rate * 100.0))
            ),
        },
        BODY,
        INK,
        0.0,
    );
    c.table(&key_table(cb, lang));
    if let Some(m) = &cb.measurement {
        c.gap(4.0);
        c.heading2(
            tr(
                lang,
                "计划目标与实测",
                "The plan's targets against what was measured",
            ),
            60.0,
        );
        for line in plan_lines(m, lang) {
            c.bullet(&line, BODY, ACCENT);
        }
    }
    for n in &cb.notes {
        c.paragraph(&format!("· {}", note_text(n, lang)), SMALL, MUTED, 0.0);
    }

    // 2 Costs.
    c.new_page();
    c.heading1(tr(lang, "2  成本构成", "2  Cost breakdown"), 200.0);
    if let Some(s) = &cb.expected {
        let cats = &s.evaluation.cost_by_category;
        c.bar_chart(
            &BarChart {
                title: tr(lang, "各类成本合计（元）", "Cost by category (CNY)").into(),
                value_label: tr(lang, "元", "CNY").into(),
                labels: cats
                    .iter()
                    .map(|k| category_name(k.category, lang).to_string())
                    .collect(),
                values: cats.iter().map(|k| Some(k.cents as f64 / 100.0)).collect(),
                target: None,
                percent: false,
            },
            (84.0 + 24.0 * cats.len() as f32).clamp(150.0, 300.0),
        )?;
    }
    let mut rows: Vec<Row> = cb
        .costs
        .iter()
        .map(|k| {
            let when = if k.recurring {
                match (lang, k.to_year) {
                    (Lang::Zh, Some(t)) => format!("第 {}–{t} 年每年", k.from_year),
                    (Lang::Zh, None) => format!("第 {} 年起每年", k.from_year),
                    (Lang::En, Some(t)) => format!("yearly, years {}–{t}", k.from_year),
                    (Lang::En, None) => format!("yearly from year {}", k.from_year),
                }
            } else {
                match lang {
                    Lang::Zh => format!("第 {} 年一次性", k.from_year),
                    Lang::En => format!("once, year {}", k.from_year),
                }
            };
            let basis = match (k.hours, k.hourly_cost_cents) {
                (Some(h), Some(r)) => format!("{h} h × {}", fmt_money(r)),
                _ => k.note.clone(),
            };
            Row::new(vec![
                Cell::text(category_name(k.category, lang)),
                Cell::text(k.label.as_str()),
                Cell::text(when),
                Cell::text(fmt_money(k.amount_cents)),
                Cell::text(basis),
            ])
        })
        .collect();
    for t in &cb.training_from_records {
        rows.push(Row::new(vec![
            Cell::text(category_name(CostCategory::Training, lang)),
            Cell::text(tr(
                lang,
                "培训记录（按场次课程费用）",
                "Training records (course cost per session)",
            )),
            Cell::text(match lang {
                Lang::Zh => format!("第 {} 年", t.year),
                Lang::En => format!("year {}", t.year),
            }),
            Cell::text(fmt_money(t.cents)),
            Cell::text(""),
        ]));
    }
    c.table(&Table {
        columns: vec![
            Column::left(tr(lang, "类别", "Category"), 1.4),
            Column::left(tr(lang, "项目", "Item"), 2.6),
            Column::left(tr(lang, "发生", "When"), 1.8),
            Column::right(tr(lang, "金额", "Amount"), 1.5),
            Column::left(tr(lang, "依据", "Basis"), 1.8).small(7.5),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });

    // 3 Benefit drivers.
    c.heading1(tr(lang, "3  收益驱动因素", "3  Benefit drivers"), 120.0);
    c.paragraph(
        tr(
            lang,
            "节省时间收益（ITIL 方法）= 每单节省分钟 ÷ 60 × 年请求量 × 小时成本；投诉减少收益 = 减少的投诉数 × 每次投诉成本；其他收益按录入金额。",
            "Time saved (the ITIL method) = minutes saved per request ÷ 60 × requests per year × hourly cost; complaints avoided × cost per complaint; other benefits as entered.",
        ),
        SMALL,
        MUTED,
        0.0,
    );
    let driver_rows = |s: &Scenario| -> Vec<Row> {
        s.benefits
            .iter()
            .map(|d| {
                let (what, qty) = match d {
                    BenefitDriver::TimeSaved {
                        minutes_saved_per_request,
                        requests_per_year,
                        hourly_cost_cents,
                        ..
                    } => (
                        tr(lang, "节省时间", "Time saved"),
                        format!(
                            "{minutes_saved_per_request:.1} min × {} × {}/h",
                            super::format::fmt_count(requests_per_year.round() as u64),
                            fmt_money(*hourly_cost_cents)
                        ),
                    ),
                    BenefitDriver::ComplaintsAvoided {
                        complaints_avoided_per_year,
                        cost_per_complaint_cents,
                        ..
                    } => (
                        tr(lang, "减少投诉", "Complaints avoided"),
                        format!(
                            "{complaints_avoided_per_year:.1} × {}",
                            fmt_money(*cost_per_complaint_cents)
                        ),
                    ),
                    BenefitDriver::Other { note, .. } => (tr(lang, "其他", "Other"), note.clone()),
                };
                Row::new(vec![
                    Cell::text(d.label()),
                    Cell::text(what),
                    Cell::text(qty),
                    Cell::text(fmt_money(d.annual_benefit_cents())),
                    Cell::text(d.from_year().to_string()),
                ])
            })
            .collect()
    };
    let driver_cols = || {
        vec![
            Column::left(tr(lang, "驱动因素", "Driver"), 2.2),
            Column::left(tr(lang, "类型", "Kind"), 1.2),
            Column::left(tr(lang, "数量", "Quantities"), 3.0).small(7.5),
            Column::right(tr(lang, "年收益", "Per year"), 1.5),
            Column::right(tr(lang, "起始年", "From year"), 0.9),
        ]
    };
    for (name, s) in [
        (tr(lang, "预期", "Expected"), &cb.expected),
        (tr(lang, "实测", "Measured"), &cb.measured),
    ] {
        if let Some(s) = s {
            c.heading2(name, 60.0);
            c.table(&Table {
                columns: driver_cols(),
                rows: driver_rows(s),
                size: TABLE,
                grouped: false,
            });
        }
    }

    // 4 Cash flows.
    c.heading1(tr(lang, "4  现金流", "4  Cash flows"), 160.0);
    for (name, s) in [
        (tr(lang, "预期", "Expected"), &cb.expected),
        (tr(lang, "实测", "Measured"), &cb.measured),
    ] {
        let Some(s) = s else { continue };
        c.heading2(name, 80.0);
        c.table(&Table {
            columns: vec![
                Column::left(tr(lang, "年", "Year"), 0.6),
                Column::right(tr(lang, "成本", "Cost"), 1.5),
                Column::right(tr(lang, "收益", "Benefit"), 1.5),
                Column::right(tr(lang, "净现金流", "Net"), 1.5),
                Column::right(tr(lang, "累计", "Cumulative"), 1.5),
                Column::right(tr(lang, "折现净额", "Discounted"), 1.5),
                Column::right(tr(lang, "累计折现", "Cum. discounted"), 1.6),
            ],
            rows: s
                .evaluation
                .flows
                .iter()
                .map(|f| {
                    Row::new(vec![
                        Cell::text(f.year.to_string()),
                        Cell::text(fmt_money(f.cost_cents)),
                        Cell::text(fmt_money(f.benefit_cents)),
                        Cell::text(fmt_money(f.net_cents)),
                        Cell::text(fmt_money(f.cumulative_cents)),
                        Cell::text(fmt_money(f.discounted_net_cents)),
                        Cell::text(fmt_money(f.cumulative_discounted_cents)),
                    ])
                })
                .collect(),
            size: TABLE,
            grouped: false,
        });
    }

    // 5 Sensitivity.
    if let Some(s) = &cb.expected {
        c.new_page();
        c.heading1(tr(lang, "5  敏感性分析", "5  Sensitivity"), 200.0);
        c.paragraph(
            &match lang {
                Lang::Zh => format!(
                    "每个输入单独变动 ±{:.0}%、其余不变时的净现值（预期场景，基准 NPV {}）。",
                    SWING * 100.0,
                    fmt_money(s.evaluation.npv_cents)
                ),
                Lang::En => format!(
                    "NPV with each input moved ±{:.0}% on its own (expected scenario; base NPV {}).",
                    SWING * 100.0,
                    fmt_money(s.evaluation.npv_cents)
                ),
            },
            SMALL,
            MUTED,
            0.0,
        );
        tornado(&mut c, s, lang);
        c.heading2(tr(lang, "盈亏平衡值", "Break-even values"), 80.0);
        c.paragraph(
            tr(
                lang,
                "其他输入不变时，使净现值为 0 的取值。",
                "The value at which NPV is zero, everything else unchanged.",
            ),
            SMALL,
            MUTED,
            0.0,
        );
        c.table(&Table {
            columns: vec![
                Column::left(tr(lang, "输入", "Input"), 3.4),
                Column::right(tr(lang, "当前值", "Now"), 1.5),
                Column::right(tr(lang, "盈亏平衡值", "Break-even"), 1.5),
            ],
            rows: s
                .break_even
                .iter()
                .map(|b| {
                    let money = b.key.starts_with("cost.") || b.key.ends_with("hourly_cost");
                    let v = |x: f64| {
                        if money {
                            fmt_money(x.round() as i64)
                        } else {
                            format!("{x:.2}")
                        }
                    };
                    Row::new(vec![
                        Cell::text(input_label(&b.key, s, &b.label, lang)),
                        Cell::text(v(b.base_value)),
                        Cell::text(b.break_even_value.map_or(NOT_MEASURED.to_string(), v)),
                    ])
                })
                .collect(),
            size: TABLE,
            grouped: false,
        });
    }

    // 6 Definitions.
    c.heading1(tr(lang, "6  定义", "6  Definitions"), 200.0);
    let defs: &[&str] = match lang {
        Lang::Zh => &[
            "金额以分为单位精确计算；每个驱动因素的年收益先按浮点计算，再四舍五入（远离零）到分。",
            "ROI =（总收益 − 总成本）÷ 总成本 × 100%，按期内未折现合计。",
            "NPV = Σ 净现金流ₜ ÷ (1 + r)ᵗ，t = 0…期限（第 0 年的投入即 I₀）。",
            "IRR：使 NPV = 0 的折现率，在 −99% 至 10000% 之间求解；现金流不变号时不存在。",
            "回收期：累计净现金流此后始终 ≥ 0 的时点，在年内线性插值；动态回收期用折现后的现金流。",
            "敏感性：每个输入单独 ±20%；盈亏平衡值：其他输入不变时使 NPV = 0 的取值。",
            "实测：解决时间中位数（服务日历的工作时间，扣除暂停）基准季度与当前季度之差 × 60 为每单节省分钟；年请求量为截至当前季度的四个季度工单量。",
        ],
        Lang::En => &[
            "Money is exact in cents; each driver's yearly benefit is computed in floating point and rounded (half away from zero) to the cent once.",
            "ROI = (total benefit − total cost) ÷ total cost × 100%, undiscounted totals over the horizon.",
            "NPV = Σ net cash flowₜ ÷ (1 + r)ᵗ for t = 0…horizon (year 0's outlay is I₀).",
            "IRR: the discount rate at which NPV = 0, searched between −99% and 10000%; it does not exist when the flows never change sign.",
            "Payback: the point from which the cumulative net cash flow stays ≥ 0, interpolated within the year; discounted payback uses the discounted flows.",
            "Sensitivity: each input ±20% on its own; break-even: the value that makes NPV zero with everything else unchanged.",
            "Measured: minutes saved per request = (baseline − current quarter median resolution time, in business hours of each service's calendar, pauses excluded) × 60; requests per year = tickets opened in the four quarters to the current one.",
        ],
    };
    for d in defs {
        c.bullet(d, BODY, ACCENT);
    }

    let generated = generated_at.format("%Y-%m-%d %H:%M").to_string();
    let running = Running {
        header_left: org.clone(),
        header_right: title.to_string(),
        footer_left: super::i18n::generated_line(&generated, lang),
        page_label: Box::new(move |page, total| super::i18n::page_of(page, total, lang)),
    };
    c.finish(&running)
}

/// The tornado: one bar per input from NPV at −20% to NPV at +20%, around the base NPV.
fn tornado(c: &mut Composer, s: &Scenario, lang: Lang) {
    let rows: Vec<&Sensitivity> = s.sensitivity.iter().take(12).collect();
    if rows.is_empty() {
        return;
    }
    let label_w = 170.0;
    let row_h = 18.0;
    let h = rows.len() as f32 * row_h + 40.0;
    c.ensure(h);
    let base = s.evaluation.npv_cents as f64;
    let lo = rows
        .iter()
        .map(|r| r.npv_low_cents.min(r.npv_high_cents) as f64)
        .fold(base, f64::min);
    let hi = rows
        .iter()
        .map(|r| r.npv_low_cents.max(r.npv_high_cents) as f64)
        .fold(base, f64::max);
    let span = (hi - lo).max(1.0);
    let plot_w = WIDTH - label_w - 10.0;
    let x_of = |v: f64| LEFT + label_w + ((v - lo) / span) as f32 * plot_w;
    let top = c.y - 4.0;
    let down: Rgb8 = (0xf8, 0x71, 0x71);
    let up: Rgb8 = (0x4a, 0xde, 0x80);
    for (i, r) in rows.iter().enumerate() {
        let y = top - (i as f32 + 1.0) * row_h;
        let label = super::pdf::wrap(&input_label(&r.key, s, &r.label, lang), 7.5, label_w - 6.0);
        c.text_at(
            LEFT,
            y + 5.0,
            7.5,
            INK,
            label.first().map_or("", |s| s.as_str()),
        );
        let (a, b) = (r.npv_low_cents as f64, r.npv_high_cents as f64);
        // The −20% end in red, the +20% end in green, each from the base.
        for (v, color) in [(a, down), (b, up)] {
            let (x0, x1) = (x_of(base.min(v)), x_of(base.max(v)));
            c.rect(x0, y + 3.0, (x1 - x0).max(0.5), row_h - 6.0, color);
        }
    }
    let bottom = top - rows.len() as f32 * row_h;
    let xb = x_of(base);
    c.hline(LEFT + label_w, RIGHT_EDGE, bottom, 0.5, RULE);
    c.rect(xb - 0.4, bottom, 0.8, top - bottom, INK);
    c.text_at(
        LEFT + label_w,
        bottom - 10.0,
        7.0,
        MUTED,
        &fmt_money(lo.round() as i64),
    );
    let hi_text = fmt_money(hi.round() as i64);
    c.text_at(
        RIGHT_EDGE - super::pdf::width(&hi_text, 7.0),
        bottom - 10.0,
        7.0,
        MUTED,
        &hi_text,
    );
    let legend = tr(
        lang,
        "红：该输入 −20% 时的 NPV；绿：+20% 时；竖线：基准 NPV",
        "Red: NPV with the input −20%; green: +20%; line: base NPV",
    );
    c.text_at(LEFT, bottom - 22.0, 7.0, MUTED, legend);
    c.y = bottom - 30.0 - ASCENT as f32;
}

const RIGHT_EDGE: f32 = LEFT + WIDTH;

/// A bold header row; the first column `first_width` characters wide, the others 16.
fn header(
    ws: &mut rust_xlsxwriter::Worksheet,
    heads: &[&str],
    first_width: u16,
) -> crate::Result<()> {
    let err = |e: rust_xlsxwriter::XlsxError| crate::Error::Report(format!("xlsx: {e}"));
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (k, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, k as u16, *h, &bold)
            .map_err(err)?;
        ws.set_column_width(k as u16, if k == 0 { first_width } else { 16 })
            .map_err(err)?;
    }
    Ok(())
}

/// The tables as an XLSX workbook: summary, cash flows (each scenario), costs, drivers,
/// sensitivity and break-even. Money in yuan with two decimals.
pub fn cost_benefit_xlsx(cb: &CostBenefit, lang: Lang) -> crate::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| crate::Error::Report(format!("xlsx: {e}"));
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let yuan = |cents: i64| cents as f64 / 100.0;

    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "摘要", "Summary")).map_err(err)?;
    ws.write_string_with_format(0, 0, tr(lang, "指标", "Figure"), &bold)
        .map_err(err)?;
    ws.write_string_with_format(0, 1, tr(lang, "预期", "Expected"), &bold)
        .map_err(err)?;
    ws.write_string_with_format(0, 2, tr(lang, "实测", "Measured"), &bold)
        .map_err(err)?;
    for (i, (a, b, c)) in key_rows(cb, lang).into_iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, a).map_err(err)?;
        ws.write_string(r, 1, b).map_err(err)?;
        ws.write_string(r, 2, c).map_err(err)?;
    }
    ws.set_column_width(0, 24).map_err(err)?;
    ws.set_column_width(1, 20).map_err(err)?;
    ws.set_column_width(2, 20).map_err(err)?;

    for (name, s) in [
        (
            tr(lang, "现金流（预期）", "Cash flows (expected)"),
            &cb.expected,
        ),
        (
            tr(lang, "现金流（实测）", "Cash flows (measured)"),
            &cb.measured,
        ),
    ] {
        let Some(s) = s else { continue };
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(err)?;
        let heads = [
            tr(lang, "年", "Year"),
            tr(lang, "成本", "Cost"),
            tr(lang, "收益", "Benefit"),
            tr(lang, "净现金流", "Net"),
            tr(lang, "累计", "Cumulative"),
            tr(lang, "折现净额", "Discounted"),
            tr(lang, "累计折现", "Cumulative discounted"),
        ];
        header(ws, &heads, 16)?;
        for (i, f) in s.evaluation.flows.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_number(r, 0, f64::from(f.year)).map_err(err)?;
            for (k, v) in [
                f.cost_cents,
                f.benefit_cents,
                f.net_cents,
                f.cumulative_cents,
                f.discounted_net_cents,
                f.cumulative_discounted_cents,
            ]
            .into_iter()
            .enumerate()
            {
                ws.write_number_with_format(r, k as u16 + 1, yuan(v), &money)
                    .map_err(err)?;
            }
        }
    }

    let ws = wb.add_worksheet();
    ws.set_name(tr(lang, "成本", "Costs")).map_err(err)?;
    header(
        ws,
        &[
            tr(lang, "类别", "Category"),
            tr(lang, "项目", "Item"),
            tr(lang, "每年重复", "Recurring"),
            tr(lang, "起始年", "From year"),
            tr(lang, "结束年", "To year"),
            tr(lang, "金额", "Amount"),
            tr(lang, "说明", "Note"),
        ],
        16,
    )?;
    for (i, k) in cb.costs.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, category_name(k.category, lang))
            .map_err(err)?;
        ws.write_string(r, 1, &k.label).map_err(err)?;
        ws.write_boolean(r, 2, k.recurring).map_err(err)?;
        ws.write_number(r, 3, f64::from(k.from_year)).map_err(err)?;
        if let Some(t) = k.to_year {
            ws.write_number(r, 4, f64::from(t)).map_err(err)?;
        }
        ws.write_number_with_format(r, 5, yuan(k.amount_cents), &money)
            .map_err(err)?;
        ws.write_string(r, 6, &k.note).map_err(err)?;
    }

    if let Some(s) = &cb.expected {
        let ws = wb.add_worksheet();
        ws.set_name(tr(lang, "敏感性", "Sensitivity"))
            .map_err(err)?;
        header(
            ws,
            &[
                tr(lang, "输入", "Input"),
                tr(lang, "当前值", "Now"),
                tr(lang, "NPV（−20%）", "NPV (−20%)"),
                tr(lang, "NPV（+20%）", "NPV (+20%)"),
                tr(lang, "盈亏平衡值", "Break-even"),
            ],
            40,
        )?;
        for (i, x) in s.sensitivity.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, input_label(&x.key, s, &x.label, lang))
                .map_err(err)?;
            ws.write_number(r, 1, x.base_value).map_err(err)?;
            ws.write_number_with_format(r, 2, yuan(x.npv_low_cents), &money)
                .map_err(err)?;
            ws.write_number_with_format(r, 3, yuan(x.npv_high_cents), &money)
                .map_err(err)?;
            if let Some(b) = s
                .break_even
                .iter()
                .find(|b| b.key == x.key)
                .and_then(|b| b.break_even_value)
            {
                ws.write_number(r, 4, b).map_err(err)?;
            }
        }
    }
    wb.save_to_buffer().map_err(err)
}
