//! People and competence: effectiveness, training hours, the competence matrix and who is due,
//! by hand-computed tables; the records in a real SQLite store; staff and attendance imports
//! from the real XLSX/CSV fixtures; performance by team and person with name matching.

use crate::support::{clock, fixture};
use chrono::NaiveDate;
use sqm_core::domain::Quarter;
use sqm_core::people::*;
use sqm_core::store::{NameKind, NameMatch};
use sqm_core::workspace::{PeopleImportKind, Workspace};
use sqm_core::Error;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn att(staff_id: i64, attended: bool, pre: Option<f64>, post: Option<f64>) -> Attendance {
    Attendance {
        id: 0,
        session_id: 0,
        staff_id,
        attended,
        pre,
        post,
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn effectiveness_table() {
    // (rows, attended, assessed, mean pre, mean post, mean gain, improved %), by hand.
    type Case = (
        Vec<Attendance>,
        u32,
        u32,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
    );
    let cases: Vec<Case> = vec![
        (vec![], 0, 0, None, None, None, None),
        // 60→80 (+20), 70→70 (0), 50→45 (−5): gain 15/3 = 5, improved 1 of 3.
        (
            vec![
                att(1, true, Some(60.0), Some(80.0)),
                att(2, true, Some(70.0), Some(70.0)),
                att(3, true, Some(50.0), Some(45.0)),
            ],
            3,
            3,
            Some(60.0),
            Some(65.0),
            Some(5.0),
            Some(100.0 / 3.0),
        ),
        // Missing a score: attended but not measured; planned: neither.
        (
            vec![
                att(1, true, Some(40.0), Some(70.0)),
                att(2, true, None, Some(90.0)),
                att(3, true, Some(55.0), None),
                att(4, false, None, None),
                att(5, false, Some(10.0), Some(99.0)),
            ],
            3,
            1,
            Some(40.0),
            Some(70.0),
            Some(30.0),
            Some(100.0),
        ),
        // Only scoreless attendance: nothing measured, not "0 gain".
        (vec![att(1, true, None, None)], 1, 0, None, None, None, None),
        // Decimals: 62.5→85 (+22.5), 80→77.5 (−2.5): gain 10, improved 50%.
        (
            vec![
                att(1, true, Some(62.5), Some(85.0)),
                att(2, true, Some(80.0), Some(77.5)),
            ],
            2,
            2,
            Some(71.25),
            Some(81.25),
            Some(10.0),
            Some(50.0),
        ),
    ];
    for (i, (rows, attended, assessed, pre, post, gain, improved)) in cases.into_iter().enumerate()
    {
        let e = effectiveness(&rows);
        assert_eq!((e.attended, e.assessed), (attended, assessed), "case {i}");
        assert!(close(e.mean_pre, pre), "case {i}: pre {:?}", e.mean_pre);
        assert!(close(e.mean_post, post), "case {i}: post {:?}", e.mean_post);
        assert!(close(e.mean_gain, gain), "case {i}: gain {:?}", e.mean_gain);
        assert!(
            close(e.improved_pct, improved),
            "case {i}: improved {:?}",
            e.improved_pct
        );
    }
}

fn role(id: i64, reqs: &[(&str, u8)]) -> Role {
    Role {
        id,
        code: format!("R{id}"),
        name_zh: format!("角色{id}"),
        name_en: format!("Role {id}"),
        duties_zh: String::new(),
        duties_en: String::new(),
        team: String::new(),
        builtin: false,
        requirements: reqs
            .iter()
            .enumerate()
            .map(|(k, (c, l))| Requirement {
                id: id * 10 + k as i64,
                role_id: id,
                competence: c.to_string(),
                level: *l,
            })
            .collect(),
    }
}

fn person(
    id: i64,
    name: &str,
    active: bool,
    roles: &[(i64, &str, Option<&str>)],
    levels: &[(&str, u8, &str)],
) -> Staff {
    Staff {
        id,
        code: format!("E{id:03}"),
        name: name.into(),
        team: "服务台".into(),
        contact: String::new(),
        active,
        assignments: roles
            .iter()
            .enumerate()
            .map(|(k, (r, from, to))| Assignment {
                id: id * 10 + k as i64,
                staff_id: id,
                role_id: *r,
                from: d(from),
                to: to.map(d),
            })
            .collect(),
        assessments: levels
            .iter()
            .enumerate()
            .map(|(k, (c, l, on))| Assessment {
                id: id * 10 + k as i64,
                staff_id: id,
                competence: c.to_string(),
                level: *l,
                assessed_on: d(on),
                assessor: String::new(),
            })
            .collect(),
    }
}

/// Two roles, five people; the expected matrix worked out by hand on 2026-09-30.
fn matrix_case() -> (Vec<Role>, Vec<Staff>) {
    let roles = vec![
        role(1, &[("ITSM", 3), ("沟通", 2)]),
        role(2, &[("ITSM", 4), ("问题解决", 3)]),
    ];
    let staff = vec![
        // Holds 1 and 2: ITSM needs max(3,4) = 4, has 4 → met; 沟通 2 has 1 → gap;
        // 问题解决 3 never assessed → not assessed.
        person(
            1,
            "张伟",
            true,
            &[(1, "2025-01-01", None), (2, "2026-01-01", None)],
            &[("ITSM", 4, "2026-06-01"), ("沟通", 1, "2026-06-01")],
        ),
        // Holds 1: ITSM latest on/before the date is 2 (the 5 is after it) → gap; 沟通 3 → met.
        person(
            2,
            "李娜",
            true,
            &[(1, "2025-01-01", None)],
            &[
                ("ITSM", 2, "2026-03-01"),
                ("itsm ", 5, "2026-10-15"),
                ("沟通", 3, "2026-03-01"),
            ],
        ),
        // Role 2 ended before the date: holds nothing → not in the matrix.
        person(
            3,
            "王芳",
            true,
            &[(2, "2025-01-01", Some("2026-06-30"))],
            &[],
        ),
        // Inactive: left out even though holding a role.
        person(4, "赵磊", false, &[(1, "2025-01-01", None)], &[]),
        // Holds 2 from the date itself: ITSM 3 < 4 → gap; 问题解决 3 → met.
        person(
            5,
            "陈静",
            true,
            &[(2, "2026-09-30", None)],
            &[("ITSM", 3, "2026-09-30"), ("问题解决", 3, "2026-09-01")],
        ),
    ];
    (roles, staff)
}

#[test]
fn competence_matrix_table() {
    let (roles, staff) = matrix_case();
    let m = competence_matrix(&roles, &staff, d("2026-09-30"));
    assert_eq!(m.competences, ["ITSM", "沟通", "问题解决"]);
    type Cells = Vec<(Option<u8>, Option<u8>, CellStatus)>;
    let rows: Vec<(&str, Vec<i64>, Cells)> = m
        .rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.role_ids.clone(),
                r.cells
                    .iter()
                    .map(|c| (c.required, c.assessed, c.status))
                    .collect(),
            )
        })
        .collect();
    use CellStatus::*;
    assert_eq!(
        rows,
        vec![
            (
                "张伟",
                vec![1, 2],
                vec![
                    (Some(4), Some(4), Met),
                    (Some(2), Some(1), Gap),
                    (Some(3), None, NotAssessed)
                ]
            ),
            (
                "李娜",
                vec![1],
                vec![
                    (Some(3), Some(2), Gap),
                    (Some(2), Some(3), Met),
                    (None, None, NotRequired)
                ]
            ),
            (
                "陈静",
                vec![2],
                vec![
                    (Some(4), Some(3), Gap),
                    (None, None, NotRequired),
                    (Some(3), Some(3), Met)
                ]
            ),
        ]
    );
    assert_eq!((m.required, m.met, m.gaps, m.not_assessed), (7, 3, 3, 1));
    assert_eq!(
        m.rows
            .iter()
            .map(|r| (r.gaps, r.not_assessed))
            .collect::<Vec<_>>(),
        [(1, 1), (1, 0), (1, 0)]
    );
    // Role × competence (heat map): role 1 holders 张伟, 李娜; role 2 holders 张伟, 陈静.
    type Heat<'a> = (i64, &'a str, u8, u32, u32, u32, Option<f64>);
    let heat: Vec<Heat> = m
        .by_role
        .iter()
        .map(|h| {
            (
                h.role_id,
                h.competence.as_str(),
                h.required,
                h.holders,
                h.gaps,
                h.not_assessed,
                h.short_pct,
            )
        })
        .collect();
    assert_eq!(
        heat,
        vec![
            // 张伟 4 ≥ 3, 李娜 2 < 3.
            (1, "ITSM", 3, 2, 1, 0, Some(50.0)),
            // 张伟 1 < 2, 李娜 3 ≥ 2.
            (1, "沟通", 2, 2, 1, 0, Some(50.0)),
            // 张伟 4 ≥ 4, 陈静 3 < 4.
            (2, "ITSM", 4, 2, 1, 0, Some(50.0)),
            // 张伟 not assessed, 陈静 3 ≥ 3.
            (2, "问题解决", 3, 2, 0, 1, Some(50.0)),
        ]
    );
    // A month later 李娜's re-assessment (5) closes her ITSM gap.
    let later = competence_matrix(&roles, &staff, d("2026-10-31"));
    let li = later.rows.iter().find(|r| r.name == "李娜").unwrap();
    assert_eq!(li.cells[0].status, Met);
}

