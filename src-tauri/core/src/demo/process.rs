//! The demo's processes and current-state assessment: every ticket's ServiceNow-style status
//! history (New → Active → Resolved → Closed, with pauses, reopens, skips and open tickets),
//! a second, tightened version of the request SOP, and two assessments a year apart (a weak
//! baseline, a clearly better latest one, IT staff rating themselves higher than business
//! users). Deterministic from the demo seed.

use super::DemoSpec;
use crate::clock::FixedClock;
use crate::process::{Assessment, Evidence, Group, ProcessDoc, Respondent};
use crate::workspace::Workspace;
use crate::Result;
use chrono::NaiveDate;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// What a ticket's status history must agree with (local seconds).
pub(super) struct Moments {
    pub opened: i64,
    /// When work started (the first response as drawn, even past the data's end).
    pub response: i64,
    /// The recorded first response (None past the data's end).
    pub first_response: Option<i64>,
    /// A wait for the user (Awaiting User Info) from .. to.
    pub pause: Option<(i64, i64)>,
    pub resolved: Option<i64>,
    pub closed: Option<i64>,
    pub reopened: bool,
}

pub(super) const NEW: &str = "New";
pub(super) const ACTIVE: &str = "Active";
pub(super) const AWAITING: &str = "Awaiting User Info";
pub(super) const RESOLVED: &str = "Resolved";
pub(super) const CLOSED: &str = "Closed";

/// A ticket's status history: New at opening, Active at the first response, an optional wait
/// for the user, Resolved, Closed. A reopened ticket goes Resolved → Active → Resolved; a few
/// are resolved straight from New (more of them before the SOP took hold, `t` 0 → 1); about one
/// in a hundred carries a single state (recorded after the fact); an open ticket has the prefix
/// of its path so far. The pause moments are kept exactly: they stop the SLA clock.
pub(super) fn status_history(rng: &mut SmallRng, m: &Moments, t: f64) -> Vec<(i64, String)> {
    let mut h: Vec<(i64, &str)> = vec![(m.opened, NEW)];
    match (m.resolved, m.closed) {
        (Some(resolved), Some(closed)) => {
            let plain = m.pause.is_none() && !m.reopened;
            let u: f64 = rng.gen_range(0.0..1.0);
            let skip = 0.035 + (0.008 - 0.035) * t;
            if plain && u < 0.01 {
                // Logged and closed in one go after the fact.
                return vec![(closed, CLOSED.to_string())];
            }
            if plain && u < 0.01 + skip {
                // Solved at first contact, never set to Active.
                h.push((resolved, RESOLVED));
                h.push((closed, CLOSED));
            } else {
                h.push((m.response.min(resolved), ACTIVE));
                let mut base = m.response.min(resolved);
                if let Some((from, to)) = m.pause {
                    h.push((from, AWAITING));
                    h.push((to, ACTIVE));
                    base = to;
                }
                if m.reopened {
                    let span = (resolved - base).max(0) as f64;
                    let first = base + (span * rng.gen_range(0.35..0.7)) as i64;
                    let again =
                        first + ((resolved - first) as f64 * rng.gen_range(0.15..0.5)) as i64;
                    h.push((first, RESOLVED));
                    h.push((again, ACTIVE));
                }
                h.push((resolved, RESOLVED));
                h.push((closed, CLOSED));
            }
        }
        _ => {
            if let Some(r) = m.first_response {
                h.push((r, ACTIVE));
            }
        }
    }
    h.into_iter().map(|(at, s)| (at, s.to_string())).collect()
}

