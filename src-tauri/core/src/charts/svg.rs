//! Charts as SVG text for the UI, drawn by plotters' SVG backend. Text names the bundled font's
//! family, which the UI loads with @font-face, so the webview shows the same font as the PDF.

use super::draw;
use super::model::{BarChart, TrendChart};
use super::text::text_width;
use plotters::prelude::{DrawingAreaErrorKind, IntoDrawingArea, SVGBackend};
use plotters_backend::text_anchor::Pos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontFamily, FontStyle, FontTransform,
};

/// Chart width in points that the PDF uses; an SVG of another width is the same chart scaled.
const PDF_CHART_WIDTH_PT: f64 = 482.0;

/// The family written into the SVG: the bundled font, then the system's sans-serif as fallback.
const SVG_FAMILY: &str = "Noto Sans SC, sans-serif";

pub fn trend_svg(chart: &TrendChart, width: u32, height: u32) -> String {
    render(width, height, |root, u| draw::trend(root, chart, u))
}

pub fn bars_svg(chart: &BarChart, width: u32, height: u32) -> String {
    render(width, height, |root, u| draw::bars(root, chart, u))
}

pub(crate) type Root<'a> = plotters::drawing::DrawingArea<SvgChart<'a>, plotters::coord::Shift>;

pub(crate) fn render(
    width: u32,
    height: u32,
    draw: impl FnOnce(&Root<'_>, f64) -> Result<(), DrawingAreaErrorKind<std::io::Error>>,
) -> String {
    let (width, height) = (width.max(1), height.max(1));
    // Pixels per chart point: the chart keeps its proportions at any width, never below 1.
    let u = (f64::from(width) / PDF_CHART_WIDTH_PT).max(1.0);
    let mut out = String::new();
    let result = {
        let root = SvgChart {
            inner: SVGBackend::with_string(&mut out, (width, height)),
        }
        .into_drawing_area();
        draw(&root, u).and_then(|()| root.present())
    };
    match result {
        Ok(()) => out,
        // Writing to a String does not fail; should plotters reject a drawing, show why.
        Err(e) => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\"><text x=\"8\" y=\"20\" font-family=\"{SVG_FAMILY}\">{}</text></svg>",
            escape(&e.to_string())
        ),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// plotters' SVG backend with two corrections: text is measured with the bundled font's real
/// advances (plotters' built-in estimate counts UTF-8 bytes, which makes Chinese labels 37% too
/// wide), and the font size written is the size asked for (plotters writes size ÷ 1.24).
pub(crate) struct SvgChart<'a> {
    inner: SVGBackend<'a>,
}

struct SvgText<'s, S>(&'s S);

impl<S: BackendTextStyle> BackendTextStyle for SvgText<'_, S> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        self.0.color()
    }
    fn size(&self) -> f64 {
        self.0.size() * 1.24
    }
    fn transform(&self) -> FontTransform {
        self.0.transform()
    }
    fn style(&self) -> FontStyle {
        self.0.style()
    }
    fn anchor(&self) -> Pos {
        self.0.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(SVG_FAMILY)
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.0.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.0.draw(text, pos, draw)
    }
}

type SvgResult = Result<(), DrawingErrorKind<std::io::Error>>;

impl DrawingBackend for SvgChart<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> SvgResult {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> SvgResult {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> SvgResult {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> SvgResult {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> SvgResult {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> SvgResult {
        self.inner.draw_path(path, style)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> SvgResult {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> SvgResult {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> SvgResult {
        self.inner.draw_text(text, &SvgText(style), pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<std::io::Error>> {
        let size = style.size();
        Ok((text_width(text, size).ceil() as u32, size.round() as u32))
    }
}