fn course(id: i64, competence: &str, hours: f64, sessions: Vec<Session>) -> Course {
    Course {
        id,
        code: format!("C{id}"),
        topic: format!("课程{id}"),
        competence: competence.into(),
        hours,
        cost_cents: 120_000,
        provider: String::new(),
        sessions,
        effectiveness: Effectiveness::default(),
    }
}

fn session(id: i64, on: &str, attendance: Vec<Attendance>) -> Session {
    Session {
        id,
        course_id: 0,
        held_on: d(on),
        trainer: String::new(),
        place: String::new(),
        attendance,
        effectiveness: Effectiveness::default(),
    }
}

#[test]
fn due_courses_table() {
    let (roles, staff) = matrix_case();
    let m = competence_matrix(&roles, &staff, d("2026-09-30"));
    let courses = vec![
        // ITSM: 李娜 (gap, assessed 2026-03-01) attended in May → after her assessment → not
        // due; 陈静 (gap, assessed 2026-09-30) attended in May → before → due.
        course(
            1,
            "itsm",
            8.0,
            vec![session(
                1,
                "2026-05-10",
                vec![
                    att(2, true, Some(50.0), Some(70.0)),
                    att(5, true, None, None),
                ],
            )],
        ),
        // 沟通: 张伟 (gap) is planned for December → not due.
        course(
            2,
            "沟通",
            4.0,
            vec![session(2, "2026-12-10", vec![att(1, false, None, None)])],
        ),
        // 问题解决: 张伟 not assessed, no session → due.
        course(3, "问题解决", 6.0, vec![]),
        // Builds no named competence: never due.
        course(4, "", 2.0, vec![]),
    ];
    let due: Vec<(i64, String, i64)> = due_courses(&m, &staff, &courses)
        .into_iter()
        .map(|x| (x.staff_id, x.competence, x.course_id))
        .collect();
    assert_eq!(
        due,
        vec![(1, "问题解决".to_string(), 3), (5, "ITSM".to_string(), 1)]
    );
}

