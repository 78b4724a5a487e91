//! The demo workspace: eight services of a mid-sized organisation over five quarters, generated
//! deterministically (fixed seed) with believable distributions. Some services miss their
//! standards, one improves, one declines, one standard is tightened mid-way (versioning).

mod costbenefit;
mod feedback;
mod people;
mod process;

use crate::calendar::{china, Calendar, CalendarDef, LocalZone};
use crate::domain::{
    to_secs, ImportRun, Quarter, SatisfactionResponse, Scale, ServiceInput, Source, StandardInput,
    Ticket,
};
use crate::store::{self, ResponseWriter, StatusWriter, TicketWriter};
use crate::Result;
use chrono::{Duration, NaiveDate};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

#[derive(Debug, Clone)]
pub struct DemoSpec {
    pub first: Quarter,
    pub last: Quarter,
    /// Roughly this many tickets in all.
    pub tickets: usize,
    pub seed: u64,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            first: Quarter { year: 2025, q: 3 },
            last: Quarter { year: 2026, q: 3 },
            tickets: 24_000,
            seed: 20_260_930,
        }
    }
}

#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub services: usize,
    pub tickets: usize,
    pub responses: usize,
    pub first_quarter: Quarter,
    pub last_quarter: Quarter,
}

/// A demo service: its standard, its share of volume, and how well it performs (attainment of
/// its own targets in the first and the last quarter; linear in between).
struct Profile {
    code: &'static str,
    name: &'static str,
    owner: &'static str,
    team: &'static str,
    share: f64,
    response_minutes: i64,
    response_pct: f64,
    resolution_minutes: i64,
    resolution_pct: f64,
    response_att: (f64, f64),
    resolution_att: (f64, f64),
    /// Share of satisfied responses (top two of 1–5) at the start and end.
    satisfied: (f64, f64),
    /// Office services are measured on China's working calendar; the rest around the clock.
    calendar: &'static str,
}

const PROFILES: [Profile; 8] = [
    Profile {
        code: "DESK",
        name: "桌面支持",
        owner: "王磊",
        team: "服务支持团队",
        share: 0.24,
        response_minutes: 60,
        response_pct: 95.0,
        resolution_minutes: 8 * 60,
        resolution_pct: 90.0,
        response_att: (0.955, 0.975),
        resolution_att: (0.91, 0.94),
        satisfied: (0.84, 0.89),
        calendar: "china",
    },
    Profile {
        code: "NET",
        name: "网络服务",
        owner: "李娜",
        team: "服务交付团队",
        share: 0.12,
        response_minutes: 30,
        response_pct: 95.0,
        resolution_minutes: 4 * 60,
        resolution_pct: 90.0,
        response_att: (0.96, 0.965),
        resolution_att: (0.90, 0.84),
        satisfied: (0.80, 0.76),
        calendar: "24x7",
    },
    Profile {
        code: "MAIL",
        name: "邮件与协作",
        owner: "张伟",
        team: "服务交付团队",
        share: 0.14,
        response_minutes: 60,
        response_pct: 95.0,
        resolution_minutes: 24 * 60,
        resolution_pct: 90.0,
        response_att: (0.97, 0.98),
        resolution_att: (0.95, 0.96),
        satisfied: (0.86, 0.88),
        calendar: "24x7",
    },
    Profile {
        code: "ERP",
        name: "ERP 系统支持",
        owner: "刘洋",
        team: "服务交付团队",
        share: 0.10,
        response_minutes: 120,
        response_pct: 90.0,
        resolution_minutes: 48 * 60,
        resolution_pct: 85.0,
        response_att: (0.93, 0.86),
        resolution_att: (0.88, 0.82),
        satisfied: (0.79, 0.70),
        calendar: "china",
    },
    Profile {
        code: "ACCT",
        name: "账号与权限",
        owner: "陈静",
        team: "服务支持团队",
        share: 0.16,
        response_minutes: 30,
        response_pct: 95.0,
        resolution_minutes: 8 * 60,
        resolution_pct: 95.0,
        response_att: (0.94, 0.97),
        resolution_att: (0.93, 0.965),
        satisfied: (0.82, 0.90),
        calendar: "china",
    },
    Profile {
        code: "PRINT",
        name: "打印服务",
        owner: "杨帆",
        team: "服务支持团队",
        share: 0.08,
        response_minutes: 240,
        response_pct: 90.0,
        resolution_minutes: 72 * 60,
        resolution_pct: 90.0,
        response_att: (0.95, 0.96),
        resolution_att: (0.94, 0.95),
        satisfied: (0.83, 0.85),
        calendar: "china",
    },
    Profile {
        code: "HRIS",
        name: "人力资源系统",
        owner: "赵敏",
        team: "服务交付团队",
        share: 0.07,
        response_minutes: 60,
        response_pct: 95.0,
        resolution_minutes: 24 * 60,
        resolution_pct: 90.0,
        response_att: (0.96, 0.96),
        resolution_att: (0.92, 0.91),
        satisfied: (0.77, 0.74),
        calendar: "china",
    },
    Profile {
        code: "DC",
        name: "数据中心运维",
        owner: "孙涛",
        team: "服务交付团队",
        share: 0.09,
        response_minutes: 15,
        response_pct: 99.0,
        resolution_minutes: 4 * 60,
        resolution_pct: 95.0,
        response_att: (0.985, 0.992),
        resolution_att: (0.93, 0.955),
        satisfied: (0.85, 0.87),
        calendar: "24x7",
    },
];

