//! People and competence in a workspace: the records with their figures on a date, team and
//! person performance from the tickets, and the matching of ticket names to staff and teams.

use super::Workspace;
use crate::clock::Clock;
use crate::domain::{Quarter, Scale};
use crate::metrics::GroupBy;
use crate::people::*;
use crate::store::{self, NameKind, NameMatch};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;

/// Quarters of training shown in the trend (the pack's chart and the screen's table).
pub const TRAINING_QUARTERS: usize = 4;

/// Everything the People screen shows, figures as of `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct People {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    pub roles: Vec<Role>,
    pub staff: Vec<Staff>,
    pub courses: Vec<Course>,
    pub rewards: Vec<Reward>,
    pub matrix: CompetenceMatrix,
    pub due: Vec<DueCourse>,
    /// Training hours per person and quarter (attended sessions).
    pub hours: Vec<PersonHours>,
    /// The last quarters up to `as_of`, oldest first.
    pub training: Vec<TrainingQuarter>,
    pub matches: Vec<NameMatch>,
}

/// A ticket assignee or group not matched to staff or a team, with its ticket count.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UnmatchedName {
    pub kind: NameKind,
    pub name: String,
    pub tickets: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Performance {
    pub quarter: Quarter,
    pub teams: Vec<PerformanceRow>,
    pub people: Vec<PerformanceRow>,
    pub unmatched: Vec<UnmatchedName>,
}

/// How ticket names resolve to staff and teams: saved matches first, then the employee number,
/// then a unique exact name (assignees); a saved team, then an exact team name (groups).
struct Resolver {
    assignee: HashMap<String, Option<i64>>,
    group: HashMap<String, String>,
    by_code: HashMap<String, i64>,
    by_name: HashMap<String, i64>,
    names: HashMap<i64, String>,
    teams: BTreeSet<String>,
}

impl Resolver {
    fn new(ws: &Workspace, staff: &[Staff]) -> Result<Self> {
        let (by_code, by_name) = store::staff_keys(&ws.conn)?;
        let mut assignee = HashMap::new();
        let mut group = HashMap::new();
        for m in store::list_name_matches(&ws.conn)? {
            match m.kind {
                NameKind::Assignee => {
                    assignee.insert(m.name, m.staff_id);
                }
                NameKind::Group => {
                    group.insert(m.name, m.team);
                }
            }
        }
        Ok(Resolver {
            assignee,
            group,
            by_code,
            by_name,
            names: staff.iter().map(|p| (p.id, p.name.clone())).collect(),
            teams: staff
                .iter()
                .map(|p| p.team.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
        })
    }

    /// The staff member a ticket assignee is; Some(None) = saved as deliberately unmatched.
    fn person(&self, name: &str) -> Option<Option<i64>> {
        if let Some(m) = self.assignee.get(name) {
            return Some(*m);
        }
        let n = name.trim();
        self.by_code
            .get(&n.to_lowercase())
            .or_else(|| self.by_name.get(n))
            .map(|id| Some(*id))
    }

    fn team(&self, group: &str) -> Option<String> {
        if let Some(t) = self.group.get(group) {
            return (!t.is_empty()).then(|| t.clone());
        }
        let g = group.trim();
        self.teams.contains(g).then(|| g.to_string())
    }
}

/// Marks a name the resolver could not match; `\u{1}` cannot occur in imported text.
const UNMATCHED: char = '\u{1}';

impl Workspace {
    pub fn people(&self, as_of: NaiveDate) -> Result<People> {
        let d = store::load_people(&self.conn)?;
        let matrix = competence_matrix(&d.roles, &d.staff, as_of);
        let due = due_courses(&matrix, &d.staff, &d.courses);
        let quarters = Quarter::of_date(as_of).trailing(TRAINING_QUARTERS);
        Ok(People {
            as_of,
            hours: hours_per_person(&d.courses),
            training: training_by_quarter(&d.courses, &quarters),
            matrix,
            due,
            matches: store::list_name_matches(&self.conn)?,
            roles: d.roles,
            staff: d.staff,
            courses: d.courses,
            rewards: d.rewards,
        })
    }

