//! Service processes and the current-state assessment in a workspace: the SOP library, the
//! request process of a period measured step by step on the same evaluation as the figures
//! (`metrics::Evaluator`), the process map from the tickets' status histories, the
//! questionnaire with its assessments and the evidence from the data, the survey import (CSV or
//! XLSX, all rows or none) and the files (questionnaire XLSX, SOP PDF).

use super::Workspace;
use crate::clock::Clock;
use crate::domain::{to_secs, Quarter};
use crate::feedback::ActionStatus;
use crate::import::{self, sheet, RowError};
use crate::metrics::{Evaluator, GroupBy, MeasureOptions};
use crate::process::{
    self, Assessment, AssessmentScores, AssessmentSummary, AssessmentView, Dimension, DimensionRow,
    Evidence, EvidenceValue, Group, Milestone, Process, ProcessDoc, ProcessKind, ProcessMap,
    ProcessQuery, ProcessView, Questionnaire, Respondent, SopVersion, StepTimes, TicketMilestones,
};
use crate::report::{fmt_pct, Lang, ProcessInput};
use crate::store;
use crate::{Error, Result};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use ts_rs::TS;

/// How the columns of a survey export map to the questionnaire.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentMapping {
    /// The respondent's reference (row id, name); None: "row N".
    pub ref_column: Option<String>,
    /// IT staff or business user; None: every respondent is a business user.
    pub group_column: Option<String>,
    /// Cell values of the group column meaning IT staff, e.g. "IT", "IT人员" (any other
    /// non-empty value is a business user).
    pub it_values: Vec<String>,
    /// (column header, item code).
    pub items: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentImportPreview {
    pub headers: Vec<String>,
    pub rows: u64,
    /// The mapping saved for these headers, else one guessed: a header that is an item's code
    /// (or starts with it) or its text.
    pub mapping: AssessmentMapping,
    pub saved: bool,
}

/// What an assessment import did. Bad cells are refused as `rejected_rows` (file:line:column)
/// and nothing is written, so `errors` is empty on success.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct AssessmentImportReport {
    pub added: u64,
    pub updated: u64,
    pub errors: Vec<RowError>,
}

/// The settings key of the mapping saved for a header row.
const MAPPING_KEY: &str = "assessment_mapping:";

/// The process map and the radar as the screen draws them.
const MAP_SIZE: (u32, u32) = (960, 420);
const RADAR_SIZE: (u32, u32) = (520, 440);

fn day_secs(d: NaiveDate) -> i64 {
    to_secs(d.and_time(chrono::NaiveTime::MIN))
}

/// The version of `process_id` in force on `day`: the latest `effective_from` on or before it.
fn in_force(versions: &[SopVersion], process_id: i64, day: NaiveDate) -> Option<&SopVersion> {
    versions
        .iter()
        .filter(|v| v.process_id == process_id && v.effective_from <= day)
        .max_by_key(|v| (v.effective_from, v.id))
}

/// The request process (kind request; "REQ" first) and its version in force at `day` — before
/// its first version takes effect, the first one, so older tickets are measured too.
fn request_sop<'a>(
    processes: &'a [Process],
    versions: &'a [SopVersion],
    day: NaiveDate,
) -> Option<(&'a Process, &'a SopVersion)> {
    let mut requests: Vec<&Process> = processes
        .iter()
        .filter(|p| p.kind == ProcessKind::Request)
        .collect();
    requests.sort_by_key(|p| (p.code != "REQ", p.id));
    requests.into_iter().find_map(|p| {
        let id = p.id?;
        let v = in_force(versions, id, day).or_else(|| {
            versions
                .iter()
                .filter(|v| v.process_id == id)
                .min_by_key(|v| (v.effective_from, v.id))
        })?;
        Some((p, v))
    })
}

/// The request process measured over a period, before drawing.
struct Measured {
    sop_label: String,
    step_times: StepTimes,
    map: ProcessMap,
    services: Vec<(i64, String)>,
    priorities: Vec<String>,
}

impl Workspace {
    // -----------------------------------------------------------------------------------------
    // The SOP library

    /// Every process with its versions (newest first) and the one in force today.
    pub fn processes(&self, clock: &dyn Clock) -> Result<Vec<ProcessDoc>> {
        let today = clock.now().date();
        let versions = store::list_sop_versions(&self.conn)?;
        Ok(store::list_processes(&self.conn)?
            .into_iter()
            .map(|process| {
                let id = process.id.unwrap_or_default();
                ProcessDoc {
                    in_force: in_force(&versions, id, today).and_then(|v| v.id),
                    versions: versions
                        .iter()
                        .filter(|v| v.process_id == id)
                        .cloned()
                        .collect(),
                    process,
                }
            })
            .collect())
    }

    /// Creates (`id` None) or updates a process; returns its id.
    pub fn save_process(&self, p: &Process) -> Result<i64> {
        store::save_process(&self.conn, p)
    }

    /// Deletes a process with its versions and their steps.
    pub fn delete_process(&self, id: i64) -> Result<()> {
        store::delete_process(&self.conn, id)
    }