/// The SOP library's second request version and the two assessments, through the workspace
/// (inside the demo's transaction: the façade writes in savepoints; the library itself was
/// seeded when the workspace was created).
pub(super) fn populate(ws: &Workspace, spec: &DemoSpec) -> Result<()> {
    request_sop(ws)?;
    assessments(ws, spec)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// REQ 1.1 from 2026, after the first annual review: a tighter response step and a confirmation
/// with the user before closing (1.0, the default, stays in force for 2025).
fn request_sop(ws: &Workspace) -> Result<()> {
    let clock = FixedClock(date(2026, 1, 1).and_hms_opt(9, 0, 0).expect("valid time"));
    let req = |ws: &Workspace| -> Result<Option<ProcessDoc>> {
        Ok(ws
            .processes(&clock)?
            .into_iter()
            .find(|d| d.process.code == "REQ"))
    };
    let Some(doc) = req(ws)? else {
        return Ok(());
    };
    let Some(first_id) = doc
        .versions
        .iter()
        .find(|v| v.version == "1.0")
        .or(doc.versions.last())
        .and_then(|v| v.id)
    else {
        return Ok(());
    };
    let id = ws.duplicate_sop_version(first_id, "1.1", date(2026, 1, 1))?;
    let Some(mut next) = req(ws)?.and_then(|d| d.versions.into_iter().find(|v| v.id == Some(id)))
    else {
        return Ok(());
    };
    next.approver = "周建国（信息中心主任）".into();
    next.approved_on = Some(date(2025, 12, 18));
    next.notes = "2025 年度评审后修订：第 3 步“响应”目标由 0.5 小时收紧为 0.25 小时；第 4 步\
                  增加关闭前与用户确认的检查项。/ Revised after the 2025 review: the target of \
                  step 3 (Responded) tightened from 0.5 h to 0.25 h; step 4 gains a check with \
                  the user before closing."
        .into();
    if let Some(step) = next.steps.get_mut(2) {
        step.target_hours = Some(0.25);
    }
    if let Some(step) = next.steps.get_mut(3) {
        step.checklist.push(
            "关闭前通过电话或即时通讯与用户确认问题已解决，并记录确认方式 / Before closing, \
             confirm with the user by phone or chat that the issue is solved, and record how"
                .into(),
        );
    }
    ws.save_sop_version(&next)?;
    Ok(())
}

/// Per dimension (by its evidence): the score (0–100) IT staff and business users give, at the
/// baseline and a year later. The gap is widest on user needs.
const LEVELS: [(Evidence, [(f64, f64); 2]); 4] = [
    (Evidence::Stability, [(48.0, 37.0), (70.0, 60.0)]),
    (Evidence::Standardisation, [(40.0, 30.0), (74.0, 64.0)]),
    (Evidence::Needs, [(54.0, 28.0), (71.0, 49.0)]),
    (Evidence::Improvement, [(43.0, 32.0), (66.0, 56.0)]),
];

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut SmallRng) -> f64 {
    let u: f64 = rng.gen_range(1e-12..1.0);
    let v: f64 = rng.gen_range(0.0..1.0);
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// Two assessments a year apart, 16 IT staff and 24 business users each. A respondent's view
/// of a dimension is its group's level plus a personal lean; each item adds a little noise.
/// A reversed item gets the mirror of the answer its positive reading would have had, so a
/// respondent who agrees with "the service is stable" disagrees with "the service is unstable".
fn assessments(ws: &Workspace, spec: &DemoSpec) -> Result<()> {
    let q = ws.questionnaire()?;
    let mut rng = SmallRng::seed_from_u64(spec.seed ^ 0x00A5_5E55);
    let held = [
        (
            "2025 年度现状评估（基线）",
            date(2025, 9, 20),
            "服务质量提升计划启动时的基线：信息中心 16 人、业务部门 24 人填写四大问题问卷。",
        ),
        (
            "2026 年度现状评估",
            date(2026, 9, 18),
            "计划实施一年后的复评：同一问卷，信息中心 16 人、业务部门 24 人。",
        ),
    ];
    for (round, (title, held_on, notes)) in held.into_iter().enumerate() {
        let id = ws.save_assessment(&Assessment {
            id: None,
            title: title.into(),
            held_on,
            notes: notes.into(),
        })?;
        // Each respondent's lean, overall and per dimension, centred within the group so the
        // groups land on their levels and only the answers' own noise remains.
        let dims = q.dimensions.len();
        let mut leans: Vec<Vec<f64>> = (0..40)
            .map(|_| {
                let general = normal(&mut rng) * 0.35;
                (0..dims)
                    .map(|_| general + normal(&mut rng) * 0.3)
                    .collect()
            })
            .collect();
        for range in [0..16, 16..40] {
            for d in 0..dims {
                let mean =
                    leans[range.clone()].iter().map(|l| l[d]).sum::<f64>() / range.len() as f64;
                for l in &mut leans[range.clone()] {
                    l[d] -= mean;
                }
            }
        }
        for (n, lean) in leans.iter().enumerate() {
            let group = if n < 16 { Group::It } else { Group::Business };
            let mut answers = Vec::new();
            for (d, dim) in q.dimensions.iter().enumerate() {
                let (it, business) = LEVELS
                    .iter()
                    .find(|(e, _)| *e == dim.evidence)
                    .map(|(_, l)| l[round])
                    .unwrap_or((50.0, 40.0));
                let score = if group == Group::It { it } else { business };
                let view = 1.0 + 4.0 * score / 100.0 + lean[d];
                for (k, item) in dim.items.iter().enumerate() {
                    let Some(item_id) = item.id else { continue };
                    if rng.gen_bool(0.015) {
                        continue; // left blank
                    }
                    let shade = [0.12, -0.08, 0.04, -0.12, 0.04][k % 5];
                    let agree = (view + shade + normal(&mut rng) * 0.55)
                        .round()
                        .clamp(1.0, 5.0) as u8;
                    answers.push((item_id, if item.reverse { 6 - agree } else { agree }));
                }
            }
            ws.save_respondent(
                id,
                &Respondent {
                    id: None,
                    r#ref: format!("R{:03}", n + 1),
                    group,
                    answers,
                },
            )?;
        }
    }
    Ok(())
}