    /// Creates or updates one record (checked first); returns its id.
    pub fn save_people(&self, rec: &PeopleRecord) -> Result<i64> {
        store::save_people_record(&self.conn, rec)
    }

    /// Deletes a record; see `store::delete_people_record` for `cascade`.
    pub fn delete_people(&self, kind: PeopleKind, id: i64, cascade: bool) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        store::delete_people_record(&tx, kind, id, cascade)?;
        tx.commit()?;
        Ok(())
    }

    pub fn save_name_match(&self, m: &NameMatch) -> Result<()> {
        store::save_name_match(&self.conn, m)
    }

    pub fn delete_name_match(&self, kind: NameKind, name: &str) -> Result<()> {
        store::delete_name_match(&self.conn, kind, name)
    }

    /// Team and person performance in `quarter` (default: the latest with tickets).
    pub fn performance(&self, quarter: Option<Quarter>, clock: &dyn Clock) -> Result<Performance> {
        let quarter = self.default_quarter(quarter)?;
        let d = store::load_people(&self.conn)?;
        let r = Resolver::new(self, &d.staff)?;
        let person_key = |name: &str| match r.person(name) {
            Some(Some(id)) => format!("{id}"),
            _ => format!("{UNMATCHED}{name}"),
        };
        let team_key = |name: &str| match r.team(name) {
            Some(t) => t,
            None => format!("{UNMATCHED}{name}"),
        };
        let by_person =
            self.quarter_by_canonical(quarter, GroupBy::Assignee, &person_key, clock)?;
        let by_team = self.quarter_by_canonical(quarter, GroupBy::Team, &team_key, clock)?;

        // CSAT of the responses linked to each team's and person's tickets.
        let mut rated: HashMap<(bool, String), (u64, u64, f64)> = HashMap::new();
        for (assignee, group, score, min, max) in
            store::rated_responses(&self.conn, quarter.start_secs(), quarter.end_secs())?
        {
            let scale = Scale { min, max };
            let sat = u64::from(scale.is_satisfied(score));
            let span = f64::from((max - min).max(1));
            let norm = 1.0 + (score - f64::from(min)) / span * 4.0;
            let keys = [
                assignee.map(|a| (true, person_key(&a))),
                group.map(|g| (false, team_key(&g))),
            ];
            for k in keys.into_iter().flatten() {
                let e = rated.entry(k).or_default();
                e.0 += 1;
                e.1 += sat;
                e.2 += norm;
            }
        }
        let rows = |pm: crate::metrics::PeriodMetrics, person: bool| -> Vec<PerformanceRow> {
            let mut v: Vec<PerformanceRow> = pm
                .groups
                .into_iter()
                .filter_map(|g| {
                    let key = g.key?;
                    let mut figures = g.figures;
                    let (n, sat, sum) = rated
                        .get(&(person, key.clone()))
                        .copied()
                        .unwrap_or_default();
                    figures.responses = n;
                    figures.csat = (n > 0).then(|| sat as f64 * 100.0 / n as f64);
                    figures.mean_score = (n > 0).then(|| sum / n as f64);
                    let (name, staff_id, matched) = match key.strip_prefix(UNMATCHED) {
                        Some(raw) => (raw.to_string(), None, false),
                        None if person => {
                            let id = key.parse::<i64>().ok();
                            let name = id.and_then(|id| r.names.get(&id).cloned());
                            (name.unwrap_or(key), id, true)
                        }
                        None => (key, None, true),
                    };
                    Some(PerformanceRow {
                        name,
                        staff_id,
                        matched,
                        figures,
                    })
                })
                .collect();
            v.sort_by(|a, b| (!a.matched, &a.name).cmp(&(!b.matched, &b.name)));
            v
        };
        let teams = rows(by_team, false);
        let people = rows(by_person, true);
        let mut unmatched = Vec::new();
        for (kind, list) in [(NameKind::Group, &teams), (NameKind::Assignee, &people)] {
            // Names saved as deliberately unmatched (a vendor, a robot) are not asked about again.
            let saved = |n: &str| match kind {
                NameKind::Group => r.group.contains_key(n),
                NameKind::Assignee => r.assignee.contains_key(n),
            };
            unmatched.extend(
                list.iter()
                    .filter(|p| !p.matched && !saved(&p.name))
                    .map(|p| UnmatchedName {
                        kind,
                        name: p.name.clone(),
                        tickets: p.figures.volume as i64,
                    }),
            );
        }
        Ok(Performance {
            quarter,
            teams,
            people,
            unmatched,
        })
    }
}