    /// Creates (`id` None) or updates a version; its steps are replaced as a whole, in order.
    pub fn save_sop_version(&self, v: &SopVersion) -> Result<i64> {
        store::save_sop_version(&self.conn, v)
    }

    /// A new version of the same process copied from version `id` (not yet approved).
    pub fn duplicate_sop_version(
        &self,
        id: i64,
        version: &str,
        effective_from: NaiveDate,
    ) -> Result<i64> {
        store::duplicate_sop_version(&self.conn, id, version, effective_from)
    }

    /// Deletes a version (the last one of a process too).
    pub fn delete_sop_version(&self, id: i64) -> Result<()> {
        store::delete_sop_version(&self.conn, id)
    }

    /// The SOPs as a PDF: one version, or (None) every process's version in force today.
    pub fn sop_pdf(
        &self,
        version_id: Option<i64>,
        lang: Lang,
        clock: &dyn Clock,
    ) -> Result<Vec<u8>> {
        let now = clock.now();
        let sops = match version_id {
            Some(id) => {
                let v = store::sop_version(&self.conn, id)?;
                let p = store::list_processes(&self.conn)?
                    .into_iter()
                    .find(|p| p.id == Some(v.process_id))
                    .ok_or_else(|| Error::NotFound(format!("process {}", v.process_id)))?;
                vec![(p, v)]
            }
            None => {
                let sops = self.sops_in_force(now.date())?;
                if sops.is_empty() {
                    return Err(Error::NotFound(format!(
                        "SOP: no version is in force on {} — add a version or export one by its id",
                        now.date()
                    )));
                }
                sops
            }
        };
        let roles = store::role_names(&self.conn, lang == Lang::Zh)?;
        crate::report::sop_pdf(&sops, &roles, lang, now)
    }

    /// Every process with its version in force on `day` (processes without one are left out).
    fn sops_in_force(&self, day: NaiveDate) -> Result<Vec<(Process, SopVersion)>> {
        let versions = store::list_sop_versions(&self.conn)?;
        Ok(store::list_processes(&self.conn)?
            .into_iter()
            .filter_map(|p| {
                let v = in_force(&versions, p.id?, day)?.clone();
                Some((p, v))
            })
            .collect())
    }

    // -----------------------------------------------------------------------------------------
    // The request process measured

    /// The request process over the tickets opened in `[start, end]` (local dates), for one
    /// service and priority or all: step times, bottleneck, feedback coverage, process map.
    pub fn process_view(&self, q: &ProcessQuery, clock: &dyn Clock) -> Result<ProcessView> {
        let lang = self.settings()?.lang;
        self.process_view_in(q, lang, clock)
    }

    fn process_view_in(
        &self,
        q: &ProcessQuery,
        lang: Lang,
        clock: &dyn Clock,
    ) -> Result<ProcessView> {
        let m = self.measure_process(q, clock)?;
        let chart = process::charts::map_chart(&m.map, lang);
        Ok(ProcessView {
            query: q.clone(),
            sop_label: m.sop_label,
            step_times: m.step_times,
            map_svg: crate::charts::process::map_svg(&chart, MAP_SIZE.0, MAP_SIZE.1),
            map: m.map,
            services: m.services,
            priorities: m.priorities,
        })
    }

    fn measure_process(&self, q: &ProcessQuery, clock: &dyn Clock) -> Result<Measured> {
        if q.end < q.start {
            return Err(Error::Invalid(format!(
                "period {}..{}: the last day is before the first",
                q.start, q.end
            )));
        }
        let start = day_secs(q.start);
        let end = day_secs(q.end.succ_opt().unwrap_or(q.end));
        let processes = store::list_processes(&self.conn)?;
        let versions = store::list_sop_versions(&self.conn)?;
        let sop = request_sop(&processes, &versions, q.end);
        let feedback = store::first_feedback(&self.conn)?;
        let services = store::list_services(&self.conn)?;
        self.with_window(start, end, clock, |input| {
            let ev = Evaluator::new(input);
            let zone = input.zone;
            let period: Vec<_> = input
                .tickets
                .iter()
                .enumerate()
                .filter(|(_, t)| t.opened >= start && t.opened < end)
                .collect();
            let present: HashSet<i64> = period.iter().map(|(_, t)| t.service_id).collect();
            let priorities: BTreeSet<&str> = period
                .iter()
                .filter_map(|(_, t)| input.label(t.priority))
                .collect();
            let chosen: Vec<_> = period
                .into_iter()
                .filter(|(_, t)| q.service_id.is_none_or(|s| s == t.service_id))
                .filter(|(_, t)| {
                    q.priority
                        .as_deref()
                        .is_none_or(|p| input.label(t.priority) == Some(p))
                })
                .collect();
            let mut milestones = Vec::with_capacity(chosen.len());
            let mut clocks = Vec::with_capacity(chosen.len());
            for &(i, t) in &chosen {
                let fed = feedback
                    .binary_search_by_key(&t.id, |&(id, _)| id)
                    .ok()
                    .map(|i| feedback[i].1);
                let eval = ev.evaluate_at(i, t);
                let mut at = [None; 6];
                at[Milestone::Opened.index()] = Some(t.opened);
                at[Milestone::Assigned.index()] = t.first_assigned.get();
                at[Milestone::Responded.index()] = t.first_response.get();
                at[Milestone::Resolved.index()] = t.resolved.get();
                at[Milestone::Closed.index()] = t.closed.get();
                at[Milestone::Feedback.index()] = fed;
                milestones.push(TicketMilestones {
                    at,
                    resolution_missed: eval.resolution.map(|o| !o.met),
                });
                clocks.push((ev.calendar_of(eval.standard), ev.pauses(t, eval.standard)));
            }
            // Business time exactly as the resolution is measured: the calendar of the
            // standard in force at opening, minus the pauses.
            let business = |i: usize, a: i64, b: i64| -> i64 {
                let (cal, pauses) = &clocks[i];
                cal.elapsed_excluding(zone.to_utc(a), zone.to_utc(b), pauses)
            };
            let steps = sop.map_or(&[][..], |(_, v)| v.steps.as_slice());
            let step_times = process::steps::step_times(steps, &milestones, &business);
            let labels = input.labels;
            let cases: Vec<Vec<(i64, &str)>> = chosen
                .iter()
                .map(|(_, t)| {
                    t.history
                        .iter()
                        .map(|&(at, s)| (at, labels.get(s as usize).map_or("", |l| l.as_str())))
                        .collect()
                })
                .collect();
            let expected = sop
                .map(|(_, v)| v.expected_states.clone())
                .unwrap_or_default();
            let map = process::mining::process_map(&cases, &expected);
            Ok(Measured {
                sop_label: sop
                    .map(|(p, v)| format!("{} v{}", p.code, v.version))
                    .unwrap_or_default(),
                step_times,
                map,
                services: services
                    .iter()
                    .filter(|s| present.contains(&s.id))
                    .map(|s| (s.id, s.name.clone()))
                    .collect(),
                priorities: priorities.into_iter().map(str::to_string).collect(),
            })
        })
    }