#[test]
fn training_hours_and_quarters() {
    let courses = vec![
        course(
            1,
            "ITSM",
            8.0,
            vec![
                session(
                    1,
                    "2026-05-10",
                    vec![
                        att(1, true, Some(50.0), Some(70.0)),
                        att(2, true, Some(60.0), Some(60.0)),
                        att(3, false, None, None),
                    ],
                ),
                session(2, "2026-08-01", vec![att(1, true, Some(70.0), Some(90.0))]),
                // Planned only: not delivered, no hours, no cost.
                session(3, "2026-08-20", vec![att(2, false, None, None)]),
            ],
        ),
        course(
            2,
            "沟通",
            3.5,
            vec![session(4, "2026-07-03", vec![att(1, true, None, None)])],
        ),
    ];
    let hours: Vec<(i64, String, f64)> = hours_per_person(&courses)
        .into_iter()
        .map(|h| (h.staff_id, h.quarter.to_string(), h.hours))
        .collect();
    assert_eq!(
        hours,
        vec![
            (1, "2026Q2".into(), 8.0),
            (1, "2026Q3".into(), 11.5),
            (2, "2026Q2".into(), 8.0),
        ]
    );
    let q = Quarter::new(2026, 3).unwrap();
    let t = training_by_quarter(&courses, &q.trailing(2));
    // Q2: one session, 2 attended × 8 h, gain (20 + 0)/2 = 10, improved 50%.
    assert_eq!(
        (t[0].sessions, t[0].hours, t[0].cost_cents),
        (1, 16.0, 120_000)
    );
    assert!(close(t[0].effectiveness.mean_gain, Some(10.0)));
    assert!(close(t[0].effectiveness.improved_pct, Some(50.0)));
    // Q3: the August ITSM session (8 h) and the July 沟通 session (3.5 h); only one measured.
    assert_eq!(
        (t[1].sessions, t[1].hours, t[1].cost_cents),
        (2, 11.5, 240_000)
    );
    assert_eq!(
        (t[1].effectiveness.attended, t[1].effectiveness.assessed),
        (2, 1)
    );
    assert!(close(t[1].effectiveness.mean_gain, Some(20.0)));
}