const STAFF: [&str; 12] = [
    "周杰", "吴芳", "郑浩", "冯雪", "何军", "许婷", "高鹏", "林燕", "马超", "罗丹", "梁斌", "宋佳",
];
const CATEGORIES: [&str; 5] = ["故障", "服务请求", "咨询", "变更请求", "账号"];
const CHANNELS: [&str; 4] = ["电话", "门户", "邮件", "即时通讯"];
const GOOD: [&str; 4] = [
    "处理很及时，谢谢！",
    "工程师很专业，问题一次解决。",
    "沟通清楚，满意。",
    "Quick and friendly, thanks.",
];
const POOR: [&str; 4] = [
    "等了太久才有人响应。",
    "问题反复出现，希望彻底解决。",
    "转了好几个组才处理。",
    "Took two days, no updates.",
];

/// Exponential waiting time whose share within `target` equals `attainment`.
fn duration_for(rng: &mut SmallRng, target_minutes: i64, attainment: f64) -> i64 {
    let mean = target_minutes as f64 / -(1.0 - attainment.clamp(0.01, 0.999)).ln();
    let u: f64 = rng.gen_range(1e-9..1.0);
    ((-u.ln() * mean) * 60.0).round().max(60.0) as i64
}

fn lerp((a, b): (f64, f64), t: f64) -> f64 {
    a + (b - a) * t
}

