//! The quarterly review pack (季度服务质量评审材料): cover, contents, executive summary with the
//! traffic-light table, figures per service and priority, trend charts, data sources and the
//! appendix of definitions and standards in force, on A4 in Chinese or English.

use super::format::{fmt_count, fmt_duration, fmt_hours, fmt_pct, NOT_MEASURED};
use super::i18n::{self, words, Words};
use super::pdf::{
    width, wrap, Cell, Column, Composer, Panel, Rgb8, Row, Running, Table, ACCENT, ACCENT_LIGHT,
    CONTENT_BOTTOM, CONTENT_TOP, INK, LEFT, MUTED, PAGE_H, PAGE_W, RIGHT, WHITE, WIDTH,
};
use super::{Lang, PackInput};
use crate::charts::pack_charts;
use crate::charts::text::ASCENT;
use crate::metrics::{BreachCount, Check, Figures, Light, Measure, QuarterMetrics};

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const TABLE: f32 = 8.5;
const WIDE_TABLE: f32 = 7.5;

/// Height of a trend chart on the page, in points: three fit under the section heading.
const TREND_H: f32 = 205.0;

pub(crate) fn light_color(light: Light) -> Rgb8 {
    match light {
        Light::Green => (0x16, 0xa3, 0x4a),
        Light::Amber => (0xf5, 0x9e, 0x0b),
        Light::Red => (0xdc, 0x26, 0x26),
        Light::Grey => (0x9c, 0xa3, 0xaf),
    }
}

/// Builds the pack as PDF bytes.
pub fn quarterly_pack(input: &PackInput) -> crate::Result<Vec<u8>> {
    let lang = input.lang;
    let w = words(lang);
    let m = &input.metrics;
    let quarter = i18n::quarter_long(m.quarter, lang);
    let generated = input.generated_at.format("%Y-%m-%d %H:%M").to_string();
    let mut c = Composer::new(
        &format!("{} {}", w.title, quarter),
        &input.organisation,
        input.generated_at.and_utc().timestamp(),
    );

    c.new_page();
    cover(&mut c, input, w, &quarter);
    // The contents go on page 2, written once the sections know their pages.
    c.new_page();
    let contents_page = c.page_no();
    let mut toc: Vec<(&str, usize)> = Vec::new();

    // Each section returns the page its heading landed on (the order SPEC.md and the plan give).
    c.new_page();
    toc.push((w.summary, summary(&mut c, input, w)));
    if let Some(cb) = &input.cost_benefit {
        c.gap(10.0);
        super::costbenefit::pack_block(&mut c, cb, lang);
    }
    c.new_page();
    toc.push((w.per_service, per_service(&mut c, input, w)));
    toc.push((w.per_priority, per_priority(&mut c, m, w)));
    c.new_page();
    toc.push((w.trends, trends(&mut c, input, w)?));
    c.new_page();
    toc.push((w.breach, breach(&mut c, input, w)));
    if input.feedback.is_some() {
        c.new_page();
        toc.push((
            w.satisfaction,
            super::feedback::satisfaction(&mut c, input, w.satisfaction),
        ));
        c.new_page();
        toc.push((
            w.complaints,
            super::feedback::complaints(&mut c, input, w.complaints),
        ));
    }
    if input.people.is_some() {
        c.new_page();
        toc.push((w.people, super::people::section(&mut c, input, w.people)?));
    }
    if input.feedback.is_some() {
        c.new_page();
        toc.push((
            w.actions,
            super::feedback::actions(&mut c, input, w.actions),
        ));
        c.new_page();
        toc.push((
            w.last_review,
            super::feedback::last_decisions(&mut c, input, w.last_review),
        ));
    }
    if input.process.is_some() {
        let lang = input.lang;
        c.new_page();
        let title = i18n::tr(lang, "11  服务流程", "11  Service processes");
        toc.push((title, super::process::section(&mut c, input, title)?));
        c.new_page();
        let title = i18n::tr(lang, "12  现状评估", "12  Current-state assessment");
        toc.push((title, super::process::assessment(&mut c, input, title)?));
    }
    c.new_page();
    toc.push((w.definitions, definitions(&mut c, w)));
    toc.push((w.standards, standards(&mut c, input, w)));
    toc.push((w.sources, sources(&mut c, input, w)));
    if let Some(p) = &input.process {
        let title = i18n::tr(
            input.lang,
            "附录 D  现行标准操作程序",
            "Appendix D  SOPs in force",
        );
        c.new_page();
        toc.push((
            title,
            super::process::appendix(&mut c, p, title, input.lang)?,
        ));
    }

    c.go_to_page(contents_page);
    contents(&mut c, w, &toc);

    let running = Running {
        header_left: input.organisation.clone(),
        header_right: format!("{} · {}", w.title, quarter),
        footer_left: i18n::generated_line(&generated, lang),
        page_label: Box::new(move |page, total| i18n::page_of(page, total, lang)),
    };
    c.finish(&running)
}