fn new_ws() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("p.sqm")).unwrap();
    (dir, ws)
}

fn add_courses(ws: &Workspace) {
    for (code, topic, competence) in [
        ("ITSM-101", "ITSM 基础", "ITSM"),
        ("COMM-201", "用户沟通", "沟通"),
        ("PSM-301", "问题解决方法", "问题解决"),
    ] {
        ws.save_people(&PeopleRecord::Course {
            id: None,
            code: code.into(),
            topic: topic.into(),
            competence: competence.into(),
            hours: 6.0,
            cost_cents: 300_000,
            provider: "内训".into(),
        })
        .unwrap();
    }
}

#[test]
fn the_plan_roles_ship_in_both_languages_and_stay() {
    let (_d, ws) = new_ws();
    let p = ws.people(d("2026-11-25")).unwrap();
    let names: Vec<(&str, &str, bool)> = p
        .roles
        .iter()
        .map(|r| (r.name_zh.as_str(), r.name_en.as_str(), r.builtin))
        .collect();
    assert_eq!(
        names,
        [
            ("服务质量经理", "Service quality manager", true),
            ("服务交付团队", "Service delivery team", true),
            ("服务支持团队", "Service support team", true)
        ]
    );
    assert!(p
        .roles
        .iter()
        .all(|r| !r.duties_zh.is_empty() && !r.duties_en.is_empty()));
    // Editable, not deletable.
    let r = &p.roles[1];
    ws.save_people(&PeopleRecord::Role {
        id: Some(r.id),
        code: r.code.clone(),
        name_zh: r.name_zh.clone(),
        name_en: r.name_en.clone(),
        duties_zh: "按 SOP 交付".into(),
        duties_en: "Delivers by the SOP".into(),
        team: "桌面支持".into(),
    })
    .unwrap();
    let err = ws.delete_people(PeopleKind::Role, r.id, true).unwrap_err();
    assert!(err.to_string().contains("not deleted"), "{err}");
    let p = ws.people(d("2026-11-25")).unwrap();
    assert_eq!(p.roles[1].duties_en, "Delivers by the SOP");
}