/// Fills an empty workspace with the demo data, in one transaction.
/// Fills an empty workspace with the demo: tickets with their status history and ratings,
/// people, the cost-benefit case, the SOPs and the assessments, then the feedback and
/// improvement records (whose baselines are measured on the tickets).
pub fn populate(ws: &crate::workspace::Workspace, spec: &DemoSpec) -> Result<DemoSummary> {
    let conn = ws.conn();
    let tx = conn.unchecked_transaction()?;
    let mut rng = SmallRng::seed_from_u64(spec.seed);
    // The process data (assignment, status paths) draws from its own stream, so the figures
    // the rest of the demo was tuned on stay as they were.
    let mut prng = SmallRng::seed_from_u64(spec.seed ^ 0x0050_0011);
    store::set_setting(&tx, "organisation", "示例集团信息中心")?;

    let quarters: Vec<Quarter> = {
        let mut v = vec![spec.first];
        while *v.last().expect("non-empty") < spec.last {
            let n = v.last().expect("non-empty").next();
            v.push(n);
        }
        v
    };
    let since = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    let run_id = store::insert_import_run(
        &tx,
        &ImportRun {
            id: 0,
            file_name: "demo (sqm demo)".into(),
            sha256: format!("seed-{}", spec.seed),
            source: Source::Demo,
            imported_at: format!(
                "{} 18:00:00",
                quarters.last().expect("non-empty").end_secs_date()
            ),
            rows_added: 0,
            rows_updated: 0,
            rows_rejected: 0,
        },
    )?;
    let mut service_ids = Vec::new();
    for p in &PROFILES {
        let s = store::insert_service(
            &tx,
            &ServiceInput {
                code: p.code.into(),
                name: p.name.into(),
                owner: p.owner.into(),
                team: p.team.into(),
            },
        )?;
        let mut std = StandardInput::plan_default(s.id, since);
        std.response_minutes = p.response_minutes;
        std.response_required_pct = p.response_pct;
        std.resolution_minutes = p.resolution_minutes;
        std.resolution_required_pct = p.resolution_pct;
        std.calendar = p.calendar.into();
        if p.code == "NET" {
            // The network standard was tightened from 8 h to 4 h at the start of 2026.
            let mut old = std.clone();
            old.resolution_minutes = 8 * 60;
            store::insert_standard(&tx, &old)?;
            std.effective_from = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
        }
        if p.code == "DC" {
            // Critical incidents in the data centre have a tighter standard of their own.
            let mut p1 = std.clone();
            p1.priority = Some("P1".into());
            p1.resolution_minutes = 2 * 60;
            store::insert_standard(&tx, &p1)?;
        }
        store::insert_standard(&tx, &std)?;
        service_ids.push(s.id);
    }

    // Durations are drawn in business time of the service's calendar, then laid on the clock.
    let zone = LocalZone::new(crate::workspace::DEFAULT_TIME_ZONE)?;
    let china = Calendar::compile(&china::china_def())?;
    let always = Calendar::compile(&CalendarDef::twenty_four_seven())?;
    let mut tickets = TicketWriter::new(&tx)?;
    let mut responses = ResponseWriter::new(&tx)?;
    let mut history = StatusWriter::new(&tx)?;
    let last_end = spec.last.end_secs();
    let (mut n_tickets, mut n_responses) = (0usize, 0usize);
    let per_quarter = spec.tickets as f64 / quarters.len() as f64;
    for (qi, q) in quarters.iter().enumerate() {
        let t = if quarters.len() > 1 {
            qi as f64 / (quarters.len() - 1) as f64
        } else {
            1.0
        };
        let start = q.start_date();
        let days = (q.next().start_date() - start).num_days();
        // Volume grows a little over the year.
        let volume = per_quarter * (0.92 + 0.16 * t);
        for (p, &service_id) in PROFILES.iter().zip(&service_ids) {
            let n = (volume * p.share * rng.gen_range(0.95..1.05)).round() as usize;
            for _ in 0..n {
                n_tickets += 1;
                let day = start + Duration::days(rng.gen_range(0..days));
                // Most requests arrive in office hours.
                let hour = if rng.gen_bool(0.85) {
                    rng.gen_range(8..18)
                } else {
                    rng.gen_range(0..24)
                };
                let opened = to_secs(
                    day.and_hms_opt(hour, rng.gen_range(0..60), rng.gen_range(0..60))
                        .expect("valid time"),
                );
                let priority = match rng.gen_range(0..100) {
                    0..=2 => "P1",
                    3..=14 => "P2",
                    15..=69 => "P3",
                    _ => "P4",
                };
                let cal = if p.calendar == "china" {
                    &china
                } else {
                    &always
                };
                let after =
                    |from: i64, business: i64| zone.to_local(cal.add(zone.to_utc(from), business));
                let respond_in =
                    duration_for(&mut rng, p.response_minutes, lerp(p.response_att, t));
                let resolve_in =
                    duration_for(&mut rng, p.resolution_minutes, lerp(p.resolution_att, t));
                let response = after(opened, respond_in);
                // One ticket in seven waits for the user part-way (the clock stops meanwhile).
                let wait = rng
                    .gen_bool(0.14)
                    .then(|| (rng.gen_range(0.2..0.8), rng.gen_range(2..96) * 1800));
                let (resolved, pause) = match wait {
                    Some((part, paused)) => {
                        let first = (resolve_in as f64 * part) as i64;
                        let wait_from = after(response, first);
                        let wait_to = wait_from + paused;
                        let resolved = after(wait_to, resolve_in - first);
                        (resolved, Some((wait_from, wait_to)))
                    }
                    None => (after(response, resolve_in), None),
                };
                // A few tickets of the last weeks are still open.
                let open = last_end - opened < 12 * 86_400 && rng.gen_bool(0.04);
                let resolved = (!open).then_some(resolved);
                let closed_hours = resolved.map(|_| rng.gen_range(1..72i64));
                // First assignment: minutes after opening (business time), faster over the year,
                // mostly before the first response.
                let assigned = {
                    let u: f64 = prng.gen_range(0.0..1.0);
                    let secs = 180.0 + 2_220.0 * u * u * (1.15 - 0.35 * t);
                    let a = after(opened, secs as i64);
                    if a >= response && prng.gen_bool(0.9) {
                        opened + ((response - opened) as f64 * prng.gen_range(0.2..0.8)) as i64
                    } else {
                        a
                    }
                };
                let first_response = Some(response).filter(|r| *r < last_end);
                let key = format!("DEMO-{n_tickets:06}");
                let mut ticket = Ticket {
                    source: Source::Demo,
                    external_key: key.clone(),
                    service_id,
                    priority: Some(priority.into()),
                    category: Some(CATEGORIES[rng.gen_range(0..CATEGORIES.len())].into()),
                    channel: Some(CHANNELS[rng.gen_range(0..CHANNELS.len())].into()),
                    opened,
                    first_response,
                    first_assigned: Some(assigned).filter(|a| *a < last_end),
                    resolved,
                    closed: resolved.zip(closed_hours).map(|(r, h)| r + h * 3600),
                    assignee: Some(STAFF[rng.gen_range(0..STAFF.len())].into()),
                    assignment_group: Some(p.team.into()),
                    reassignment_count: if rng.gen_bool(0.14) {
                        rng.gen_range(1..4)
                    } else {
                        0
                    },
                    reopen_count: i64::from(rng.gen_bool(0.035)),
                    state: Some(
                        match (resolved, first_response) {
                            (Some(_), _) => "Closed",
                            (None, Some(_)) => "Active",
                            (None, None) => "New",
                        }
                        .into(),
                    ),
                    response_tracked: true,
                };
                let response_row = match resolved {
                    Some(resolved) if rng.gen_bool(0.32) => {
                        let satisfied = rng.gen_bool(lerp(p.satisfied, t));
                        let score = if satisfied {
                            if rng.gen_bool(0.6) {
                                5.0
                            } else {
                                4.0
                            }
                        } else {
                            f64::from(rng.gen_range(1..=3))
                        };
                        let pool = if satisfied { &GOOD } else { &POOR };
                        let comment = rng
                            .gen_bool(0.3)
                            .then(|| pool[rng.gen_range(0..pool.len())].to_string());
                        Some(SatisfactionResponse {
                            service_id,
                            ticket_key: Some(key.clone()),
                            responded_at: resolved + rng.gen_range(1..48) * 3600,
                            score,
                            scale: Scale::FIVE,
                            comment,
                            channel: "survey".into(),
                        })
                    }
                    _ => None,
                };
                // The user confirms (the ticket closes) before the survey is answered.
                if let (Some(r), Some(c), Some(f)) =
                    (resolved, ticket.closed, response_row.as_ref())
                {
                    if c >= f.responded_at {
                        let gap = (f.responded_at - r) as f64;
                        ticket.closed = Some(r + (gap * prng.gen_range(0.2..0.9)) as i64);
                    }
                }
                tickets.upsert(&ticket, Some(run_id))?;
                let id = store::ticket_id(&tx, Source::Demo, &key)?.unwrap_or_default();
                let h = process::status_history(
                    &mut prng,
                    &process::Moments {
                        opened,
                        response,
                        first_response,
                        pause,
                        resolved,
                        closed: ticket.closed,
                        reopened: ticket.reopen_count > 0,
                    },
                    t,
                );
                history.replace(id, &h)?;
                if let Some(r) = response_row {
                    responses.upsert(Source::Demo, &key, &r, Some(run_id))?;
                    n_responses += 1;
                }
            }
        }
    }
    drop(tickets);
    drop(responses);
    drop(history);
    store::update_import_counts(&tx, run_id, n_tickets as i64, 0, 0)?;
    people::populate(&tx, spec)?;
    costbenefit::populate(&tx, spec)?;
    process::populate(ws, spec)?;
    tx.commit()?;
    feedback::populate(ws, spec)?;
    Ok(DemoSummary {
        services: PROFILES.len(),
        tickets: n_tickets,
        responses: n_responses,
        first_quarter: spec.first,
        last_quarter: spec.last,
    })
}