fn cover(c: &mut Composer, input: &PackInput, w: &Words, quarter: &str) {
    let band_bottom = PAGE_H - 330.0;
    c.rect(0.0, band_bottom, PAGE_W, PAGE_H - band_bottom, ACCENT);
    let pale = (0xc7, 0xd2, 0xe0);
    // A long organisation name wraps (two lines at most) instead of running off the page.
    for (k, line) in wrap(&input.organisation, 12.0, WIDTH)
        .iter()
        .take(2)
        .enumerate()
    {
        c.text_at(LEFT, PAGE_H - 96.0 - k as f32 * 17.0, 12.0, pale, line);
    }
    c.strong_text_at(LEFT, PAGE_H - 190.0, 28.0, WHITE, w.title);
    c.text_at(LEFT, PAGE_H - 222.0, 13.0, pale, w.subtitle);
    c.strong_text_at(LEFT, PAGE_H - 285.0, 22.0, WHITE, quarter);

    let m = &input.metrics;
    let not_measured = not_measured_count(m);
    let mut y = band_bottom - 70.0;
    let verdict = i18n::standards_verdict(
        m.standards_met,
        m.standards_measured,
        not_measured,
        input.lang,
    );
    c.y = y;
    c.paragraph(&verdict, 12.0, INK, 0.0);
    y = c.y - 20.0;
    let facts = [
        (w.kpi_volume, fmt_count(m.overall.volume)),
        (w.kpi_response, fmt_pct(m.overall.response.pct)),
        (w.kpi_resolution, fmt_pct(m.overall.resolution.pct)),
        (w.kpi_csat, fmt_pct(m.overall.csat)),
    ];
    let box_w = (WIDTH - 3.0 * 10.0) / 4.0;
    for (i, (label, value)) in facts.iter().enumerate() {
        let x = LEFT + i as f32 * (box_w + 10.0);
        c.rect(x, y - 62.0, box_w, 62.0, ACCENT_LIGHT);
        c.strong_text_at(x + 8.0, y - 30.0, 17.0, ACCENT, value);
        let lines = wrap(label, SMALL, box_w - 16.0);
        for (k, line) in lines.iter().take(2).enumerate() {
            c.text_at(x + 8.0, y - 44.0 - k as f32 * 10.0, SMALL, MUTED, line);
        }
    }
    let base = 110.0;
    let date = input.generated_at.format("%Y-%m-%d").to_string();
    c.text_at(
        LEFT,
        base,
        10.0,
        MUTED,
        &i18n::generated_date_line(&date, input.lang),
    );
    c.y = CONTENT_TOP;
}