    /// The pack's process sections for `quarter`: the request process over the quarter, the
    /// assessment (None without any), the SOPs in force at its end with the roles' names.
    /// `feedback` is the quarter's feedback the pack already holds: the improvement evidence
    /// reads it, and the conformance evidence is the quarter's map below, neither measured twice.
    pub fn process_input(
        &self,
        quarter: Quarter,
        lang: Lang,
        clock: &dyn Clock,
        feedback: &crate::feedback::Feedback,
    ) -> Result<ProcessInput> {
        let end = quarter.end_secs_date();
        let query = ProcessQuery {
            start: quarter.start_date(),
            end,
            service_id: None,
            priority: None,
        };
        let view = self.process_view_in(&query, lang, clock)?;
        let assessment = if store::list_assessments(&self.conn)?.is_empty() {
            None
        } else {
            let mut known = EvidenceCache::default();
            for v in [
                standardisation_of(quarter, &view.map, &view.sop_label),
                improvement_of(feedback, quarter),
            ] {
                known.0.insert(v.evidence, v);
            }
            Some(self.assessment_view_in(Some(quarter), lang, clock, known)?)
        };
        Ok(ProcessInput {
            view,
            assessment,
            sops: self.sops_in_force(end)?,
            role_names: store::role_names(&self.conn, lang == Lang::Zh)?,
        })
    }

    // -----------------------------------------------------------------------------------------
    // The questionnaire and the assessments

    pub fn questionnaire(&self) -> Result<Questionnaire> {
        store::load_questionnaire(&self.conn)
    }

    /// Dimensions and items are updated by id or added; those no longer listed are deleted
    /// with their answers.
    pub fn save_questionnaire(&self, q: &Questionnaire) -> Result<()> {
        store::save_questionnaire(&self.conn, q)
    }

    pub fn save_assessment(&self, a: &Assessment) -> Result<i64> {
        store::save_assessment(&self.conn, a)
    }

    /// Deletes an assessment with its respondents and answers.
    pub fn delete_assessment(&self, id: i64) -> Result<()> {
        store::delete_assessment(&self.conn, id)
    }

    pub fn respondents(&self, assessment_id: i64) -> Result<Vec<Respondent>> {
        store::list_respondents(&self.conn, assessment_id)
    }

    /// Creates (`id` None) or updates a respondent with all their answers.
    pub fn save_respondent(&self, assessment_id: i64, r: &Respondent) -> Result<i64> {
        store::save_respondent(&self.conn, assessment_id, r)
    }

    pub fn delete_respondent(&self, id: i64) -> Result<()> {
        store::delete_respondent(&self.conn, id)
    }

    /// The assessments (the earliest is the baseline, the newest the latest) scored per
    /// dimension, with the evidence from the data of `quarter` (default: the latest with
    /// tickets) and the radar.
    pub fn assessment_view(
        &self,
        quarter: Option<Quarter>,
        lang: Lang,
        clock: &dyn Clock,
    ) -> Result<AssessmentView> {
        self.assessment_view_in(quarter, lang, clock, EvidenceCache::default())
    }

