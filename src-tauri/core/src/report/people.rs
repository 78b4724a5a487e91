//! The pack's "People and competence" section (人员与能力): roles and holders, the competence
//! gap heat map, training delivered and its measured effectiveness (with the by-quarter chart),
//! rewards and penalties, and performance per team (per person only when the workspace allows).

use super::format::{fmt_count, fmt_pct, NOT_MEASURED};
use super::i18n::tr;
use super::pdf::{wrap, Cell, Column, Composer, Rgb8, Row, Table, INK, LEFT, MUTED, RULE, WIDTH};
use super::{Lang, PackInput, PeopleInput};
use crate::charts::text::ASCENT;
use crate::charts::{BarChart, Series, TrendChart};
use crate::domain::Quarter;
use crate::people::{LinkKind, PerformanceRow, RewardKind};
use std::collections::{BTreeMap, HashMap};

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const TABLE: f32 = 8.5;

/// Money in cents as yuan with two decimals and thousands separators.
pub fn fmt_money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}¥{}.{:02}", fmt_count(c / 100), c % 100)
}

fn fmt_num(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| NOT_MEASURED.to_string(), |v| format!("{v:.decimals$}"))
}

fn fmt_gain(v: Option<f64>) -> String {
    v.map_or_else(|| NOT_MEASURED.to_string(), |v| format!("{v:+.1}"))
}

/// A number with no decimals when whole, else one (hours, scores).
pub(crate) fn fmt_hours_num(h: f64) -> String {
    if (h - h.round()).abs() < 1e-9 {
        format!("{h:.0}")
    } else {
        format!("{h:.1}")
    }
}

/// Writes the section; returns the page its heading landed on.
pub(crate) fn section(c: &mut Composer, input: &PackInput, title: &str) -> crate::Result<usize> {
    let lang = input.lang;
    let page = c.heading1(title, 120.0);
    let Some(p) = &input.people else {
        return Ok(page);
    };
    let quarter = input.metrics.quarter;
    if p.staff.is_empty() {
        c.paragraph(
            tr(
                lang,
                "工作区中尚无人员记录：在“人员”界面添加或导入人员名单后，本节将列出角色、能力差距、培训效果、奖惩与团队绩效。",
                "The workspace has no staff yet: add or import the staff list on the People screen and this section will show roles, competence gaps, training effectiveness, rewards and penalties, and team performance.",
            ),
            BODY,
            INK,
            0.0,
        );
        return Ok(page);
    }
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "截至 {}。{}",
                quarter.end_secs_date(),
                if p.names {
                    "本节按工作区设置列出人员姓名。"
                } else {
                    "按工作区设置，本节仅按团队汇总，不列出个人姓名。"
                }
            ),
            Lang::En => format!(
                "As of {}. {}",
                quarter.end_secs_date(),
                if p.names {
                    "This section names people, as the workspace allows."
                } else {
                    "As the workspace is set, this section is summarised by team and names no one."
                }
            ),
        },
        SMALL,
        MUTED,
        0.0,
    );
    roles(c, p, lang);
    competence(c, p, lang);
    training(c, p, lang, quarter)?;
    rewards(c, p, lang, quarter);
    performance(c, p, lang);
    Ok(page)
}

fn role_name(r: &crate::people::Role, lang: Lang) -> &str {
    match lang {
        Lang::Zh if !r.name_zh.is_empty() => &r.name_zh,
        _ if !r.name_en.is_empty() => &r.name_en,
        _ => &r.name_zh,
    }
}