#[test]
fn records_round_trip_and_referenced_deletes_ask_first() {
    let (_d, ws) = new_ws();
    let role_id = ws.people(d("2026-01-01")).unwrap().roles[0].id;
    let staff = ws
        .save_people(&PeopleRecord::Staff {
            id: None,
            code: " E900 ".into(),
            name: "周杰".into(),
            team: "服务台".into(),
            contact: "zj@example.com".into(),
            active: true,
        })
        .unwrap();
    // Same employee number again: refused with a message naming it.
    let dup = ws
        .save_people(&PeopleRecord::Staff {
            id: None,
            code: "E900".into(),
            name: "另一个".into(),
            team: String::new(),
            contact: String::new(),
            active: true,
        })
        .unwrap_err();
    assert_eq!(
        dup.to_string(),
        "invalid: a staff member with number 'E900' already exists"
    );
    ws.save_people(&PeopleRecord::Assignment {
        id: None,
        staff_id: staff,
        role_id,
        from: d("2025-01-01"),
        to: Some(d("2025-12-31")),
    })
    .unwrap();
    ws.save_people(&PeopleRecord::Assignment {
        id: None,
        staff_id: staff,
        role_id,
        from: d("2026-01-01"),
        to: None,
    })
    .unwrap();
    ws.save_people(&PeopleRecord::Reward {
        id: None,
        staff_id: staff,
        awarded_on: d("2026-09-30"),
        kind: RewardKind::Reward,
        amount_cents: Some(50_000),
        points: None,
        reason: "季度响应达标率 100%".into(),
        link_kind: Some(LinkKind::Metric),
        link_ref: "response".into(),
    })
    .unwrap();
    // Bad input is refused with the field named, nothing written.
    for (rec, msg) in [
        (
            PeopleRecord::Requirement {
                id: None,
                role_id,
                competence: "ITSM".into(),
                level: 6,
            },
            "invalid: required level: 6 is outside 1–5",
        ),
        (
            PeopleRecord::Assignment {
                id: None,
                staff_id: staff,
                role_id,
                from: d("2026-05-01"),
                to: Some(d("2026-04-30")),
            },
            "invalid: role assignment: ends 2026-04-30 before it starts 2026-05-01",
        ),
        (
            PeopleRecord::Reward {
                id: None,
                staff_id: staff,
                awarded_on: d("2026-09-30"),
                kind: RewardKind::Penalty,
                amount_cents: None,
                points: None,
                reason: "超时".into(),
                link_kind: None,
                link_ref: String::new(),
            },
            "invalid: amount or points: give at least one",
        ),
        (
            PeopleRecord::Staff {
                id: Some(9999),
                code: "E999".into(),
                name: "无".into(),
                team: String::new(),
                contact: String::new(),
                active: true,
            },
            "not found: staff member 9999",
        ),
    ] {
        assert_eq!(ws.save_people(&rec).unwrap_err().to_string(), msg);
    }
    let p = ws.people(d("2026-11-25")).unwrap();
    let s = p.staff.iter().find(|s| s.id == staff).unwrap();
    assert_eq!(s.code, "E900");
    assert_eq!(s.assignments.len(), 2, "history kept, not overwritten");
    assert_eq!(p.rewards.len(), 1);

    let err = ws
        .delete_people(PeopleKind::Staff, staff, false)
        .unwrap_err();
    assert_eq!(err.code(), "in_use");
    assert_eq!(
        err.to_string(),
        "staff member 1 is referenced by other records: 2 role assignments, 1 rewards and penalties"
    );
    assert_eq!(
        ws.people(d("2026-11-25")).unwrap().staff.len(),
        1,
        "nothing deleted"
    );
    ws.delete_people(PeopleKind::Staff, staff, true).unwrap();
    let p = ws.people(d("2026-11-25")).unwrap();
    assert!(p.staff.is_empty() && p.rewards.is_empty());
    let left: i64 = ws
        .conn()
        .query_row("SELECT count(*) FROM role_assignments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "no dangling assignments");
}

#[test]
fn staff_list_xlsx_imports_fifty_and_reimport_updates() {
    let (_d, mut ws) = new_ws();
    let r = ws
        .import_people(
            PeopleImportKind::Staff,
            &fixture("people/staff-50.xlsx"),
            &clock(),
        )
        .unwrap();
    assert_eq!(
        (r.rows, r.staff_added, r.staff_updated, r.assignments_added),
        (50, 50, 0, 50)
    );
    let p = ws.people(d("2026-11-25")).unwrap();
    assert_eq!(p.staff.len(), 50);
    assert_eq!(p.staff.iter().filter(|s| !s.active).count(), 2);
    let holders = |code: &str| {
        let role = p.roles.iter().find(|r| r.code == code).unwrap();
        p.staff
            .iter()
            .filter(|s| s.assignments.iter().any(|a| a.role_id == role.id))
            .count()
    };
    assert_eq!(
        (holders("SQM"), holders("DELIVERY"), holders("SUPPORT")),
        (1, 20, 29)
    );
    // Again: the same people updated, no new assignment (one is open already).
    let r = ws
        .import_people(
            PeopleImportKind::Staff,
            &fixture("people/staff-50.xlsx"),
            &clock(),
        )
        .unwrap();
    assert_eq!(
        (r.staff_added, r.staff_updated, r.assignments_added),
        (0, 50, 0)
    );
}

#[test]
fn bad_staff_list_is_refused_whole_with_every_error() {
    let (_d, mut ws) = new_ws();
    let err = ws
        .import_people(
            PeopleImportKind::Staff,
            &fixture("people/staff-bad.xlsx"),
            &clock(),
        )
        .unwrap_err();
    let Error::RejectedRows(rows) = err else {
        panic!("expected rejected rows, got {err}")
    };
    let got: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        got,
        [
            "staff-bad.xlsx:3:2: name: empty",
            "staff-bad.xlsx:4:5: active: 'maybe' is not yes/no (是/否)",
            "staff-bad.xlsx:5:7: role from: '2025/13/01' is not a date (YYYY-MM-DD, YYYY/MM/DD, YYYY/M/D, YYYY.MM.DD or YYYY年M月D日)",
            "staff-bad.xlsx:6:1: code: 'E002' is already on line 3",
        ]
    );
    assert!(ws.people(d("2026-11-25")).unwrap().staff.is_empty());

    // An unknown role is found only against the workspace: still all or nothing.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.csv");
    std::fs::write(
        &path,
        "工号,姓名,角色\nE001,张伟,服务台\nE002,李娜,Service delivery team\nE003,王芳,外包\n",
    )
    .unwrap();
    let err = ws
        .import_people(PeopleImportKind::Staff, &path, &clock())
        .unwrap_err();
    let Error::RejectedRows(rows) = err else {
        panic!("expected rejected rows")
    };
    let got: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        got,
        [
            "staff.csv:2:3: role: '服务台' is not a role here (服务质量经理, 服务交付团队, 服务支持团队)",
            "staff.csv:4:3: role: '外包' is not a role here (服务质量经理, 服务交付团队, 服务支持团队)",
        ]
    );
    assert!(
        ws.people(d("2026-11-25")).unwrap().staff.is_empty(),
        "E002 not written either"
    );
}