fn contents(c: &mut Composer, w: &Words, toc: &[(&str, usize)]) {
    c.heading1(w.contents, 0.0);
    c.gap(6.0);
    let size = 11.0;
    let dot_w = width(".", size);
    for (title, page) in toc {
        let baseline = c.y - ASCENT as f32 * size;
        c.text_at(LEFT, baseline, size, INK, title);
        let num = page.to_string();
        let num_w = width(&num, size);
        c.text_at(RIGHT - num_w, baseline, size, INK, &num);
        // Dot leaders between the title and its page number.
        let from = LEFT + width(title, size) + 6.0;
        let to = RIGHT - num_w - 6.0;
        if to > from {
            let dots = ".".repeat(((to - from) / dot_w) as usize);
            let dots_w = width(&dots, size);
            c.text_at(to - dots_w, baseline, size, MUTED, &dots);
        }
        c.y -= size * 2.0;
    }
}

fn check_of(checks: &[Check], measure: Measure) -> Option<&Check> {
    checks.iter().find(|k| k.measure == measure)
}

fn not_measured_count(m: &QuarterMetrics) -> u32 {
    m.services
        .iter()
        .flat_map(|s| &s.checks)
        .filter(|k| k.met.is_none())
        .count() as u32
}

fn result_cell(check: Option<&Check>, w: &Words) -> Cell {
    match check {
        Some(k) => {
            let text = match k.met {
                Some(true) => w.met,
                Some(false) => w.missed,
                None => w.not_measured,
            };
            Cell::dot(text, light_color(k.light))
        }
        None => Cell::dot(w.not_measured, light_color(Light::Grey)),
    }
}

fn check_target(k: &Check, lang: Lang) -> String {
    let duration = k.target_minutes.map(|m| fmt_duration(m, lang));
    i18n::target_text(&fmt_pct(Some(k.required_pct)), duration.as_deref(), lang)
}

fn actual_of(f: &Figures, measure: Measure) -> Option<f64> {
    match measure {
        Measure::Response => f.response.pct,
        Measure::Resolution => f.resolution.pct,
        Measure::Satisfaction => f.csat,
    }
}

const MEASURES: [Measure; 3] = [
    Measure::Response,
    Measure::Resolution,
    Measure::Satisfaction,
];