    /// `assessment_view` with the evidence already known (`evidence`) taken as it is.
    fn assessment_view_in(
        &self,
        quarter: Option<Quarter>,
        lang: Lang,
        clock: &dyn Clock,
        mut evidence: EvidenceCache,
    ) -> Result<AssessmentView> {
        let questionnaire = store::load_questionnaire(&self.conn)?;
        let list = store::list_assessments(&self.conn)?;
        let counts = store::respondent_counts(&self.conn)?;
        let assessments: Vec<AssessmentSummary> = list
            .iter()
            .map(|a| {
                let (it, business) =
                    a.id.and_then(|id| counts.get(&id).copied())
                        .unwrap_or_default();
                AssessmentSummary {
                    assessment: a.clone(),
                    respondents: it + business,
                    it_respondents: it,
                    business_respondents: business,
                }
            })
            .collect();
        let score = |a: &Assessment| -> Result<AssessmentScores> {
            let id = a.id.unwrap_or_default();
            let respondents = store::list_respondents(&self.conn, id)?;
            Ok(process::assess::scores(&questionnaire, id, &respondents))
        };
        let baseline = list.first().map(score).transpose()?;
        let latest = match list.len() {
            0 | 1 => baseline.clone(),
            _ => list.last().map(score).transpose()?,
        };
        let quarter = match quarter {
            Some(q) => Some(q),
            None => self.quarters()?.first().copied(),
        };
        let mut rows = Vec::with_capacity(questionnaire.dimensions.len());
        for d in &questionnaire.dimensions {
            let find = |s: &Option<AssessmentScores>| {
                s.as_ref().and_then(|s| {
                    s.dimensions
                        .iter()
                        .find(|x| Some(x.dimension_id) == d.id)
                        .cloned()
                })
            };
            let (b, l) = (find(&baseline), find(&latest));
            let compared = baseline.as_ref().map(|s| s.assessment_id)
                != latest.as_ref().map(|s| s.assessment_id);
            let change = match (&b, &l) {
                (Some(b), Some(l)) if compared => l.overall.zip(b.overall).map(|(l, b)| l - b),
                _ => None,
            };
            let gap = l.as_ref().and_then(|l| l.gap);
            rows.push(DimensionRow {
                code: d.code.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
                baseline: b,
                latest: l,
                change,
                evidence: self.evidence(d, gap, quarter, &mut evidence, clock)?,
            });
        }
        let mut view = AssessmentView {
            questionnaire,
            assessments,
            baseline,
            latest,
            rows,
            radar_svg: String::new(),
        };
        let chart = process::charts::radar_chart(&view, lang);
        view.radar_svg = crate::charts::process::radar_svg(&chart, RADAR_SIZE.0, RADAR_SIZE.1);
        Ok(view)
    }

    /// The figure from the data beside dimension `d` (`gap`: its latest IT − business gap).
    fn evidence(
        &self,
        d: &Dimension,
        gap: Option<f64>,
        quarter: Option<Quarter>,
        cache: &mut EvidenceCache,
        clock: &dyn Clock,
    ) -> Result<EvidenceValue> {
        let none = |zh: &str, en: &str| EvidenceValue {
            evidence: d.evidence,
            value: None,
            text_zh: zh.to_string(),
            text_en: en.to_string(),
        };
        if d.evidence == Evidence::None {
            return Ok(none("", ""));
        }
        let Some(quarter) = quarter else {
            return Ok(none(
                "尚无工单数据，无法计算佐证",
                "No ticket data yet: no evidence to show",
            ));
        };
        if let Some(v) = cache.0.get(&d.evidence) {
            return Ok(with_gap(v.clone(), gap));
        }
        // The four quarters ending with the period are the figures' own window: read once.
        let first = quarter.trailing(4)[0];
        self.warm_window(first.start_secs(), quarter.end_secs())?;
        let v = match d.evidence {
            Evidence::Stability => self.stability(quarter, clock)?,
            Evidence::Standardisation => {
                let m = self.measure_process(
                    &ProcessQuery {
                        start: quarter.start_date(),
                        end: quarter.end_secs_date(),
                        service_id: None,
                        priority: None,
                    },
                    clock,
                )?;
                standardisation_of(quarter, &m.map, &m.sop_label)
            }
            Evidence::Needs => {
                let pm = self.period_metrics(
                    quarter.start_date(),
                    quarter.next().start_date(),
                    GroupBy::Service,
                    &MeasureOptions::default(),
                    clock,
                )?;
                let csat = pm.overall.csat;
                EvidenceValue {
                    evidence: Evidence::Needs,
                    value: csat,
                    text_zh: format!(
                        "{quarter} 满意度 (CSAT) {}（{} 份评价）",
                        fmt_pct(csat),
                        pm.overall.responses
                    ),
                    text_en: format!(
                        "{quarter} CSAT {} ({} responses)",
                        fmt_pct(csat),
                        pm.overall.responses
                    ),
                }
            }
            Evidence::Improvement => self.improvement(quarter, clock)?,
            Evidence::None => none("", ""),
        };
        cache.0.insert(d.evidence, v.clone());
        Ok(with_gap(v, gap))
    }

