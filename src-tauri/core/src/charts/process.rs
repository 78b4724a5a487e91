//! The process charts, drawn with plotters for both the screen (SVG) and the PDF: the process
//! map (states left to right, arrows as wide as their counts), the radar of the assessment
//! (baseline and latest overlaid) and the SOP flow diagram (steps as boxes joined by arrows).

use super::pdf_backend::{Placement, PdfTarget};

/// A directly-follows map ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MapChart {
    pub title: String,
    /// Nodes, left to right, with their case counts shown under the name.
    pub nodes: Vec<(String, u64)>,
    /// (from node, to node, count, label e.g. "120 · 3.5 h"). Loops (from == to) do not occur.
    pub edges: Vec<(usize, usize, u64, String)>,
}

/// A radar: one axis per dimension, values 0–100.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarChart {
    pub title: String,
    pub axes: Vec<String>,
    /// (legend label, one value per axis; None = not scored).
    pub series: Vec<(String, Vec<Option<f64>>)>,
}

/// An SOP's steps as boxes left to right (wrapping to more rows when many).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowChart {
    pub title: String,
    /// (step name, owner role, target text e.g. "≤ 1 h" or "").
    pub steps: Vec<(String, String, String)>,
}

pub fn map_svg(chart: &MapChart, width: u32, height: u32) -> String {
    let _ = (chart, width, height);
    todo!()
}

pub fn map_pdf(chart: &MapChart, target: PdfTarget<'_>, at: Placement) -> crate::Result<()> {
    let _ = (chart, target, at);
    todo!()
}

pub fn radar_svg(chart: &RadarChart, width: u32, height: u32) -> String {
    let _ = (chart, width, height);
    todo!()
}

pub fn radar_pdf(chart: &RadarChart, target: PdfTarget<'_>, at: Placement) -> crate::Result<()> {
    let _ = (chart, target, at);
    todo!()
}

pub fn flow_svg(chart: &FlowChart, width: u32, height: u32) -> String {
    let _ = (chart, width, height);
    todo!()
}

pub fn flow_pdf(chart: &FlowChart, target: PdfTarget<'_>, at: Placement) -> crate::Result<()> {
    let _ = (chart, target, at);
    todo!()
}
