//! Feedback and continual improvement in a workspace: the records of a quarter with their
//! figures (satisfaction per service, comment excerpts), the CSI register with each action's
//! measured result, the review meeting's pre-fill and the programme evaluation.

use super::Workspace;
use crate::clock::Clock;
use crate::domain::Quarter;
use crate::feedback::*;
use crate::metrics::{Figures, QuarterMetrics};
use crate::store;
use crate::{Error, Result};
use std::collections::HashMap;

const PROGRAMME_KEY: &str = "programme";

/// The figures of a quarter window by service (None = overall), with what metrics need beyond
/// the tickets.
struct Window {
    figures: HashMap<(Quarter, Option<i64>), Figures>,
    /// Complaints per quarter and service.
    complaints: Vec<(Quarter, Option<i64>, u64)>,
    /// People who resolved a ticket, per quarter and service (`Workspace::resolvers`).
    resolvers: HashMap<(Quarter, Option<i64>), u64>,
}

impl Window {
    /// What `key` needs beyond the figures for one quarter and service (None = all); the
    /// resolvers are counted only for the metric that uses them.
    fn extra(&self, q: Quarter, svc: Option<i64>, key: Option<MetricKey>) -> Extra {
        let complaints = self
            .complaints
            .iter()
            .filter(|(cq, cs, _)| *cq == q && (svc.is_none() || *cs == svc))
            .map(|(_, _, n)| n)
            .sum();
        let resolvers = match key {
            Some(MetricKey::ResolvedPerStaff) | None => {
                self.resolvers.get(&(q, svc)).copied().unwrap_or(0)
            }
            _ => 0,
        };
        Extra {
            complaints,
            resolvers,
        }
    }

    fn series(
        &self,
        quarters: &[Quarter],
        key: MetricKey,
        svc: Option<i64>,
    ) -> Result<Vec<QuarterValue>> {
        quarters
            .iter()
            .map(|&q| {
                Ok(QuarterValue {
                    quarter: q,
                    value: match self.figures.get(&(q, svc)) {
                        Some(f) => value(f, self.extra(q, svc, Some(key)), key),
                        None => None,
                    },
                })
            })
            .collect()
    }
}

