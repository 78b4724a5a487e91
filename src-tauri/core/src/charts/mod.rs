//! Charts: plotters drawings rendered to SVG text (for the UI) or to printpdf ops (for the PDF).
//! No I/O: callers get strings or ops back.

mod draw;
mod model;
pub mod pdf_backend;
pub mod process;
mod svg;
pub mod text;

pub use model::{pack_charts, BarChart, PackCharts, Series, TrendChart};
pub use svg::{bars_svg, trend_svg};
