//! People figures, pure: training effectiveness, training hours, the competence matrix and its
//! gaps, and who is due for which course. Exact definitions are in the README ("People").

use super::model::*;
use crate::domain::Quarter;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use ts_rs::TS;

/// Effectiveness of a group of attendance records: only attendees who attended and have both
/// scores are measured; the gain is post − pre; "improved" means post > pre.
pub fn effectiveness<'a>(rows: impl IntoIterator<Item = &'a Attendance>) -> Effectiveness {
    let mut e = Effectiveness::default();
    let (mut pre, mut post, mut improved) = (0.0, 0.0, 0u32);
    for a in rows {
        if !a.attended {
            continue;
        }
        e.attended += 1;
        if let (Some(p), Some(q)) = (a.pre, a.post) {
            e.assessed += 1;
            pre += p;
            post += q;
            improved += u32::from(q > p);
        }
    }
    if e.assessed > 0 {
        let n = f64::from(e.assessed);
        e.mean_pre = Some(pre / n);
        e.mean_post = Some(post / n);
        e.mean_gain = Some((post - pre) / n);
        e.improved_pct = Some(f64::from(improved) * 100.0 / n);
    }
    e
}

/// Training delivered in one quarter (sessions held in it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrainingQuarter {
    pub quarter: Quarter,
    pub sessions: u32,
    /// Person-hours: course hours × attendees who attended.
    pub hours: f64,
    pub cost_cents: i64,
    pub effectiveness: Effectiveness,
}

/// Training hours of one person in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonHours {
    pub staff_id: i64,
    pub quarter: Quarter,
    pub hours: f64,
}

/// Per quarter (only quarters listed in `quarters`): sessions, person-hours, cost, effectiveness.
pub fn training_by_quarter(courses: &[Course], quarters: &[Quarter]) -> Vec<TrainingQuarter> {
    quarters
        .iter()
        .map(|&q| {
            let mut t = TrainingQuarter {
                quarter: q,
                sessions: 0,
                hours: 0.0,
                cost_cents: 0,
                effectiveness: Effectiveness::default(),
            };
            let mut rows = Vec::new();
            for c in courses {
                for s in c
                    .sessions
                    .iter()
                    .filter(|s| Quarter::of_date(s.held_on) == q)
                {
                    let attended = s.attendance.iter().filter(|a| a.attended).count();
                    if attended == 0 {
                        continue; // planned only: not delivered yet
                    }
                    t.sessions += 1;
                    t.cost_cents += c.cost_cents;
                    t.hours += c.hours * attended as f64;
                    rows.extend(s.attendance.iter());
                }
            }
            t.effectiveness = effectiveness(rows);
            t
        })
        .collect()
}