    /// Coefficient of variation of each service's monthly resolution attainment over the 12
    /// months ending with `quarter`, averaged over the services with at least two measured
    /// months.
    fn stability(&self, quarter: Quarter, clock: &dyn Clock) -> Result<EvidenceValue> {
        let mut month = quarter.trailing(4)[0].start_date();
        let end = quarter.next().start_date();
        let mut monthly: BTreeMap<String, Vec<f64>> = BTreeMap::new();
        while month < end {
            let next = month + Months::new(1);
            let pm = self.period_metrics(
                month,
                next,
                GroupBy::Service,
                &MeasureOptions::default(),
                clock,
            )?;
            for g in pm.groups {
                if let (Some(k), Some(p)) = (g.key, g.figures.resolution.pct) {
                    monthly.entry(k).or_default().push(p);
                }
            }
            month = next;
        }
        let names: HashMap<String, String> = store::list_services(&self.conn)?
            .into_iter()
            .map(|s| (s.code, s.name))
            .collect();
        let cvs: Vec<(String, f64)> = monthly
            .into_iter()
            .filter_map(|(code, v)| {
                let cv = coefficient_of_variation(&v)?;
                Some((names.get(&code).cloned().unwrap_or(code), cv))
            })
            .collect();
        let value =
            (!cvs.is_empty()).then(|| cvs.iter().map(|c| c.1).sum::<f64>() / cvs.len() as f64);
        let highest = cvs
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
        let (zh, en) = match (value, highest) {
            (Some(v), Some((name, h))) => (
                format!(
                    "近 12 个月各服务月度解决达成率变异系数均值 {}（最高 {name} {}；{} 项服务）",
                    fmt_pct(Some(v)),
                    fmt_pct(Some(*h)),
                    cvs.len()
                ),
                format!(
                    "Mean coefficient of variation of monthly resolution attainment per service over 12 months {} (highest {name} {}; {} services)",
                    fmt_pct(Some(v)),
                    fmt_pct(Some(*h)),
                    cvs.len()
                ),
            ),
            _ => (
                "近 12 个月没有服务有两个以上可计算的月份，无法计算稳定性".to_string(),
                "No service has two or more measured months in the last 12: stability not measured"
                    .to_string(),
            ),
        };
        Ok(EvidenceValue {
            evidence: Evidence::Stability,
            value,
            text_zh: zh,
            text_en: en,
        })
    }

    /// Of the improvement actions due in the four quarters ending with `quarter`, the share
    /// done with a measured value after.
    fn improvement(&self, quarter: Quarter, clock: &dyn Clock) -> Result<EvidenceValue> {
        Ok(improvement_of(
            &self.feedback(Some(quarter), clock)?,
            quarter,
        ))
    }

    // -----------------------------------------------------------------------------------------
    // Survey files

    /// The file's headers and rows, with the mapping saved for these headers or a guess.
    pub fn assessment_import_preview(&self, file: &Path) -> Result<AssessmentImportPreview> {
        let sheet = read_sheet(file)?;
        let (mapping, saved) = match store::get_setting(&self.conn, &mapping_key(&sheet.headers))? {
            Some(json) => match serde_json::from_str::<AssessmentMapping>(&json) {
                Ok(m) => (m, true),
                Err(_) => (guess_mapping(&sheet.headers, &self.questionnaire()?), false),
            },
            None => (guess_mapping(&sheet.headers, &self.questionnaire()?), false),
        };
        Ok(AssessmentImportPreview {
            headers: sheet.headers,
            rows: sheet.rows.len() as u64,
            mapping,
            saved,
        })
    }