#[test]
fn attendance_xlsx_builds_sessions_and_effectiveness() {
    let (_d, mut ws) = new_ws();
    add_courses(&ws);
    ws.import_people(
        PeopleImportKind::Staff,
        &fixture("people/staff-50.xlsx"),
        &clock(),
    )
    .unwrap();
    let r = ws
        .import_people(
            PeopleImportKind::Attendance,
            &fixture("people/attendance.xlsx"),
            &clock(),
        )
        .unwrap();
    assert_eq!(
        (
            r.rows,
            r.sessions_added,
            r.attendance_added,
            r.attendance_updated
        ),
        (62, 4, 62, 0)
    );
    let p = ws.people(d("2026-11-25")).unwrap();
    // Each course's effectiveness equals the calculation over its rows as stored.
    for c in &p.courses {
        let rows: Vec<Attendance> = c
            .sessions
            .iter()
            .flat_map(|s| s.attendance.clone())
            .collect();
        assert_eq!(c.effectiveness, effectiveness(&rows), "{}", c.code);
        assert!(c.effectiveness.assessed > 0, "{}", c.code);
    }
    let planned: usize = p
        .courses
        .iter()
        .flat_map(|c| &c.sessions)
        .flat_map(|s| &s.attendance)
        .filter(|a| !a.attended)
        .count();
    assert_eq!(planned, 2);
    // Again: updated in place.
    let r = ws
        .import_people(
            PeopleImportKind::Attendance,
            &fixture("people/attendance.xlsx"),
            &clock(),
        )
        .unwrap();
    assert_eq!(
        (r.sessions_added, r.attendance_added, r.attendance_updated),
        (0, 0, 62)
    );

    // Unknown course or person: named with line and column; nothing written.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("att.csv");
    std::fs::write(
        &path,
        "Course,Date,Employee ID,Pre,Post\nITSM-101,2026-11-02,E001,50,60\nSEC-999,2026-11-02,E002,,\nITSM-101,2026-11-02,E777,40,41\n",
    )
    .unwrap();
    let Error::RejectedRows(rows) = ws
        .import_people(PeopleImportKind::Attendance, &path, &clock())
        .unwrap_err()
    else {
        panic!("expected rejected rows")
    };
    let got: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    assert_eq!(
        got,
        [
            "att.csv:3:1: course: 'SEC-999' is not a course here (add it on the Training tab first)",
            "att.csv:4:3: staff: 'E777' is not an employee number or a unique name in the staff list",
        ]
    );
    let sessions: i64 = ws
        .conn()
        .query_row("SELECT count(*) FROM training_sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 4, "the 2026-11-02 session was not kept");
}

#[test]
fn csv_lists_in_utf8_bom_and_gb18030() {
    let (_d, mut ws) = new_ws();
    add_courses(&ws);
    let r = ws
        .import_people(
            PeopleImportKind::Staff,
            &fixture("people/staff.csv"),
            &clock(),
        )
        .unwrap();
    assert_eq!(r.staff_added, 5);
    let r = ws
        .import_people(
            PeopleImportKind::Attendance,
            &fixture("people/attendance-gb18030.csv"),
            &clock(),
        )
        .unwrap();
    assert_eq!(r.attendance_added, 4);
}

#[test]
fn performance_by_team_and_person_with_name_matching() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqm");
    let mut ws = Workspace::create(&path).unwrap();
    sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default()).unwrap();
    let q = ws.default_quarter(None).unwrap();
    let before = ws.performance(Some(q), &clock()).unwrap();
    let total: u64 = before.people.iter().map(|p| p.figures.volume).sum();
    let overall = ws.metrics(q, &clock()).unwrap().overall.volume;
    assert_eq!(
        total, overall,
        "every ticket counted once across people (or unassigned)"
    );
    // Match one assignee by hand: the row takes the staff member's name.
    let some = before
        .unmatched
        .iter()
        .find(|u| u.kind == NameKind::Assignee)
        .cloned();
    if let Some(u) = some {
        let id = ws
            .save_people(&PeopleRecord::Staff {
                id: None,
                code: "X1".into(),
                name: "匹配的人".into(),
                team: "匹配团队".into(),
                contact: String::new(),
                active: true,
            })
            .unwrap();
        ws.save_name_match(&NameMatch {
            kind: NameKind::Assignee,
            name: u.name.clone(),
            staff_id: Some(id),
            team: String::new(),
        })
        .unwrap();
        let after = ws.performance(Some(q), &clock()).unwrap();
        let row = after
            .people
            .iter()
            .find(|p| p.staff_id == Some(id))
            .unwrap();
        assert!(row.matched);
        assert_eq!(row.name, "匹配的人");
        assert_eq!(row.figures.volume as i64, u.tickets);
        assert!(!after.unmatched.iter().any(|x| x.name == u.name));
    }
    let _ = ws.import_people(
        PeopleImportKind::Staff,
        &fixture("people/staff.csv"),
        &clock(),
    );
}

#[test]
fn a_semicolon_separated_staff_list_imports_too() {
    let (_d, mut ws) = new_ws();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff;.csv");
    std::fs::write(
        &path,
        "工号;姓名;团队;角色\nE001;张伟;服务台;服务支持团队\nE002;\"李;娜\";服务台;\n",
    )
    .unwrap();
    let r = ws
        .import_people(PeopleImportKind::Staff, &path, &clock())
        .unwrap();
    assert_eq!((r.staff_added, r.assignments_added), (2, 1));
    let p = ws.people(d("2026-11-25")).unwrap();
    assert_eq!(p.staff[1].name, "李;娜");
}