fn roles(c: &mut Composer, p: &PeopleInput, lang: Lang) {
    c.heading2(tr(lang, "角色与职责", "Roles and responsibilities"), 80.0);
    let holders = |role_id: i64| -> Vec<&crate::people::Staff> {
        p.staff
            .iter()
            .filter(|s| {
                s.active
                    && s.assignments
                        .iter()
                        .any(|a| a.role_id == role_id && a.holds_on(p.matrix.as_of))
            })
            .collect()
    };
    let rows = p
        .roles
        .iter()
        .map(|r| {
            let h = holders(r.id);
            let who = if p.names {
                h.iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            } else {
                let mut teams: BTreeMap<&str, u32> = BTreeMap::new();
                for s in &h {
                    *teams.entry(s.team.as_str()).or_default() += 1;
                }
                teams
                    .iter()
                    .map(|(t, n)| format!("{} {n}", if t.is_empty() { "—" } else { t }))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let duties = match lang {
                Lang::Zh => &r.duties_zh,
                Lang::En => &r.duties_en,
            };
            Row::new(vec![
                Cell::text(role_name(r, lang)),
                Cell::text(duties.as_str()),
                Cell::text(fmt_count(h.len() as u64)),
                Cell::text(who),
            ])
        })
        .collect();
    c.table(&Table {
        columns: vec![
            Column::left(tr(lang, "角色", "Role"), 1.6),
            Column::left(tr(lang, "职责", "Responsibilities"), 4.2).small(7.5),
            Column::right(tr(lang, "人数", "Holders"), 0.8),
            Column::left(
                if p.names {
                    tr(lang, "担任人员", "Held by")
                } else {
                    tr(lang, "按团队", "By team")
                },
                2.6,
            )
            .small(7.5),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });
}

/// White → amber → red as the share of holders short of the level grows.
fn heat_color(short_pct: f64) -> Rgb8 {
    let t = (short_pct / 100.0).clamp(0.0, 1.0);
    let lerp = |a: u8, b: u8, t: f64| (f64::from(a) + (f64::from(b) - f64::from(a)) * t) as u8;
    let (lo, mid, hi) = ((0xdc, 0xfc, 0xe7), (0xfd, 0xe6, 0x8a), (0xf8, 0x71, 0x71));
    if t < 0.5 {
        let u = t * 2.0;
        (
            lerp(lo.0, mid.0, u),
            lerp(lo.1, mid.1, u),
            lerp(lo.2, mid.2, u),
        )
    } else {
        let u = (t - 0.5) * 2.0;
        (
            lerp(mid.0, hi.0, u),
            lerp(mid.1, hi.1, u),
            lerp(mid.2, hi.2, u),
        )
    }
}

fn competence(c: &mut Composer, p: &PeopleInput, lang: Lang) {
    let m = &p.matrix;
    c.heading2(tr(lang, "能力差距", "Competence gaps"), 120.0);
    c.paragraph(
        &match lang {
            Lang::Zh => format!(
                "{} 名在岗人员共 {} 项岗位能力要求：达标 {}，低于要求 {}，未评估 {}。",
                m.rows.len(),
                m.required,
                m.met,
                m.gaps,
                m.not_assessed
            ),
            Lang::En => format!(
                "{} people in role hold {} competence requirements: {} met, {} below the level, {} not assessed.",
                m.rows.len(),
                m.required,
                m.met,
                m.gaps,
                m.not_assessed
            ),
        },
        BODY,
        INK,
        0.0,
    );
    if m.by_role.is_empty() {
        c.paragraph(
            tr(
                lang,
                "尚未为角色设定能力要求。",
                "No competence requirements are set for the roles yet.",
            ),
            BODY,
            MUTED,
            0.0,
        );
        return;
    }
    heat_map(c, p, lang);
    if !p.due.is_empty() {
        let mut per_course: BTreeMap<&str, (u32, Vec<&str>)> = BTreeMap::new();
        for d in &p.due {
            let e = per_course.entry(d.course.as_str()).or_default();
            e.0 += 1;
            e.1.push(d.name.as_str());
        }
        let rows = per_course
            .iter()
            .map(|(course, (n, names))| {
                Row::new(vec![
                    Cell::text(*course),
                    Cell::text(fmt_count(u64::from(*n))),
                    Cell::text(if p.names {
                        names.join("、")
                    } else {
                        String::new()
                    }),
                ])
            })
            .collect();
        c.gap(6.0);
        c.heading2(tr(lang, "待培训", "Due for training"), 60.0);
        c.paragraph(
            tr(
                lang,
                "能力未达要求（或未评估）、有对应课程且在最近一次评估后未参加或报名该课程的人员。",
                "People below a required level (or not assessed) with a course that builds it, neither attended nor booked since their latest assessment.",
            ),
            SMALL,
            MUTED,
            0.0,
        );
        let mut columns = vec![
            Column::left(tr(lang, "课程", "Course"), 3.0),
            Column::right(tr(lang, "人数", "People"), 1.0),
        ];
        columns.push(
            Column::left(
                if p.names {
                    tr(lang, "人员", "Who")
                } else {
                    ""
                },
                4.0,
            )
            .small(7.5),
        );
        c.table(&Table {
            columns,
            rows,
            size: TABLE,
            grouped: false,
        });
    }
}

/// Role × competence: each cell the share of the role's holders short of its required level
/// (below it or not assessed), coloured from green to red.
fn heat_map(c: &mut Composer, p: &PeopleInput, lang: Lang) {
    let m = &p.matrix;
    let comps = &m.competences;
    let roles: Vec<&crate::people::Role> = p
        .roles
        .iter()
        .filter(|r| m.by_role.iter().any(|h| h.role_id == r.id))
        .collect();
    let label_w = 110.0;
    let cell_w = ((WIDTH - label_w) / comps.len().max(1) as f32).min(90.0);
    let head_h = 30.0;
    let row_h = 26.0;
    let h = head_h + row_h * roles.len() as f32 + 34.0;
    c.ensure(h);
    c.paragraph(
        tr(
            lang,
            "能力差距热力图：各角色在岗人员中低于要求或未评估的比例",
            "Competence gap heat map: share of each role's holders below the required level or not assessed",
        ),
        SMALL,
        MUTED,
        0.0,
    );
    let top = c.y - 4.0;
    let size = 7.5;
    for (k, comp) in comps.iter().enumerate() {
        let x = LEFT + label_w + k as f32 * cell_w;
        for (i, line) in wrap(comp, size, cell_w - 6.0).iter().take(2).enumerate() {
            c.text_at(x + 3.0, top - 10.0 - i as f32 * 9.5, size, INK, line);
        }
    }
    let by: HashMap<(i64, &str), &crate::people::RoleCompetence> = m
        .by_role
        .iter()
        .map(|h| ((h.role_id, h.competence.as_str()), h))
        .collect();
    for (i, r) in roles.iter().enumerate() {
        let y = top - head_h - (i as f32 + 1.0) * row_h;
        c.text_at(LEFT, y + row_h / 2.0 - 3.0, 8.5, INK, role_name(r, lang));
        for (k, comp) in comps.iter().enumerate() {
            let x = LEFT + label_w + k as f32 * cell_w;
            match by.get(&(r.id, comp.as_str())) {
                Some(hc) => {
                    let pct = hc.short_pct.unwrap_or(0.0);
                    c.rect(x + 1.0, y + 1.0, cell_w - 2.0, row_h - 2.0, heat_color(pct));
                    let short = hc.gaps + hc.not_assessed;
                    let text = match hc.short_pct {
                        Some(v) => format!("{short}/{} · {:.0}%", hc.holders, v),
                        None => "0/0".to_string(),
                    };
                    c.text_at(x + 4.0, y + row_h / 2.0 + 1.0, 7.5, INK, &text);
                    let req = match lang {
                        Lang::Zh => format!("要求 {} 级", hc.required),
                        Lang::En => format!("level {}", hc.required),
                    };
                    c.text_at(x + 4.0, y + 4.5, 6.5, MUTED, &req);
                }
                None => {
                    c.rect(
                        x + 1.0,
                        y + 1.0,
                        cell_w - 2.0,
                        row_h - 2.0,
                        (0xf3, 0xf4, 0xf6),
                    );
                    c.text_at(x + 4.0, y + row_h / 2.0 - 3.0, 7.5, MUTED, "—");
                }
            }
        }
    }
    let bottom = top - head_h - roles.len() as f32 * row_h;
    c.hline(
        LEFT,
        LEFT + label_w + cell_w * comps.len() as f32,
        bottom,
        0.5,
        RULE,
    );
    c.y = bottom - 8.0 - ASCENT as f32;
}

fn training(c: &mut Composer, p: &PeopleInput, lang: Lang, quarter: Quarter) -> crate::Result<()> {
    c.heading2(
        tr(lang, "培训及其效果", "Training and its effectiveness"),
        120.0,
    );
    c.paragraph(
        tr(
            lang,
            "效果以前后测成绩的变化衡量：平均提升 = 后测 − 前测的平均值（仅计前后测齐全的出勤者）；提升比例 = 后测高于前测的人数占比。",
            "Effectiveness is the measured change in assessment scores: mean gain = mean of post − pre (attendees with both scores); improved = share whose post score is above their pre score.",
        ),
        SMALL,
        MUTED,
        0.0,
    );
    let course_of: HashMap<i64, &crate::people::Course> =
        p.courses.iter().map(|k| (k.id, k)).collect();
    let mut rows = Vec::new();
    for k in &p.courses {
        for s in k
            .sessions
            .iter()
            .filter(|s| Quarter::of_date(s.held_on) == quarter)
        {
            let e = &s.effectiveness;
            let attended = s.attendance.iter().filter(|a| a.attended).count() as f64;
            rows.push((
                s.held_on,
                Row::new(vec![
                    Cell::text(format!("{} {}", k.code, k.topic)),
                    Cell::text(s.held_on.to_string()),
                    Cell::text(fmt_count(u64::from(e.attended))),
                    Cell::text(fmt_hours_num(course_of[&k.id].hours * attended)),
                    Cell::text(format!("{}/{}", e.assessed, e.attended)),
                    Cell::text(fmt_num(e.mean_pre, 1)),
                    Cell::text(fmt_num(e.mean_post, 1)),
                    Cell::text(fmt_gain(e.mean_gain)),
                    Cell::text(fmt_pct(e.improved_pct)),
                ]),
            ));
        }
    }
    rows.sort_by_key(|(d, _)| *d);
    if rows.is_empty() {
        c.paragraph(
            tr(
                lang,
                "本季度没有举行培训。",
                "No training sessions were held this quarter.",
            ),
            BODY,
            INK,
            0.0,
        );
    } else {
        c.table(&Table {
            columns: vec![
                Column::left(tr(lang, "课程", "Course"), 2.9),
                Column::left(tr(lang, "日期", "Date"), 1.5),
                Column::right(tr(lang, "出勤", "Attended"), 1.3),
                Column::right(tr(lang, "人时", "Hours"), 0.9),
                Column::right(tr(lang, "已测", "Assessed"), 1.0),
                Column::right(tr(lang, "前测", "Pre"), 0.9),
                Column::right(tr(lang, "后测", "Post"), 0.9),
                Column::right(tr(lang, "平均提升", "Gain"), 1.1),
                Column::right(tr(lang, "提升比例", "Improved"), 1.1),
            ],
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            size: TABLE,
            grouped: false,
        });
    }
    let labels: Vec<String> = p
        .training
        .iter()
        .map(|t| super::i18n::quarter_short(t.quarter))
        .collect();
    c.gap(4.0);
    c.bar_chart(
        &BarChart {
            title: tr(
                lang,
                "培训人时（按季度）",
                "Training person-hours by quarter",
            )
            .into(),
            value_label: tr(lang, "人时", "Hours").into(),
            labels: labels.clone(),
            values: p.training.iter().map(|t| Some(t.hours)).collect(),
            target: None,
            percent: false,
        },
        150.0,
    )?;
    c.trend_chart(
        &TrendChart {
            title: tr(
                lang,
                "培训效果（按季度）：提升比例",
                "Training effectiveness by quarter: share improved",
            )
            .into(),
            y_label: "%".into(),
            x_labels: labels,
            series: vec![Series {
                label: tr(lang, "后测高于前测的比例", "Post above pre").into(),
                values: p
                    .training
                    .iter()
                    .map(|t| t.effectiveness.improved_pct)
                    .collect(),
            }],
            target: None,
            percent: true,
        },
        170.0,
    )?;
    Ok(())
}

fn rewards(c: &mut Composer, p: &PeopleInput, lang: Lang, quarter: Quarter) {
    c.heading2(tr(lang, "奖惩记录", "Rewards and penalties"), 80.0);
    let staff: HashMap<i64, &crate::people::Staff> = p.staff.iter().map(|s| (s.id, s)).collect();
    let list: Vec<&crate::people::Reward> = p
        .rewards
        .iter()
        .filter(|r| Quarter::of_date(r.awarded_on) == quarter)
        .collect();
    if list.is_empty() {
        c.paragraph(
            tr(
                lang,
                "本季度没有奖惩记录。",
                "No rewards or penalties this quarter.",
            ),
            BODY,
            INK,
            0.0,
        );
        return;
    }
    let mut rows: Vec<Row> = list
        .iter()
        .map(|r| {
            let who = staff.get(&r.staff_id).map_or(String::new(), |s| {
                if p.names {
                    s.name.clone()
                } else {
                    s.team.clone()
                }
            });
            let kind = match r.kind {
                RewardKind::Reward => tr(lang, "奖励", "Reward"),
                RewardKind::Penalty => tr(lang, "处罚", "Penalty"),
            };
            let mut amount = Vec::new();
            if let Some(a) = r.amount_cents {
                amount.push(fmt_money(a));
            }
            if let Some(pt) = r.points {
                amount.push(match lang {
                    Lang::Zh => format!("{pt} 分"),
                    Lang::En => format!("{pt} pts"),
                });
            }
            let link = match r.link_kind {
                Some(LinkKind::Metric) => tr(lang, "指标", "Metric"),
                Some(LinkKind::Ticket) => tr(lang, "工单", "Ticket"),
                Some(LinkKind::Complaint) => tr(lang, "投诉", "Complaint"),
                None => "",
            };
            Row::new(vec![
                Cell::text(r.awarded_on.to_string()),
                Cell::text(who),
                Cell::text(kind),
                Cell::text(amount.join(" · ")),
                Cell::text(r.reason.as_str()),
                Cell::text(format!("{link} {}", r.link_ref).trim().to_string()),
            ])
        })
        .collect();
    rows.sort_by(|a, b| a.cells[0].text.cmp(&b.cells[0].text));
    c.table(&Table {
        columns: vec![
            Column::left(tr(lang, "日期", "Date"), 1.4),
            Column::left(
                if p.names {
                    tr(lang, "人员", "Person")
                } else {
                    tr(lang, "团队", "Team")
                },
                1.4,
            ),
            Column::left(tr(lang, "类型", "Kind"), 0.8),
            Column::right(tr(lang, "金额/积分", "Amount"), 1.5),
            Column::left(tr(lang, "原因", "Reason"), 3.2).small(7.5),
            Column::left(tr(lang, "关联", "Linked to"), 1.8).small(7.5),
        ],
        rows,
        size: TABLE,
        grouped: false,
    });
}

fn perf_rows(list: &[PerformanceRow], lang: Lang) -> Vec<Row> {
    list.iter()
        .map(|r| {
            let name = if r.matched {
                r.name.clone()
            } else {
                match lang {
                    Lang::Zh => format!("{}（未匹配）", r.name),
                    Lang::En => format!("{} (unmatched)", r.name),
                }
            };
            Row::new(vec![
                Cell::text(name),
                Cell::text(fmt_count(r.figures.volume)),
                Cell::text(fmt_pct(r.figures.response.pct)),
                Cell::text(fmt_pct(r.figures.resolution.pct)),
                Cell::text(fmt_pct(r.figures.csat)),
                Cell::text(fmt_count(r.figures.responses)),
            ])
        })
        .collect()
}

fn perf_columns(first: &str, lang: Lang) -> Vec<Column> {
    vec![
        Column::left(first.to_string(), 2.6),
        Column::right(tr(lang, "工单量", "Tickets"), 1.0),
        Column::right(tr(lang, "响应达标率", "Response met"), 1.3),
        Column::right(tr(lang, "解决达标率", "Resolution met"), 1.3),
        Column::right(tr(lang, "满意度", "CSAT"), 1.0),
        Column::right(tr(lang, "评价数", "Ratings"), 1.0),
    ]
}

fn performance(c: &mut Composer, p: &PeopleInput, lang: Lang) {
    c.heading2(tr(lang, "团队绩效", "Team performance"), 80.0);
    c.paragraph(
        tr(
            lang,
            "按工单的处理组（及经匹配的团队）统计本季度开立的工单；满意度来自关联到这些工单的评价。",
            "Tickets opened in the quarter by assignment group (matched to teams); CSAT from the ratings linked to those tickets.",
        ),
        SMALL,
        MUTED,
        0.0,
    );
    if p.teams.is_empty() {
        c.paragraph(
            tr(lang, "本季度没有工单。", "No tickets this quarter."),
            BODY,
            INK,
            0.0,
        );
    } else {
        c.table(&Table {
            columns: perf_columns(tr(lang, "团队", "Team"), lang),
            rows: perf_rows(&p.teams, lang),
            size: TABLE,
            grouped: false,
        });
    }
    if p.names && !p.persons.is_empty() {
        c.gap(6.0);
        c.heading2(tr(lang, "个人绩效", "Performance per person"), 80.0);
        c.table(&Table {
            columns: perf_columns(tr(lang, "人员", "Person"), lang),
            rows: perf_rows(&p.persons, lang),
            size: TABLE,
            grouped: false,
        });
    }
}