impl Workspace {
    pub fn programme(&self) -> Result<Programme> {
        match store::get_setting(&self.conn, PROGRAMME_KEY)? {
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::Invalid(format!("programme settings: {e}"))),
            None => Ok(Programme::default()),
        }
    }

    pub fn set_programme(&self, p: &Programme) -> Result<()> {
        for (what, v) in [
            ("efficiency target", p.targets.efficiency_pct),
            ("satisfaction target", p.targets.satisfaction_pct),
        ] {
            if !v.is_finite() || !(0.0..=1000.0).contains(&v) {
                return Err(Error::Invalid(format!(
                    "{what}: {v} is not a percentage between 0 and 1000"
                )));
            }
        }
        let json = serde_json::to_string(p).map_err(|e| Error::Invalid(e.to_string()))?;
        store::set_setting(&self.conn, PROGRAMME_KEY, &json)
    }

    pub fn save_feedback(&self, rec: &FeedbackRecord) -> Result<i64> {
        store::save_feedback_record(&self.conn, rec)
    }

    pub fn delete_feedback(&self, kind: FeedbackKind, id: i64, cascade: bool) -> Result<()> {
        store::delete_feedback_record(&self.conn, kind, id, cascade)
    }

    fn window(&self, m: &QuarterMetrics) -> Result<Window> {
        let mut figures = HashMap::new();
        for p in &m.trend {
            figures.insert((p.quarter, None), p.figures.clone());
        }
        for t in &m.service_trends {
            for p in &t.points {
                figures.insert((p.quarter, Some(t.service_id)), p.figures.clone());
            }
        }
        let quarters: Vec<Quarter> = m.trend.iter().map(|p| p.quarter).collect();
        Ok(Window {
            figures,
            complaints: store::complaint_counts(&self.conn)?,
            resolvers: self.resolvers(&quarters)?,
        })
    }

    /// The CSI register judged against the data up to `quarter`.
    fn action_views(
        &self,
        actions: &[Action],
        m: &QuarterMetrics,
        w: &Window,
        clock: &dyn Clock,
    ) -> Result<Vec<ActionView>> {
        let quarters: Vec<Quarter> = m.trend.iter().map(|p| p.quarter).collect();
        let today = clock.now().date();
        actions
            .iter()
            .map(|a| {
                let series = match a.metric {
                    Some(k) => w.series(&quarters, k, a.service_id)?,
                    None => Vec::new(),
                };
                Ok(action_view(a, &series, today))
            })
            .collect()
    }

    /// Baseline against `quarter`, on the overall figures.
    pub fn programme_evaluation(
        &self,
        quarter: Quarter,
        clock: &dyn Clock,
    ) -> Result<Option<ProgrammeEvaluation>> {
        let m = self.metrics(quarter, clock)?;
        self.evaluation_with(&m, clock)
    }

    /// The evaluation against the quarter already measured in `current`.
    fn evaluation_with(
        &self,
        current: &QuarterMetrics,
        clock: &dyn Clock,
    ) -> Result<Option<ProgrammeEvaluation>> {
        let p = self.programme()?;
        let baseline = match p.baseline {
            Some(b) => b,
            None => match self.quarters()?.last() {
                Some(q) => *q,
                None => return Ok(None),
            },
        };
        let side = |m: &QuarterMetrics| -> Result<(Figures, Extra)> {
            let w = self.window(m)?;
            let extra = w.extra(m.quarter, None, None);
            Ok((m.overall.clone(), extra))
        };
        let (bf, be) = side(&self.metrics(baseline, clock)?)?;
        let (cf, ce) = side(current)?;
        Ok(Some(programme_evaluation(
            (baseline, &bf, be),
            (current.quarter, &cf, ce),
            p.targets,
        )))
    }

    /// The pack's feedback and improvement input for `quarter`.
    pub(super) fn pack_feedback(
        &self,
        quarter: Quarter,
        names: bool,
        clock: &dyn Clock,
    ) -> Result<crate::report::FeedbackInput> {
        Ok(crate::report::FeedbackInput {
            names,
            data: self.feedback(Some(quarter), clock)?,
            services: store::list_services(&self.conn)?
                .into_iter()
                .map(|s| (s.id, s.code, s.name))
                .collect(),
            staff: store::load_people(&self.conn)?
                .staff
                .into_iter()
                .map(|s| (s.id, s.name, s.team))
                .collect(),
        })
    }

    pub fn feedback(&self, quarter: Option<Quarter>, clock: &dyn Clock) -> Result<Feedback> {
        let quarter = self.default_quarter(quarter)?;
        let m = self.metrics(quarter, clock)?;
        let w = self.window(&m)?;
        let data = store::load_feedback(
            &self.conn,
            quarter.start_date(),
            quarter.next().start_date(),
        )?;
        let actions = self.action_views(&data.actions, &m, &w, clock)?;
        let mut satisfaction = Vec::new();
        for p in &m.trend {
            satisfaction.push(sat_row(None, "", "", p.quarter, &p.figures));
        }
        for t in &m.service_trends {
            for p in &t.points {
                satisfaction.push(sat_row(
                    Some(t.service_id),
                    &t.code,
                    &t.name,
                    p.quarter,
                    &p.figures,
                ));
            }
        }
        let (from, to) = (quarter.start_date(), quarter.next().start_date());
        let commented = store::list_responses(&self.conn, from, to, usize::MAX >> 1, true)?;
        let mut channels: std::collections::BTreeMap<String, ChannelCount> = Default::default();
        for (ch, score, scale) in store::response_channels(&self.conn, from, to)? {
            let e = channels.entry(ch.clone()).or_insert(ChannelCount {
                channel: ch,
                responses: 0,
                satisfied: 0,
            });
            e.responses += 1;
            e.satisfied += u64::from(scale.is_satisfied(score));
        }
        Ok(Feedback {
            quarter,
            excerpts: excerpts(&commented, 2),
            channels: channels.into_values().collect(),
            prefill: meeting_prefill(&m, &actions),
            programme: self.programme()?,
            evaluation: self.evaluation_with(&m, clock)?,
            responses: data.responses,
            interviews: data.interviews,
            complaints: data.complaints,
            meetings: data.meetings,
            actions,
            satisfaction,
        })
    }
}

fn sat_row(
    service_id: Option<i64>,
    code: &str,
    name: &str,
    quarter: Quarter,
    f: &Figures,
) -> SatisfactionRow {
    SatisfactionRow {
        service_id,
        code: code.into(),
        name: name.into(),
        quarter,
        responses: f.responses,
        csat: f.csat,
        mean_score: f.mean_score,
        response_rate: f.response_rate,
    }
}