/// What a people spreadsheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PeopleImportKind {
    /// A staff list: employee number, name, team, contact, active, role, role from.
    Staff,
    /// A training attendance list: course, session date, person, scores.
    Attendance,
}

/// What a people import did; all rows are written or none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct PeopleImportReport {
    pub file: String,
    pub rows: u32,
    pub staff_added: u32,
    pub staff_updated: u32,
    pub assignments_added: u32,
    pub sessions_added: u32,
    pub attendance_added: u32,
    pub attendance_updated: u32,
}

impl Workspace {
    /// Reads a staff or attendance list (CSV/XLSX) and writes it in one transaction: every row
    /// or none. Staff are matched by employee number (updated, not duplicated); a role given
    /// adds an assignment from the row's date (default `today`) unless one is open already.
    /// Attendance names the course by code or topic and the person by number or unique name;
    /// a session is created for a new (course, date).
    pub fn import_people(
        &mut self,
        kind: PeopleImportKind,
        file: &std::path::Path,
        clock: &dyn Clock,
    ) -> Result<PeopleImportReport> {
        use crate::import::{people_rows, sheet};
        use crate::Error;
        self.backup_before_import(clock)?;
        let sheet = sheet::read_sheet(file).map_err(|e| match e {
            sheet::SheetError::Cell(row) => Error::RejectedRows(vec![row]),
            sheet::SheetError::Io { path, source } => Error::io(path, source),
            e => Error::Import(e.to_string()),
        })?;
        let mut report = PeopleImportReport {
            file: sheet.file.clone(),
            rows: sheet.rows.len() as u32,
            ..Default::default()
        };
        let tx = self.conn.transaction()?;
        let mut errors = Vec::new();
        let err = |line: u64, column: u32, reason: String| crate::import::RowError {
            file: sheet.file.clone(),
            line,
            column,
            reason,
        };
        match kind {
            PeopleImportKind::Staff => {
                let rows = people_rows::staff_rows(&sheet).map_err(Error::RejectedRows)?;
                let roles = store::load_people(&tx)?.roles;
                let role_names = roles
                    .iter()
                    .map(|r| r.name_zh.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let find_role = |text: &str| {
                    let t = text.trim().to_lowercase();
                    roles.iter().find(|r| {
                        [&r.name_zh, &r.name_en, &r.code]
                            .iter()
                            .any(|n| n.trim().to_lowercase() == t)
                    })
                };
                let today = clock.now().date();
                for row in rows {
                    let role = match row.role.as_deref() {
                        Some(text) => match find_role(text) {
                            Some(r) => Some(r.id),
                            None => {
                                errors.push(err(
                                    row.line,
                                    row.role_column,
                                    format!("role: '{text}' is not a role here ({role_names})"),
                                ));
                                continue;
                            }
                        },
                        None => None,
                    };
                    let existing: Option<i64> = tx
                        .query_row("SELECT id FROM staff WHERE code = ?1", [&row.code], |r| {
                            r.get(0)
                        })
                        .optional()?;
                    let id = store::save_people_record(
                        &tx,
                        &PeopleRecord::Staff {
                            id: existing,
                            code: row.code.clone(),
                            name: row.name.clone(),
                            team: row.team.clone(),
                            contact: row.contact.clone(),
                            active: row.active,
                        },
                    )?;
                    if existing.is_some() {
                        report.staff_updated += 1;
                    } else {
                        report.staff_added += 1;
                    }
                    if let Some(role_id) = role {
                        let open: i64 = tx.query_row(
                            "SELECT count(*) FROM role_assignments
                             WHERE staff_id = ?1 AND role_id = ?2 AND to_date IS NULL",
                            [id, role_id],
                            |r| r.get(0),
                        )?;
                        if open == 0 {
                            store::save_people_record(
                                &tx,
                                &PeopleRecord::Assignment {
                                    id: None,
                                    staff_id: id,
                                    role_id,
                                    from: row.role_from.unwrap_or(today),
                                    to: None,
                                },
                            )?;
                            report.assignments_added += 1;
                        }
                    }
                }
            }
            PeopleImportKind::Attendance => {
                let rows = people_rows::attendance_rows(&sheet).map_err(Error::RejectedRows)?;
                let courses = store::load_people(&tx)?.courses;
                let (by_code, by_name) = store::staff_keys(&tx)?;
                for row in rows {
                    let c = row.course.trim().to_lowercase();
                    let Some(course) = courses.iter().find(|k| {
                        k.code.trim().to_lowercase() == c || k.topic.trim().to_lowercase() == c
                    }) else {
                        errors.push(err(
                            row.line,
                            row.course_column,
                            format!(
                                "course: '{}' is not a course here (add it on the Training tab first)",
                                row.course
                            ),
                        ));
                        continue;
                    };
                    let who = row.staff.trim();
                    let Some(&staff_id) = by_code
                        .get(&who.to_lowercase())
                        .or_else(|| by_name.get(who))
                    else {
                        errors.push(err(
                            row.line,
                            row.staff_column,
                            format!(
                                "staff: '{who}' is not an employee number or a unique name in the staff list"
                            ),
                        ));
                        continue;
                    };
                    let session: Option<i64> = tx
                        .query_row(
                            "SELECT id FROM training_sessions WHERE course_id = ?1 AND held_on = ?2",
                            rusqlite::params![course.id, row.date.format("%Y-%m-%d").to_string()],
                            |r| r.get(0),
                        )
                        .optional()?;
                    let session_id = match session {
                        Some(id) => {
                            if !row.trainer.is_empty() || !row.place.is_empty() {
                                tx.execute(
                                    "UPDATE training_sessions SET
                                       trainer = CASE WHEN ?2 <> '' THEN ?2 ELSE trainer END,
                                       place = CASE WHEN ?3 <> '' THEN ?3 ELSE place END
                                     WHERE id = ?1",
                                    rusqlite::params![id, row.trainer, row.place],
                                )?;
                            }
                            id
                        }
                        None => {
                            report.sessions_added += 1;
                            store::save_people_record(
                                &tx,
                                &PeopleRecord::Session {
                                    id: None,
                                    course_id: course.id,
                                    held_on: row.date,
                                    trainer: row.trainer.clone(),
                                    place: row.place.clone(),
                                },
                            )?
                        }
                    };
                    let existing: Option<i64> = tx
                        .query_row(
                            "SELECT id FROM attendance WHERE session_id = ?1 AND staff_id = ?2",
                            [session_id, staff_id],
                            |r| r.get(0),
                        )
                        .optional()?;
                    store::save_people_record(
                        &tx,
                        &PeopleRecord::Attendance {
                            id: existing,
                            session_id,
                            staff_id,
                            attended: row.attended,
                            pre: row.pre,
                            post: row.post,
                        },
                    )?;
                    if existing.is_some() {
                        report.attendance_updated += 1;
                    } else {
                        report.attendance_added += 1;
                    }
                }
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| (e.line, e.column));
            return Err(Error::RejectedRows(errors)); // the transaction rolls back on drop
        }
        tx.commit()?;
        Ok(report)
    }
}

impl Workspace {
    /// The pack's "People and competence" input for `quarter`, as of its last day.
    pub(super) fn pack_people(
        &self,
        quarter: Quarter,
        names: bool,
        clock: &dyn Clock,
    ) -> Result<Option<crate::report::PeopleInput>> {
        let as_of = quarter.end_secs_date();
        let p = self.people(as_of)?;
        let perf = self.performance(Some(quarter), clock)?;
        Ok(Some(crate::report::PeopleInput {
            names,
            training: p.training,
            roles: p.roles,
            staff: p.staff,
            courses: p.courses,
            rewards: p.rewards,
            matrix: p.matrix,
            due: p.due,
            teams: perf.teams,
            persons: perf.people,
        }))
    }
}