/// Hours of attended training per person and quarter, ordered by person then quarter.
pub fn hours_per_person(courses: &[Course]) -> Vec<PersonHours> {
    let mut acc: BTreeMap<(i64, Quarter), f64> = BTreeMap::new();
    for c in courses {
        for s in &c.sessions {
            for a in s.attendance.iter().filter(|a| a.attended) {
                *acc.entry((a.staff_id, Quarter::of_date(s.held_on)))
                    .or_default() += c.hours;
            }
        }
    }
    acc.into_iter()
        .map(|((staff_id, quarter), hours)| PersonHours {
            staff_id,
            quarter,
            hours,
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CellStatus {
    /// None of the person's roles requires the competence.
    NotRequired,
    Met,
    /// Assessed below the required level.
    Gap,
    /// Required but never assessed (on or before the date): no evidence of competence.
    NotAssessed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MatrixCell {
    /// The highest level any role the person holds requires.
    pub required: Option<u8>,
    /// The latest assessment on or before the matrix date.
    pub assessed: Option<u8>,
    #[ts(type = "string | null")]
    pub assessed_on: Option<NaiveDate>,
    pub status: CellStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MatrixRow {
    pub staff_id: i64,
    pub name: String,
    pub team: String,
    /// Roles held on the matrix date.
    pub role_ids: Vec<i64>,
    /// One per `CompetenceMatrix::competences`, in that order.
    pub cells: Vec<MatrixCell>,
    pub gaps: u32,
    pub not_assessed: u32,
}

/// Role × competence, for the heat map: how many holders fall short.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoleCompetence {
    pub role_id: i64,
    pub competence: String,
    pub required: u8,
    /// Active staff holding the role on the date.
    pub holders: u32,
    pub gaps: u32,
    pub not_assessed: u32,
    /// (gaps + not assessed) ÷ holders, in %; None without holders.
    pub short_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CompetenceMatrix {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// Every competence any role requires, sorted.
    pub competences: Vec<String>,
    /// Active staff holding at least one role on the date, by name.
    pub rows: Vec<MatrixRow>,
    pub required: u32,
    pub met: u32,
    pub gaps: u32,
    pub not_assessed: u32,
    pub by_role: Vec<RoleCompetence>,
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The latest assessment of `competence` on or before `as_of`.
fn latest<'a>(p: &'a Staff, competence: &str, as_of: NaiveDate) -> Option<&'a Assessment> {
    let key = norm(competence);
    p.assessments
        .iter()
        .filter(|a| a.assessed_on <= as_of && norm(&a.competence) == key)
        .max_by_key(|a| (a.assessed_on, a.id))
}

/// The role × staff matrix on `as_of`: for every active person holding a role then, each
/// competence their roles require (the highest level wins) against their latest assessment.
pub fn competence_matrix(roles: &[Role], staff: &[Staff], as_of: NaiveDate) -> CompetenceMatrix {
    let mut names: BTreeMap<String, String> = BTreeMap::new(); // normalised → as first written
    for r in roles {
        for q in &r.requirements {
            names
                .entry(norm(&q.competence))
                .or_insert_with(|| q.competence.trim().to_string());
        }
    }
    let mut competences: Vec<String> = names.values().cloned().collect();
    competences.sort();
    let role_by_id: HashMap<i64, &Role> = roles.iter().map(|r| (r.id, r)).collect();

    let mut m = CompetenceMatrix {
        as_of,
        competences: competences.clone(),
        rows: Vec::new(),
        required: 0,
        met: 0,
        gaps: 0,
        not_assessed: 0,
        by_role: Vec::new(),
    };
    let mut people: Vec<&Staff> = staff.iter().filter(|p| p.active).collect();
    people.sort_by(|a, b| (&a.name, &a.code).cmp(&(&b.name, &b.code)));
    for p in people {
        let held: BTreeSet<i64> = p
            .assignments
            .iter()
            .filter(|a| a.holds_on(as_of) && role_by_id.contains_key(&a.role_id))
            .map(|a| a.role_id)
            .collect();
        if held.is_empty() {
            continue;
        }
        let mut row = MatrixRow {
            staff_id: p.id,
            name: p.name.clone(),
            team: p.team.clone(),
            role_ids: held.iter().copied().collect(),
            cells: Vec::with_capacity(competences.len()),
            gaps: 0,
            not_assessed: 0,
        };
        for c in &competences {
            let key = norm(c);
            let required = held
                .iter()
                .flat_map(|id| &role_by_id[id].requirements)
                .filter(|q| norm(&q.competence) == key)
                .map(|q| q.level)
                .max();
            let last = latest(p, c, as_of);
            let assessed = last.map(|a| a.level);
            let status = match (required, assessed) {
                (None, _) => CellStatus::NotRequired,
                (Some(_), None) => CellStatus::NotAssessed,
                (Some(r), Some(a)) if a >= r => CellStatus::Met,
                (Some(_), Some(_)) => CellStatus::Gap,
            };
            match status {
                CellStatus::Met => m.met += 1,
                CellStatus::Gap => row.gaps += 1,
                CellStatus::NotAssessed => row.not_assessed += 1,
                CellStatus::NotRequired => {}
            }
            if required.is_some() {
                m.required += 1;
            }
            row.cells.push(MatrixCell {
                required,
                assessed,
                assessed_on: last.map(|a| a.assessed_on),
                status,
            });
        }
        m.gaps += row.gaps;
        m.not_assessed += row.not_assessed;
        m.rows.push(row);
    }

    // The heat map: each role's own requirements against its holders' assessments.
    let active: Vec<&Staff> = staff.iter().filter(|p| p.active).collect();
    for r in roles {
        let holders: Vec<&Staff> = active
            .iter()
            .copied()
            .filter(|p| {
                p.assignments
                    .iter()
                    .any(|a| a.role_id == r.id && a.holds_on(as_of))
            })
            .collect();
        let mut reqs: Vec<&Requirement> = r.requirements.iter().collect();
        reqs.sort_by_key(|q| norm(&q.competence));
        for q in reqs {
            let (mut gaps, mut not_assessed) = (0, 0);
            for p in &holders {
                match latest(p, &q.competence, as_of) {
                    None => not_assessed += 1,
                    Some(a) if a.level < q.level => gaps += 1,
                    Some(_) => {}
                }
            }
            let n = holders.len() as u32;
            m.by_role.push(RoleCompetence {
                role_id: r.id,
                competence: names
                    .get(&norm(&q.competence))
                    .cloned()
                    .unwrap_or_else(|| q.competence.clone()),
                required: q.level,
                holders: n,
                gaps,
                not_assessed,
                short_pct: (n > 0).then(|| f64::from(gaps + not_assessed) * 100.0 / f64::from(n)),
            });
        }
    }
    m
}

/// A person who needs a course: a required competence not met, a course that builds it, and no
/// session of it (attended or planned) on or after their latest assessment of the competence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DueCourse {
    pub staff_id: i64,
    pub name: String,
    pub competence: String,
    pub required: u8,
    pub assessed: Option<u8>,
    pub course_id: i64,
    pub course: String,
}

pub fn due_courses(m: &CompetenceMatrix, staff: &[Staff], courses: &[Course]) -> Vec<DueCourse> {
    let by_id: HashMap<i64, &Staff> = staff.iter().map(|p| (p.id, p)).collect();
    let mut out = Vec::new();
    for row in &m.rows {
        for (c, cell) in m.competences.iter().zip(&row.cells) {
            if !matches!(cell.status, CellStatus::Gap | CellStatus::NotAssessed) {
                continue;
            }
            for course in courses
                .iter()
                .filter(|k| !k.competence.trim().is_empty() && norm(&k.competence) == norm(c))
            {
                let since = cell.assessed_on;
                let booked = course.sessions.iter().any(|s| {
                    since.is_none_or(|d| s.held_on >= d)
                        && s.attendance.iter().any(|a| a.staff_id == row.staff_id)
                });
                if booked {
                    continue;
                }
                out.push(DueCourse {
                    staff_id: row.staff_id,
                    name: by_id
                        .get(&row.staff_id)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    competence: c.clone(),
                    required: cell.required.unwrap_or(0),
                    assessed: cell.assessed,
                    course_id: course.id,
                    course: course.topic.clone(),
                });
            }
        }
    }
    out
}
