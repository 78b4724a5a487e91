//! The demo's people: the plan's three roles held by the staff who work the demo tickets, their
//! competence requirements and assessments, a training programme with measured scores, and
//! rewards and penalties. Deterministic from the demo seed.

use super::{DemoSpec, STAFF};
use crate::domain::Quarter;
use crate::people::{LinkKind, PeopleRecord, RewardKind};
use crate::store;
use crate::Result;
use chrono::{Datelike, NaiveDate};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rusqlite::Connection;

/// (competence, level) per built-in role code.
const REQUIREMENTS: [(&str, &[(&str, u8)]); 3] = [
    ("SQM", &[("ITSM 流程", 4), ("数据分析", 3), ("用户沟通", 3)]),
    (
        "DELIVERY",
        &[("ITSM 流程", 3), ("专业技术", 4), ("问题解决", 3)],
    ),
    (
        "SUPPORT",
        &[("ITSM 流程", 2), ("用户沟通", 4), ("问题解决", 2)],
    ),
];

/// (code, topic, competence, hours, cost in yuan, provider, quarter of the year it runs in).
const COURSES: [(&str, &str, &str, f64, i64, &str, u32); 4] = [
    (
        "ITSM-101",
        "ITSM 基础",
        "ITSM 流程",
        8.0,
        6_000,
        "外部讲师（ITIL 4 认证）",
        1,
    ),
    (
        "COMM-201",
        "用户沟通技巧",
        "用户沟通",
        4.0,
        3_500,
        "内部培训",
        2,
    ),
    (
        "PSM-301",
        "问题解决方法（8D/5Why）",
        "问题解决",
        6.0,
        4_800,
        "外部讲师",
        3,
    ),
    (
        "DATA-110",
        "服务数据分析入门",
        "数据分析",
        3.0,
        0,
        "内部培训",
        4,
    ),
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

fn save(conn: &Connection, rec: PeopleRecord) -> Result<i64> {
    store::save_people_record(conn, &rec)
}

/// Adds the people records; the ticket assignees are `STAFF`, the groups the role names.
pub(super) fn populate(conn: &Connection, spec: &DemoSpec) -> Result<()> {
    let mut rng = SmallRng::seed_from_u64(spec.seed ^ 0x0005_eed0_f9e0);
    let data = store::load_people(conn)?;
    let role = |code: &str| {
        data.roles
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.id)
            .expect("built-in role")
    };
    for (code, reqs) in REQUIREMENTS {
        for (competence, level) in reqs.iter() {
            save(
                conn,
                PeopleRecord::Requirement {
                    id: None,
                    role_id: role(code),
                    competence: competence.to_string(),
                    level: *level,
                },
            )?;
        }
    }
    let start = spec.first.start_date();
    let end = spec.last.end_secs_date();

    // People: the quality manager, the ticket assignees (first half support, second delivery)
    // and the service owners. 罗丹 is in the staff list as "Luo Dan" (a romanised HR record),
    // so the performance screen has one name to match by hand.
    let mut people: Vec<(i64, &str)> = Vec::new();
    let mut add = |conn: &Connection,
                   code: String,
                   name: &str,
                   team: &str,
                   role_code: &str,
                   from: NaiveDate|
     -> Result<i64> {
        let id = save(
            conn,
            PeopleRecord::Staff {
                id: None,
                code,
                name: name.into(),
                team: team.into(),
                contact: String::new(),
                active: true,
            },
        )?;
        save(
            conn,
            PeopleRecord::Assignment {
                id: None,
                staff_id: id,
                role_id: role(role_code),
                from,
                to: None,
            },
        )?;
        people.push((id, role_code_static(role_code)));
        Ok(id)
    };
    add(
        conn,
        "E001".into(),
        "陈静",
        "质量管理",
        "SQM",
        date(2024, 1, 1),
    )?;
    for (k, name) in STAFF.iter().enumerate() {
        let (team, role_code) = if k < STAFF.len() / 2 {
            ("服务支持团队", "SUPPORT")
        } else {
            ("服务交付团队", "DELIVERY")
        };
        let name = if *name == "罗丹" { "Luo Dan" } else { name };
        add(
            conn,
            format!("E{:03}", k + 2),
            name,
            team,
            role_code,
            date(2024, 1, 1),
        )?;
    }
    for (k, (name, team, role_code)) in [
        ("王磊", "服务支持团队", "SUPPORT"),
        ("李娜", "服务交付团队", "DELIVERY"),
        ("张伟", "服务交付团队", "DELIVERY"),
    ]
    .into_iter()
    .enumerate()
    {
        add(
            conn,
            format!("E{:03}", k + 20),
            name,
            team,
            role_code,
            date(2024, 1, 1),
        )?;
    }
    // A move with history: 许婷 went from support to delivery in the middle of the demo.
    let moved = store::load_people(conn)?
        .staff
        .into_iter()
        .find(|s| s.name == "许婷")
        .expect("demo staff");
    let switch = spec.last.prev().start_date();
    let old = &moved.assignments[0];
    save(
        conn,
        PeopleRecord::Assignment {
            id: Some(old.id),
            staff_id: moved.id,
            role_id: old.role_id,
            from: old.from,
            to: switch.pred_opt(),
        },
    )?;
    save(
        conn,
        PeopleRecord::Assignment {
            id: None,
            staff_id: moved.id,
            role_id: role("DELIVERY"),
            from: switch,
            to: None,
        },
    )?;
    people.retain(|(id, _)| *id != moved.id);
    people.push((moved.id, "DELIVERY"));

    // Assessments: a baseline before the demo starts for every required competence (some
    // left out: no evidence yet), then a re-assessment after each course attended.
    let baseline = start.pred_opt().unwrap_or(start);
    let mut level: std::collections::HashMap<(i64, &str), u8> = Default::default();
    for &(id, role_code) in &people {
        let reqs = REQUIREMENTS
            .iter()
            .find(|(c, _)| *c == role_code)
            .map(|(_, r)| *r)
            .unwrap_or(&[]);
        for (competence, required) in reqs {
            // No evidence yet for some: every third person's technical skills (no course
            // builds them, so they stay "not assessed"), and a few others at random.
            if (*competence == "专业技术" && id % 3 == 0) | rng.gen_bool(0.08) {
                continue;
            }
            let l = (*required as i32 + rng.gen_range(-2..=1)).clamp(1, 5) as u8;
            level.insert((id, competence), l);
            save(
                conn,
                PeopleRecord::Assessment {
                    id: None,
                    staff_id: id,
                    competence: competence.to_string(),
                    level: l,
                    assessed_on: baseline,
                    assessor: "陈静".into(),
                },
            )?;
        }
    }

    // Courses, each run once a year in its quarter for about two-thirds of those who need it.
    let mut quarters = vec![spec.first];
    while *quarters.last().expect("non-empty") < spec.last {
        let n = quarters.last().expect("non-empty").next();
        quarters.push(n);
    }
    for (code, topic, competence, hours, yuan, provider, in_q) in COURSES {
        let course = save(
            conn,
            PeopleRecord::Course {
                id: None,
                code: code.into(),
                topic: topic.into(),
                competence: competence.into(),
                hours,
                cost_cents: yuan * 100,
                provider: provider.into(),
            },
        )?;
        let needs: Vec<i64> = people
            .iter()
            .filter(|(_, r)| {
                REQUIREMENTS
                    .iter()
                    .any(|(c, reqs)| c == r && reqs.iter().any(|(k, _)| *k == competence))
            })
            .map(|(id, _)| *id)
            .collect();
        for q in quarters.iter().filter(|q| u32::from(q.q) == in_q) {
            let held = date(q.year, u32::from(q.q) * 3 - 1, 10 + in_q * 3);
            let session = save(
                conn,
                PeopleRecord::Session {
                    id: None,
                    course_id: course,
                    held_on: held,
                    trainer: if provider.starts_with("内部") {
                        "陈静".into()
                    } else {
                        "刘老师".into()
                    },
                    place: "总部 3 楼培训室".into(),
                },
            )?;
            for &id in &needs {
                if needs.len() > 2 && !rng.gen_bool(0.65) {
                    continue;
                }
                let pre: f64 = f64::from(rng.gen_range(45..78));
                let gain: f64 = f64::from(rng.gen_range(-4..24));
                let scored = rng.gen_bool(0.9);
                save(
                    conn,
                    PeopleRecord::Attendance {
                        id: None,
                        session_id: session,
                        staff_id: id,
                        attended: true,
                        pre: scored.then_some(pre),
                        post: scored.then_some((pre + gain).clamp(0.0, 100.0)),
                    },
                )?;
                if scored && gain >= 10.0 {
                    let e = level.entry((id, competence)).or_insert(1);
                    *e = (*e + 1).min(5);
                    let assessed_on = held + chrono::Duration::days(30);
                    if assessed_on <= end {
                        save(
                            conn,
                            PeopleRecord::Assessment {
                                id: None,
                                staff_id: id,
                                competence: competence.into(),
                                level: *e,
                                assessed_on,
                                assessor: "陈静".into(),
                            },
                        )?;
                    }
                }
            }
        }
        // The next run, already booked for two people: planned, not attended.
        let last = *quarters.last().expect("non-empty");
        let year = if in_q > u32::from(last.q) {
            last.year
        } else {
            last.year + 1
        };
        {
            let held = date(year, in_q * 3 - 1, 12);
            let session = save(
                conn,
                PeopleRecord::Session {
                    id: None,
                    course_id: course,
                    held_on: held,
                    trainer: "陈静".into(),
                    place: "线上".into(),
                },
            )?;
            for &id in needs.iter().take(2) {
                save(
                    conn,
                    PeopleRecord::Attendance {
                        id: None,
                        session_id: session,
                        staff_id: id,
                        attended: false,
                        pre: None,
                        post: None,
                    },
                )?;
            }
        }
    }

    // Rewards and penalties tied to the quality figures, a ticket or a complaint.
    for q in &quarters {
        let on = q.end_secs_date();
        let (id, _) = people[rng.gen_range(1..people.len())];
        save(
            conn,
            PeopleRecord::Reward {
                id: None,
                staff_id: id,
                awarded_on: on,
                kind: RewardKind::Reward,
                amount_cents: Some(80_000),
                points: Some(10),
                reason: format!("{} 季度满意度最高", quarter_label(*q)),
                link_kind: Some(LinkKind::Metric),
                link_ref: "csat".into(),
            },
        )?;
        if rng.gen_bool(0.6) {
            let (id, _) = people[rng.gen_range(1..people.len())];
            save(
                conn,
                PeopleRecord::Reward {
                    id: None,
                    staff_id: id,
                    awarded_on: on - chrono::Duration::days(rng.gen_range(10..60)),
                    kind: RewardKind::Penalty,
                    amount_cents: None,
                    points: Some(5),
                    reason: "P1 工单超时未响应且未升级".into(),
                    link_kind: Some(LinkKind::Ticket),
                    link_ref: format!("INC{:07}", rng.gen_range(1_000..9_999)),
                },
            )?;
        }
    }
    let last = spec.last.end_secs_date();
    save(
        conn,
        PeopleRecord::Reward {
            id: None,
            staff_id: people[3].0,
            awarded_on: date(last.year(), last.month(), 1),
            kind: RewardKind::Reward,
            amount_cents: Some(50_000),
            points: None,
            reason: "妥善处理用户投诉并获表扬".into(),
            link_kind: Some(LinkKind::Complaint),
            link_ref: "CMP-2026-014".into(),
        },
    )?;
    Ok(())
}

fn role_code_static(code: &str) -> &'static str {
    match code {
        "SQM" => "SQM",
        "DELIVERY" => "DELIVERY",
        _ => "SUPPORT",
    }
}

fn quarter_label(q: Quarter) -> String {
    format!("{}Q{}", q.year, q.q)
}