    /// Reads a survey export (one row per respondent) into an assessment in one transaction:
    /// any bad cell (a score that is not a whole number 1–5, an empty group, a repeated
    /// reference) is refused with its line and column and nothing is written. Respondents are
    /// keyed by reference (the reference column, else "row N"), so importing the file again
    /// updates them. The mapping is saved for files with the same headers.
    pub fn import_assessment(
        &self,
        file: &Path,
        assessment_id: i64,
        mapping: &AssessmentMapping,
    ) -> Result<AssessmentImportReport> {
        if !store::list_assessments(&self.conn)?
            .iter()
            .any(|a| a.id == Some(assessment_id))
        {
            return Err(Error::NotFound(format!("assessment {assessment_id}")));
        }
        let sheet = read_sheet(file)?;
        let q = self.questionnaire()?;
        let normed: Vec<String> = sheet
            .headers
            .iter()
            .map(|h| import::normalise_header(h))
            .collect();
        let column = |what: &str, header: &str| -> Result<usize> {
            let n = import::normalise_header(header);
            normed.iter().position(|h| *h == n).ok_or_else(|| {
                Error::Invalid(format!(
                    "{what} column '{header}' is not in the header of {}",
                    sheet.file
                ))
            })
        };
        let ref_col = mapping
            .ref_column
            .as_deref()
            .filter(|h| !h.trim().is_empty())
            .map(|h| column("reference", h))
            .transpose()?;
        let group_col = mapping
            .group_column
            .as_deref()
            .filter(|h| !h.trim().is_empty())
            .map(|h| column("group", h))
            .transpose()?;
        let codes: HashMap<&str, i64> = q
            .dimensions
            .iter()
            .flat_map(|d| d.items.iter())
            .filter_map(|i| Some((i.code.as_str(), i.id?)))
            .collect();
        let mut items: Vec<(usize, i64)> = Vec::new();
        let mut used = HashSet::new();
        for (header, code) in &mapping.items {
            let col = column("item", header)?;
            let id = *codes.get(code.trim()).ok_or_else(|| {
                Error::Invalid(format!(
                    "item '{code}' (column '{header}') is not in the questionnaire"
                ))
            })?;
            if !used.insert(id) {
                return Err(Error::Invalid(format!(
                    "item '{code}' is mapped to more than one column"
                )));
            }
            items.push((col, id));
        }
        if items.is_empty() {
            return Err(Error::Invalid(
                "mapping: no column is mapped to a questionnaire item".into(),
            ));
        }
        let it_values: HashSet<String> = mapping
            .it_values
            .iter()
            .map(|v| v.trim().to_lowercase())
            .filter(|v| !v.is_empty())
            .collect();
        let mut errors = Vec::new();
        let mut parsed: Vec<Respondent> = Vec::with_capacity(sheet.rows.len());
        let mut refs: HashMap<String, u64> = HashMap::new();
        for row in &sheet.rows {
            let cell = |i: usize| row.cells.get(i).map_or("", |c| c.trim());
            let err = |col: usize, reason: String| RowError {
                file: sheet.file.clone(),
                line: row.line,
                column: col as u32 + 1,
                reason,
            };
            let header = |i: usize| sheet.headers.get(i).map_or("", |h| h.as_str());
            let r = match ref_col.map(cell).filter(|v| !v.is_empty()) {
                Some(v) => v.to_string(),
                None => format!("row {}", row.line),
            };
            // Every bad cell of the row is reported, not only the first.
            match refs.get(&r) {
                Some(first) => errors.push(err(
                    ref_col.unwrap_or(0),
                    format!(
                        "{}: '{r}' is already on line {first}",
                        header(ref_col.unwrap_or(0))
                    ),
                )),
                None => {
                    refs.insert(r.clone(), row.line);
                }
            }
            let group = match group_col {
                None => Group::Business,
                Some(c) => match cell(c) {
                    "" => {
                        errors.push(err(
                            c,
                            format!(
                                "{}: empty — IT staff ({}) or a business user",
                                header(c),
                                mapping.it_values.join(", ")
                            ),
                        ));
                        Group::Business
                    }
                    v if it_values.contains(&v.to_lowercase()) => Group::It,
                    _ => Group::Business,
                },
            };
            let mut answers = Vec::new();
            for &(c, item) in &items {
                let v = cell(c);
                if v.is_empty() {
                    continue;
                }
                match parse_score(v) {
                    Some(s) => answers.push((item, s)),
                    None => errors.push(err(
                        c,
                        format!("{}: '{v}' is not a score — whole numbers 1–5", header(c)),
                    )),
                }
            }
            parsed.push(Respondent {
                id: None,
                r#ref: r,
                group,
                answers,
            });
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| (e.line, e.column));
            return Err(Error::RejectedRows(errors));
        }
        let tx = self.conn.unchecked_transaction()?;
        let mut report = AssessmentImportReport::default();
        for mut r in parsed {
            r.id = store::respondent_by_ref(&tx, assessment_id, &r.r#ref)?;
            if r.id.is_some() {
                report.updated += 1;
            } else {
                report.added += 1;
            }
            store::save_respondent(&tx, assessment_id, &r)?;
        }
        let json = serde_json::to_string(mapping).map_err(|e| Error::Invalid(e.to_string()))?;
        store::set_setting(&tx, &mapping_key(&sheet.headers), &json)?;
        tx.commit()?;
        Ok(report)
    }