fn summary(c: &mut Composer, input: &PackInput, w: &Words) -> usize {
    let lang = input.lang;
    let m = &input.metrics;
    let page = c.heading1(w.summary, 120.0);
    let verdict = i18n::standards_verdict(
        m.standards_met,
        m.standards_measured,
        not_measured_count(m),
        lang,
    );
    c.paragraph(&verdict, 11.0, ACCENT, 0.0);
    c.gap(4.0);

    // Overall figures against the organisation's default targets, with the previous quarter.
    c.heading2(w.kpi_heading, 80.0);
    let prev = m
        .trend
        .iter()
        .find(|p| p.quarter == m.quarter.prev())
        .map(|p| &p.figures);
    let t = &input.targets;
    let f = &m.overall;
    let row =
        |label: &str, now: String, before: Option<String>, target: String, result: Option<Cell>| {
            Row::new(vec![
                Cell::text(label),
                Cell::text(now),
                Cell::text(before.unwrap_or_else(|| NOT_MEASURED.to_string())),
                Cell::text(target),
                result.unwrap_or_else(|| Cell::text("")),
            ])
        };
    let check = |measure| Some(result_cell(check_of(&m.overall_checks, measure), w));
    let rows = vec![
        row(
            w.kpi_volume,
            fmt_count(f.volume),
            prev.map(|p| fmt_count(p.volume)),
            String::new(),
            None,
        ),
        row(
            w.kpi_resolved,
            fmt_count(f.resolved),
            prev.map(|p| fmt_count(p.resolved)),
            String::new(),
            None,
        ),
        row(
            w.kpi_response,
            fmt_pct(f.response.pct),
            prev.map(|p| fmt_pct(p.response.pct)),
            i18n::target_text(
                &fmt_pct(Some(t.response_required_pct)),
                Some(&fmt_duration(t.response_minutes, lang)),
                lang,
            ),
            check(Measure::Response),
        ),
        row(
            w.kpi_resolution,
            fmt_pct(f.resolution.pct),
            prev.map(|p| fmt_pct(p.resolution.pct)),
            i18n::target_text(
                &fmt_pct(Some(t.resolution_required_pct)),
                Some(&fmt_duration(t.resolution_minutes, lang)),
                lang,
            ),
            check(Measure::Resolution),
        ),
        row(
            w.kpi_csat,
            fmt_pct(f.csat),
            prev.map(|p| fmt_pct(p.csat)),
            i18n::target_text(&fmt_pct(Some(t.satisfaction_target_pct)), None, lang),
            check(Measure::Satisfaction),
        ),
        row(
            w.kpi_response_rate,
            fmt_pct(f.response_rate),
            prev.map(|p| fmt_pct(p.response_rate)),
            String::new(),
            None,
        ),
        row(
            w.kpi_median,
            fmt_hours(f.median_resolution_hours),
            prev.map(|p| fmt_hours(p.median_resolution_hours)),
            String::new(),
            None,
        ),
        row(
            w.kpi_p90,
            fmt_hours(f.p90_resolution_hours),
            prev.map(|p| fmt_hours(p.p90_resolution_hours)),
            String::new(),
            None,
        ),
    ];
    c.table(&Table {
        columns: vec![
            Column::left(w.col_indicator, 3.0),
            Column::right(w.col_this_quarter, 1.5),
            Column::right(w.col_prev_quarter, 1.5),
            Column::left(w.col_target, 2.6),
            Column::left(w.col_result, 1.6),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });
    c.paragraph(
        &i18n::running_line(
            &fmt_count(f.response.running),
            &fmt_count(f.resolution.running),
            lang,
        ),
        BODY,
        INK,
        0.0,
    );
    c.paragraph(w.dash_note, SMALL, MUTED, 0.0);

    match &input.feedback {
        Some(f) => super::feedback::summary_block(c, input, f),
        None => attention(c, input, w),
    }
    page
}

/// Missed standards, worst gap first (the summary's list when there is no feedback data).
fn attention(c: &mut Composer, input: &PackInput, w: &Words) {
    let lang = input.lang;
    let m = &input.metrics;
    // Missed standards, worst gap first.
    c.heading2(w.attention_heading, 40.0);
    let mut missed: Vec<(&str, &Check)> = m
        .services
        .iter()
        .flat_map(|s| s.checks.iter().map(move |k| (s.name.as_str(), k)))
        .filter(|(_, k)| k.met == Some(false))
        .collect();
    let gap = |k: &Check| k.required_pct - k.actual_pct.unwrap_or(k.required_pct);
    missed.sort_by(|a, b| gap(b.1).total_cmp(&gap(a.1)));
    if missed.is_empty() {
        c.paragraph(w.attention_none, BODY, INK, 0.0);
    }
    for (service, k) in &missed {
        let line = i18n::attention_line(
            service,
            i18n::measure_name(k.measure, lang),
            &fmt_pct(k.actual_pct),
            &check_target(k, lang),
            lang,
        );
        c.bullet(&line, BODY, light_color(k.light));
    }
}

/// Traffic lights: every service × response, resolution, satisfaction.
fn lights(c: &mut Composer, input: &PackInput, w: &Words) {
    let lang = input.lang;
    let m = &input.metrics;
    // Traffic lights: every service × response, resolution, satisfaction.
    c.heading2(w.lights_heading, 80.0);
    c.paragraph(w.lights_note, SMALL, MUTED, 0.0);
    if m.services.is_empty() {
        c.paragraph(w.no_services, BODY, INK, 0.0);
        return;
    }
    let mut rows = Vec::new();
    for s in &m.services {
        for (i, measure) in MEASURES.iter().enumerate() {
            let k = check_of(&s.checks, *measure);
            rows.push(Row::new(vec![
                Cell::text(if i == 0 { s.name.as_str() } else { "" }),
                Cell::text(i18n::measure_name(*measure, lang)),
                Cell::text(
                    k.map(|k| check_target(k, lang))
                        .unwrap_or_else(|| NOT_MEASURED.to_string()),
                ),
                Cell::text(fmt_pct(
                    k.map_or_else(|| actual_of(&s.figures, *measure), |k| k.actual_pct),
                )),
                result_cell(k, w),
            ]));
        }
    }
    c.table(&Table {
        columns: vec![
            Column::left(w.col_service, 2.4),
            Column::left(w.col_measure, 2.2),
            Column::left(w.col_target, 2.6),
            Column::right(w.col_actual, 1.3),
            Column::left(w.col_result, 1.7),
        ],
        rows,
        size: TABLE,
        grouped: true,
    });
}

/// The ten figure columns shared by the per-service and per-priority tables.
fn figure_columns(first: &str, w: &Words) -> Vec<Column> {
    let num = |title: &str| Column::right(title, 1.0);
    vec![
        Column::left(first, 1.4),
        num(w.col_volume),
        num(w.col_resolved),
        num(w.col_response_pct),
        num(w.col_resolution_pct),
        num(w.col_csat),
        num(w.col_response_rate),
        num(w.col_median_h),
        num(w.col_p90_h),
        num(w.col_reassign),
        num(w.col_reopen),
    ]
}

fn figure_cells(name: &str, f: &Figures) -> Vec<Cell> {
    vec![
        Cell::text(name),
        Cell::text(fmt_count(f.volume)),
        Cell::text(fmt_count(f.resolved)),
        Cell::text(fmt_pct(f.response.pct)),
        Cell::text(fmt_pct(f.resolution.pct)),
        Cell::text(fmt_pct(f.csat)),
        Cell::text(fmt_pct(f.response_rate)),
        Cell::text(fmt_hours(f.median_resolution_hours)),
        Cell::text(fmt_hours(f.p90_resolution_hours)),
        Cell::text(fmt_pct(f.reassignment_rate)),
        Cell::text(fmt_pct(f.reopen_rate)),
    ]
}

fn per_service(c: &mut Composer, input: &PackInput, w: &Words) -> usize {
    let m = &input.metrics;
    let page = c.heading1(w.per_service, 60.0);
    lights(c, input, w);
    c.gap(6.0);
    c.paragraph(w.per_service_note, SMALL, MUTED, 0.0);
    if m.services.is_empty() {
        c.paragraph(w.no_services, BODY, INK, 0.0);
        return page;
    }
    let mut rows: Vec<Row> = m
        .services
        .iter()
        .map(|s| Row::new(figure_cells(&s.name, &s.figures)))
        .collect();
    rows.push(Row {
        cells: figure_cells(w.all_services, &m.overall),
        strong: true,
    });
    c.table(&Table {
        columns: figure_columns(w.col_service, w),
        rows,
        size: WIDE_TABLE,
        grouped: false,
    });
    page
}

fn per_priority(c: &mut Composer, m: &QuarterMetrics, w: &Words) -> usize {
    let page = c.heading1(w.per_priority, 60.0);
    if m.priorities.is_empty() {
        c.paragraph(w.no_services, BODY, INK, 0.0);
        return page;
    }
    let rows: Vec<Row> = m
        .priorities
        .iter()
        .map(|p| {
            Row::new(figure_cells(
                p.priority.as_deref().unwrap_or(w.no_priority),
                &p.figures,
            ))
        })
        .collect();
    c.table(&Table {
        columns: figure_columns(w.col_priority, w),
        rows,
        size: WIDE_TABLE,
        grouped: false,
    });
    page
}

/// The service's name for a breach table keyed by service code (the code if unknown).
fn service_name<'a>(input: &'a PackInput, code: &'a str) -> &'a str {
    input
        .standards
        .iter()
        .find(|s| s.service.code == code)
        .map_or(code, |s| s.service.name.as_str())
}

/// One "by …" table of the breach analysis: key, breaches, measured, breach rate.
fn breach_counts(
    first: &str,
    counts: &[BreachCount],
    key: impl Fn(&str) -> String,
    w: &Words,
) -> Table {
    let mut rows: Vec<Row> = counts
        .iter()
        .map(|b| {
            Row::new(vec![
                Cell::text(
                    b.key
                        .as_deref()
                        .map_or_else(|| w.no_value.to_string(), &key),
                ),
                Cell::text(fmt_count(b.breaches)),
                Cell::text(fmt_count(b.measured)),
                Cell::text(fmt_pct(b.pct)),
            ])
        })
        .collect();
    if rows.is_empty() {
        rows.push(Row::new(vec![Cell::text(w.no_breaches)]));
    }
    Table {
        columns: vec![
            Column::left(first, 2.3),
            Column::right(w.col_breaches, 1.0),
            Column::right(w.col_measured, 1.0),
            Column::right(w.col_breach_pct, 1.0),
        ],
        rows,
        size: TABLE,
        grouped: false,
    }
}

fn breach(c: &mut Composer, input: &PackInput, w: &Words) -> usize {
    let lang = input.lang;
    let a = &input.breaches.analysis;
    let page = c.heading1(w.breach, 200.0);
    let rate = (a.resolution_measured > 0)
        .then(|| a.resolution_breaches as f64 * 100.0 / a.resolution_measured as f64);
    c.paragraph(
        &i18n::breach_sentence(
            &fmt_count(a.resolution_breaches),
            &fmt_count(a.resolution_measured),
            &fmt_pct(rate),
            &fmt_count(a.response_breaches),
            lang,
        ),
        11.0,
        ACCENT,
        0.0,
    );
    c.paragraph(w.breach_note, SMALL, MUTED, 0.0);
    c.gap(4.0);

    let plain = |k: &str| k.to_string();
    let by_service = breach_counts(
        w.col_service,
        &a.by_service,
        |code| service_name(input, code).to_string(),
        w,
    );
    let by_priority = breach_counts(w.col_priority, &a.by_priority, plain, w);
    c.side_by_side(&[
        Panel {
            caption: w.breach_by_service,
            table: &by_service,
            note: "",
        },
        Panel {
            caption: w.breach_by_priority,
            table: &by_priority,
            note: "",
        },
    ]);
    let by_category = breach_counts(w.col_category, &a.by_category, plain, w);
    let by_group = breach_counts(w.col_group, &a.by_group, plain, w);
    c.side_by_side(&[
        Panel {
            caption: w.breach_by_category,
            table: &by_category,
            note: "",
        },
        Panel {
            caption: w.breach_by_group,
            table: &by_group,
            note: "",
        },
    ]);

    // Where the breached tickets waited longest, next to the assignees.
    let by_assignee = breach_counts(w.col_assignee, &a.by_assignee, plain, w);
    let mut wait_rows: Vec<Row> = a
        .waits
        .iter()
        .map(|s| {
            Row::new(vec![
                Cell::text(&s.state),
                Cell::text(fmt_count(s.breaches)),
                Cell::text(fmt_pct(Some(s.pct))),
            ])
        })
        .collect();
    if wait_rows.is_empty() {
        wait_rows.push(Row::new(vec![Cell::text(NOT_MEASURED)]));
    }
    let waits = Table {
        columns: vec![
            Column::left(w.col_state, 2.4),
            Column::right(w.col_breaches, 1.0),
            Column::right(w.col_share, 1.0),
        ],
        rows: wait_rows,
        size: TABLE,
        grouped: false,
    };
    let mut waits_note = w.waits_note.to_string();
    if a.without_history > 0 {
        if lang == Lang::En {
            waits_note.push(' ');
        }
        waits_note.push_str(&i18n::without_history_line(
            &fmt_count(a.without_history),
            lang,
        ));
    }
    c.side_by_side(&[
        Panel {
            caption: w.breach_by_assignee,
            table: &by_assignee,
            note: "",
        },
        Panel {
            caption: w.waits_heading,
            table: &waits,
            note: &waits_note,
        },
    ]);

    // The longest tickets, across the page.
    let longest = &input.breaches.longest;
    c.heading2(w.longest_heading, 80.0);
    c.paragraph(w.longest_note, SMALL, MUTED, 0.0);
    if longest.is_empty() {
        c.paragraph(w.no_tickets, BODY, INK, 0.0);
        return page;
    }
    let rows = longest
        .iter()
        .zip(a.longest.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(t, l)| {
            let open = l.map_or(t.resolved.is_none(), |l| l.open);
            let hours = fmt_hours(t.business_hours);
            let over =
                matches!((t.business_hours, t.target_hours), (Some(h), Some(target)) if h > target);
            Row::new(vec![
                Cell::text(&t.key),
                Cell::text(service_name(input, &t.service)),
                Cell::text(t.priority.as_deref().unwrap_or(w.no_value)),
                Cell::text(&t.opened),
                Cell::text(match (&t.resolved, open) {
                    (Some(r), false) => r.as_str(),
                    _ => w.still_open,
                }),
                if over {
                    Cell::dot(hours, light_color(Light::Red))
                } else {
                    Cell::text(hours)
                },
                Cell::text(fmt_hours(t.target_hours)),
                Cell::text(fmt_hours(Some(t.paused_hours))),
            ])
        })
        .collect();
    c.table(&Table {
        columns: vec![
            Column::left(w.col_ticket, 1.4),
            Column::left(w.col_service, 1.6),
            Column::left(w.col_priority, 0.9),
            Column::left(w.col_opened, 1.75),
            Column::left(w.col_resolved_at, 1.75),
            Column::right(w.col_business_h, 1.0),
            Column::right(w.col_target_h, 0.9),
            Column::right(w.col_paused_h, 0.9),
        ],
        rows,
        size: WIDE_TABLE,
        grouped: false,
    });
    page
}

fn trends(c: &mut Composer, input: &PackInput, w: &Words) -> crate::Result<usize> {
    let page = c.heading1(w.trends, TREND_H);
    c.paragraph(w.trends_note, SMALL, MUTED, 0.0);
    let charts = pack_charts(&input.metrics, &input.targets, input.lang);
    for chart in charts.trends() {
        c.trend_chart(chart, TREND_H)?;
    }
    let n = charts.volume.labels.len() as f32;
    c.bar_chart(&charts.volume, (84.0 + 22.0 * n).clamp(160.0, 640.0))?;
    Ok(page)
}

fn sources(c: &mut Composer, input: &PackInput, w: &Words) -> usize {
    let page = c.heading1(
        w.sources,
        (50.0 + 22.0 * input.sources.len() as f32).min(300.0),
    );
    if input.sources.is_empty() {
        c.paragraph(w.no_sources, BODY, INK, 0.0);
        return page;
    }
    c.paragraph(w.sources_note, SMALL, MUTED, 0.0);
    let num = |title: &str| Column::right(title, 1.0);
    let rows = input
        .sources
        .iter()
        .map(|r| {
            Row::new(vec![
                Cell::text(&r.file_name),
                Cell::text(i18n::source_name(r.source, input.lang)),
                Cell::text(&r.imported_at),
                Cell::text(fmt_count(r.rows_added.max(0) as u64)),
                Cell::text(fmt_count(r.rows_updated.max(0) as u64)),
                Cell::text(fmt_count(r.rows_rejected.max(0) as u64)),
            ])
        })
        .collect();
    c.table(&Table {
        columns: vec![
            Column::left(w.col_file, 3.6),
            Column::left(w.col_source, 2.2),
            Column::left(w.col_imported_at, 2.2),
            num(w.col_added),
            num(w.col_updated),
            num(w.col_rejected),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });
    page
}

fn definitions(c: &mut Composer, w: &Words) -> usize {
    let page = c.heading1(w.definitions, 60.0);
    for (term, text) in w.definition_list {
        c.ensure(40.0);
        let size = 10.0;
        let baseline = c.y - ASCENT as f32 * size;
        c.strong_text_at(LEFT, baseline, size, ACCENT, term);
        c.y = baseline - 6.0;
        c.paragraph(text, BODY, INK, 12.0);
        c.gap(2.0);
    }
    page
}

fn standards(c: &mut Composer, input: &PackInput, w: &Words) -> usize {
    let lang = input.lang;
    let t = &input.targets;
    let defaults = i18n::default_targets_line(
        &fmt_pct(Some(t.response_required_pct)),
        &fmt_duration(t.response_minutes, lang),
        &fmt_pct(Some(t.resolution_required_pct)),
        &fmt_duration(t.resolution_minutes, lang),
        &fmt_pct(Some(t.satisfaction_target_pct)),
        lang,
    );
    let table = standards_table(input, w);
    // Keep the heading with the notes and the whole table when they fit on a page.
    let keep = Composer::paragraph_height(w.standards_note, SMALL, 0.0)
        + Composer::paragraph_height(&defaults, BODY, 0.0)
        + table.as_ref().map_or(0.0, Composer::table_height);
    let page = c.heading1(w.standards, keep.min(CONTENT_TOP - CONTENT_BOTTOM - 40.0));
    c.paragraph(w.standards_note, SMALL, MUTED, 0.0);
    c.paragraph(&defaults, BODY, INK, 0.0);
    match table {
        Some(table) => c.table(&table),
        None => c.paragraph(w.no_services, BODY, INK, 0.0),
    }
    page
}

/// The standard versions applied in the quarter, grouped by service; `None` without services.
fn standards_table(input: &PackInput, w: &Words) -> Option<Table> {
    let lang = input.lang;
    if input.standards.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    for entry in &input.standards {
        if entry.versions.is_empty() {
            let mut cells = vec![Cell::text(&entry.service.name)];
            cells.extend((0..10).map(|_| Cell::text(NOT_MEASURED)));
            rows.push(Row::new(cells));
            continue;
        }
        for (i, v) in entry.versions.iter().enumerate() {
            let s = &v.standard;
            rows.push(Row::new(vec![
                Cell::text(if i == 0 {
                    entry.service.name.as_str()
                } else {
                    ""
                }),
                Cell::text(s.priority.as_deref().unwrap_or(w.all_priorities)),
                Cell::text(s.effective_from.format("%Y-%m-%d").to_string()),
                Cell::text(fmt_duration(s.response_minutes, lang)),
                Cell::text(fmt_pct(Some(s.response_required_pct))),
                Cell::text(fmt_duration(s.resolution_minutes, lang)),
                Cell::text(fmt_pct(Some(s.resolution_required_pct))),
                Cell::text(fmt_pct(Some(s.satisfaction_target_pct))),
                Cell::text(&s.calendar),
                Cell::text(if s.pause_states.is_empty() {
                    w.no_pauses.to_string()
                } else {
                    s.pause_states.join(", ")
                }),
                Cell::text(fmt_count(v.tickets)),
            ]));
        }
    }
    // Widths in points (the text width is 482): each column as wide as its longest word.
    let num = Column::right;
    Some(Table {
        columns: vec![
            Column::left(w.col_service, 58.0),
            Column::left(w.col_priority, 31.0),
            Column::left(w.col_effective_from, 46.0),
            num(w.col_response_target_h, 35.0),
            num(w.col_response_required, 35.0),
            num(w.col_resolution_target_h, 35.0),
            num(w.col_resolution_required, 35.0),
            num(w.col_satisfaction_target, 31.0),
            Column::left(w.col_calendar, 36.0),
            Column::left(w.col_pause_states, 100.0).small(6.5),
            num(w.col_tickets_measured, 40.0),
        ],
        rows,
        size: WIDE_TABLE,
        grouped: true,
    })
}
