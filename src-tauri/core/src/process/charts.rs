//! The process charts built from the figures, shared by the screen (SVG) and the PDF so both
//! show the same chart: the process map, the assessment radar and an SOP's flow.

use super::model::{AssessmentView, ProcessMap, SopVersion};
use crate::charts::process::{FlowChart, MapChart, RadarChart};
use crate::report::{fmt_duration, fmt_hours, Lang};
use std::collections::HashMap;

/// Edges labelled with their count and median hours; nodes with their visits (runs entered in
/// that state: paths starting there plus transitions into it).
pub fn map_chart(map: &ProcessMap, lang: Lang) -> MapChart {
    let index: HashMap<&str, usize> = map
        .states
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut visits: Vec<u64> = map.starts.clone();
    visits.resize(map.states.len(), 0);
    let mut edges = Vec::new();
    for t in &map.transitions {
        let (Some(&a), Some(&b)) = (index.get(t.from.as_str()), index.get(t.to.as_str())) else {
            continue;
        };
        visits[b] += t.count;
        let label = match t.median_hours {
            Some(h) => format!("{} · {} h", t.count, fmt_hours(Some(h))),
            None => t.count.to_string(),
        };
        edges.push((a, b, t.count, label));
    }
    MapChart {
        title: match lang {
            Lang::Zh => format!("流程图（{} 张工单，连线：次数 · 中位小时）", map.cases),
            Lang::En => format!(
                "Process map ({} tickets; arrows: count · median hours)",
                map.cases
            ),
        },
        nodes: map.states.iter().cloned().zip(visits).collect(),
        edges,
    }
}

/// One axis per dimension; the baseline and the latest assessment overlaid.
pub fn radar_chart(view: &AssessmentView, lang: Lang) -> RadarChart {
    let axes = view
        .rows
        .iter()
        .map(|r| match lang {
            Lang::Zh => r.name_zh.clone(),
            Lang::En => r.name_en.clone(),
        })
        .collect();
    let label = |id: Option<i64>, zh: &str, en: &str| {
        let date = view
            .assessments
            .iter()
            .find(|a| a.assessment.id == id)
            .map(|a| a.assessment.held_on.to_string())
            .unwrap_or_default();
        match lang {
            Lang::Zh => format!("{zh} {date}"),
            Lang::En => format!("{en} {date}"),
        }
    };
    let mut series = Vec::new();
    let same = view.baseline.as_ref().map(|b| b.assessment_id)
        == view.latest.as_ref().map(|l| l.assessment_id);
    if let Some(b) = &view.baseline {
        series.push((
            label(Some(b.assessment_id), "基线", "Baseline"),
            view.rows
                .iter()
                .map(|r| r.baseline.as_ref().and_then(|d| d.overall))
                .collect(),
        ));
    }
    if let (Some(l), false) = (&view.latest, same) {
        series.push((
            label(Some(l.assessment_id), "最新", "Latest"),
            view.rows
                .iter()
                .map(|r| r.latest.as_ref().and_then(|d| d.overall))
                .collect(),
        ));
    }
    RadarChart {
        title: match lang {
            Lang::Zh => "现状评估：四项挑战得分（0–100）".to_string(),
            Lang::En => "Current-state assessment: the four challenges (0–100)".to_string(),
        },
        axes,
        series,
    }
}

/// The steps of an SOP version as boxes; owner = the role's name when set, else the free text.
pub fn flow_chart(
    title: &str,
    v: &SopVersion,
    role_names: &HashMap<i64, String>,
    lang: Lang,
) -> FlowChart {
    FlowChart {
        title: title.to_string(),
        steps: v
            .steps
            .iter()
            .map(|s| {
                let name = match lang {
                    Lang::Zh => s.name_zh.clone(),
                    Lang::En => s.name_en.clone(),
                };
                let owner = s
                    .owner_role_id
                    .and_then(|id| role_names.get(&id).cloned())
                    .unwrap_or_else(|| super::in_lang(&s.owner_text, lang).to_string());
                let target = s
                    .target_hours
                    .map(|h| format!("≤ {}", fmt_duration((h * 60.0).round() as i64, lang)))
                    .unwrap_or_default();
                (name, owner, target)
            })
            .collect(),
    }
}