    /// The questionnaire as a workbook to set a survey tool up with (and to fill in and import
    /// back): sheet 1 has the columns — reference, group, then one per item headed by its code
    /// and text — and sheet 2 the instructions.
    pub fn questionnaire_xlsx(&self, lang: Lang) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format, Workbook};
        let q = self.questionnaire()?;
        let err = |e: rust_xlsxwriter::XlsxError| Error::Report(format!("xlsx: {e}"));
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold().set_text_wrap();
        let wrap = Format::new().set_text_wrap();
        let zh = lang == Lang::Zh;
        let (ref_h, group_h, it, business) = if zh {
            ("编号", "类别", "IT", "业务")
        } else {
            ("ref", "group", "IT", "Business")
        };
        let ws = wb.add_worksheet();
        ws.set_name(if zh { "问卷" } else { "Survey" })
            .map_err(err)?;
        ws.write_string_with_format(0, 0, ref_h, &bold)
            .map_err(err)?;
        ws.write_string_with_format(0, 1, group_h, &bold)
            .map_err(err)?;
        ws.set_column_width(0, 10).map_err(err)?;
        ws.set_column_width(1, 10).map_err(err)?;
        let mut col: u16 = 2;
        for item in q.dimensions.iter().flat_map(|d| d.items.iter()) {
            let text = if zh { &item.text_zh } else { &item.text_en };
            ws.write_string_with_format(0, col, format!("{} {text}", item.code), &bold)
                .map_err(err)?;
            ws.set_column_width(col, 24).map_err(err)?;
            col = col.saturating_add(1);
        }
        ws.set_row_height(0, 90).map_err(err)?;
        ws.set_freeze_panes(1, 2).map_err(err)?;

        let help = wb.add_worksheet();
        help.set_name(if zh { "填写说明" } else { "Instructions" })
            .map_err(err)?;
        help.set_column_width(0, 100).map_err(err)?;
        let mut lines: Vec<String> = if zh {
            vec![
                "现状评估问卷：每位受访者填写一行。".into(),
                format!("“{ref_h}”：受访者编号或姓名，同一次评估内不重复；再次导入同一文件时按编号更新。"),
                format!("“{group_h}”：IT 人员填“{it}”，业务用户填“{business}”。"),
                "其余各列：每题填 1–5 的整数——1 非常不同意，2 不同意，3 一般，4 同意，5 非常同意；不作答留空。".into(),
                "在问卷工具中按本表各列设题时，请保留列标题开头的题号（如 Q1-1），导入时据此自动对应题目。".into(),
                String::new(),
                "维度与题目：".into(),
            ]
        } else {
            vec![
                "Current-state assessment: one row per respondent.".into(),
                format!("'{ref_h}': the respondent's number or name, unique within the assessment; importing the same file again updates by it."),
                format!("'{group_h}': '{it}' for IT staff, '{business}' for business users."),
                "Every other column: a whole number 1–5 per item — 1 strongly disagree, 2 disagree, 3 neutral, 4 agree, 5 strongly agree; leave empty when not answered.".into(),
                "When setting the items up in a survey tool, keep the item code at the start of each column heading (e.g. Q1-1): the import maps the columns by it.".into(),
                String::new(),
                "Dimensions and items:".into(),
            ]
        };
        for d in &q.dimensions {
            lines.push(format!(
                "{} {}",
                d.code,
                if zh { &d.name_zh } else { &d.name_en }
            ));
            for item in &d.items {
                lines.push(format!(
                    "    {} {}",
                    item.code,
                    if zh { &item.text_zh } else { &item.text_en }
                ));
            }
        }
        for (i, line) in lines.iter().enumerate() {
            help.write_string_with_format(i as u32, 0, line, &wrap)
                .map_err(err)?;
        }
        wb.save_to_buffer().map_err(err)
    }
}

/// The conformance evidence: the quarter's request-process map.
fn standardisation_of(quarter: Quarter, map: &ProcessMap, sop_label: &str) -> EvidenceValue {
    let pct = fmt_pct(map.conformance_pct);
    let (k, n) = (map.conforming_cases, map.cases);
    EvidenceValue {
        evidence: Evidence::Standardisation,
        value: map.conformance_pct,
        text_zh: if map.conformance_pct.is_some() {
            format!("{quarter} 请求流程符合率 {pct}（{k}/{n} 张工单，{sop_label}）")
        } else {
            format!("{quarter} 无状态历史或无标准流程，符合率无法计算")
        },
        text_en: if map.conformance_pct.is_some() {
            format!("{quarter} request process conformance {pct} ({k}/{n} tickets, {sop_label})")
        } else {
            format!("{quarter}: no status history or no SOP, conformance not measured")
        },
    }
}

/// The improvement evidence from the quarter's feedback (its CSI register judged).
fn improvement_of(fb: &crate::feedback::Feedback, quarter: Quarter) -> EvidenceValue {
    let (from, to) = (
        quarter.trailing(4)[0].start_date(),
        quarter.next().start_date(),
    );
    let due: Vec<_> = fb
        .actions
        .iter()
        .filter(|a| a.action.due_on >= from && a.action.due_on < to)
        .collect();
    let closed = due
        .iter()
        .filter(|a| a.action.status == ActionStatus::Done && a.measured.is_some())
        .count();
    let n = due.len();
    let value = (n > 0).then(|| closed as f64 / n as f64 * 100.0);
    EvidenceValue {
        evidence: Evidence::Improvement,
        value,
        text_zh: if n > 0 {
            format!(
                "近四个季度到期的改进行动 {n} 项，{closed} 项已完成并有改进后测量值（{}）",
                fmt_pct(value)
            )
        } else {
            "近四个季度没有到期的改进行动".to_string()
        },
        text_en: if n > 0 {
            format!(
                "{closed} of {n} improvement actions due in the last four quarters done with a measured result ({})",
                fmt_pct(value)
            )
        } else {
            "No improvement action was due in the last four quarters".to_string()
        },
    }
}

/// The evidence already computed in one view, by kind.
#[derive(Default)]
struct EvidenceCache(HashMap<Evidence, EvidenceValue>);

/// The needs evidence names the dimension's IT-vs-business gap.
fn with_gap(mut v: EvidenceValue, gap: Option<f64>) -> EvidenceValue {
    if v.evidence == Evidence::Needs {
        if let Some(g) = gap {
            v.text_zh.push_str(&format!("；IT 与业务评分差 {g:+.1} 分"));
            v.text_en
                .push_str(&format!("; IT vs business gap {g:+.1} points"));
        }
    }
    v
}

/// Population standard deviation ÷ mean × 100; None under two values or a zero mean.
fn coefficient_of_variation(v: &[f64]) -> Option<f64> {
    if v.len() < 2 {
        return None;
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    if mean <= 0.0 {
        return None;
    }
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    Some(var.sqrt() / mean * 100.0)
}

fn mapping_key(headers: &[String]) -> String {
    format!("{MAPPING_KEY}{}", import::headers_sha256(headers))
}

fn read_sheet(file: &Path) -> Result<sheet::Sheet> {
    sheet::read_sheet(file).map_err(|e| match e {
        sheet::SheetError::Cell(row) => Error::RejectedRows(vec![row]),
        sheet::SheetError::Io { path, source } => Error::io(path, source),
        e => Error::Import(e.to_string()),
    })
}

/// A Likert answer: a whole number 1–5 ("4", "4.0", "4 同意"), or the scale's words.
fn parse_score(v: &str) -> Option<u8> {
    let t = v.trim();
    if let Ok(n) = t.parse::<f64>() {
        return (n.fract() == 0.0 && (1.0..=5.0).contains(&n)).then_some(n as u8);
    }
    let words: [(&str, u8); 13] = [
        ("非常不同意", 1),
        ("完全不同意", 1),
        ("不同意", 2),
        ("一般", 3),
        ("中立", 3),
        ("同意", 4),
        ("非常同意", 5),
        ("完全同意", 5),
        ("strongly disagree", 1),
        ("disagree", 2),
        ("neutral", 3),
        ("agree", 4),
        ("strongly agree", 5),
    ];
    let lower = t.to_lowercase();
    if let Some((_, s)) = words.iter().find(|(w, _)| *w == lower) {
        return Some(*s);
    }
    // "4 同意", "4-同意", "4（同意）": one leading digit, then not a number.
    let mut chars = t.chars();
    let first = chars.next()?.to_digit(10)?;
    let rest = chars.as_str().trim_start();
    let next = rest.chars().next()?;
    (!next.is_ascii_digit() && next != '.' && (1..=5).contains(&first)).then_some(first as u8)
}

fn one_of(header: &str, names: &[&str]) -> bool {
    names.iter().any(|n| import::normalise_header(n) == header)
}

/// A guess at the mapping: the reference and group columns by name, each item by a header that
/// is its code, starts with it ("Q1-1 …"), or holds its text.
fn guess_mapping(headers: &[String], q: &Questionnaire) -> AssessmentMapping {
    let normed: Vec<String> = headers
        .iter()
        .map(|h| import::normalise_header(h))
        .collect();
    let find = |names: &[&str]| {
        normed
            .iter()
            .position(|h| one_of(h, names))
            .map(|i| headers[i].trim().to_string())
    };
    let ref_column = find(&[
        "编号",
        "序号",
        "答卷编号",
        "答卷序号",
        "受访者",
        "ref",
        "id",
        "no",
        "no.",
        "respondent",
        "respondent id",
    ]);
    let group_column = find(&[
        "类别",
        "组别",
        "身份",
        "人员类别",
        "类型",
        "group",
        "role",
        "type",
        "respondent group",
    ]);
    let mut used = HashSet::new();
    let mut items = Vec::new();
    for (i, h) in normed.iter().enumerate() {
        let hit = q
            .dimensions
            .iter()
            .flat_map(|d| d.items.iter())
            .find(|item| {
                if used.contains(&item.code) {
                    return false;
                }
                let code = import::normalise_header(&item.code);
                let by_code = !code.is_empty()
                    && (*h == code
                        || h.strip_prefix(code.as_str()).is_some_and(|rest| {
                            rest.chars()
                                .next()
                                .is_some_and(|c| !c.is_ascii_alphanumeric() && c != '-')
                        }));
                let by_text = [&item.text_zh, &item.text_en].iter().any(|t| {
                    let t = import::normalise_header(t);
                    t.chars().count() >= 4 && h.contains(t.as_str())
                });
                by_code || by_text
            });
        if let Some(item) = hit {
            used.insert(item.code.clone());
            items.push((headers[i].trim().to_string(), item.code.clone()));
        }
    }
    AssessmentMapping {
        ref_column,
        group_column,
        it_values: vec!["IT".into(), "IT人员".into(), "IT staff".into()],
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_whole_numbers_one_to_five_or_the_words() {
        for (v, want) in [
            ("1", Some(1)),
            ("5", Some(5)),
            ("4.0", Some(4)),
            (" 3 ", Some(3)),
            ("4 同意", Some(4)),
            ("5（非常同意）", Some(5)),
            ("非常同意", Some(5)),
            ("不同意", Some(2)),
            ("Strongly agree", Some(5)),
            ("0", None),
            ("6", None),
            ("3.5", None),
            ("12", None),
            ("x", None),
            ("", None),
        ] {
            assert_eq!(parse_score(v), want, "{v:?}");
        }
    }

    #[test]
    fn coefficient_of_variation_is_population_stdev_over_mean() {
        // mean 90, population stdev 10 (80, 100) → 11.11…%
        let cv = coefficient_of_variation(&[80.0, 100.0]).unwrap();
        assert!((cv - 100.0 / 9.0).abs() < 1e-9, "{cv}");
        assert_eq!(coefficient_of_variation(&[90.0]), None);
        assert_eq!(coefficient_of_variation(&[0.0, 0.0]), None);
    }
}
