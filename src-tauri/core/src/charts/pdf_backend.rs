//! A plotters backend that writes printpdf ops, so the pack's charts are vector graphics whose
//! text is set in the embedded font (selectable and searchable). 2 plotters pixels per point.

use super::draw;
use super::model::{BarChart, TrendChart};
use super::text::{text_width, ASCENT, DESCENT};
use plotters::prelude::IntoDrawingArea;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use printpdf::{
    Color, ExtendedGraphicsState, ExtendedGraphicsStateId, FontId, Line, LineJoinStyle, LinePoint,
    Op, PaintMode, PdfDocument, PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rect, Rgb,
    TextItem, TextMatrix, WindingOrder,
};
use std::collections::HashMap;
use std::convert::Infallible;

/// plotters works in whole pixels; at 2 px per pt strokes can be 0.5 pt hairlines.
pub const PX_PER_PT: f64 = 2.0;

/// One ExtGState per distinct alpha, shared by every page of a document.
#[derive(Debug, Default)]
pub struct AlphaStates(HashMap<u16, ExtendedGraphicsStateId>);

impl AlphaStates {
    pub fn get(&mut self, doc: &mut PdfDocument, alpha: f64) -> ExtendedGraphicsStateId {
        let key = (alpha.clamp(0.0, 1.0) * 1000.0).round() as u16;
        self.0
            .entry(key)
            .or_insert_with(|| {
                let a = f32::from(key) / 1000.0;
                doc.add_graphics_state(
                    ExtendedGraphicsState::default()
                        .with_current_fill_alpha(a)
                        .with_current_stroke_alpha(a),
                )
            })
            .clone()
    }
}

/// Where a chart goes, in points from the page's lower-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

/// What drawing on a page needs from the document being built.
pub struct PdfTarget<'a> {
    pub doc: &'a mut PdfDocument,
    pub font: &'a FontId,
    pub alphas: &'a mut AlphaStates,
    /// The page's content stream.
    pub ops: &'a mut Vec<Op>,
}

pub fn trend_pdf(chart: &TrendChart, target: PdfTarget<'_>, at: Placement) -> crate::Result<()> {
    let root = PdfBackend::new(target, at).into_drawing_area();
    draw::trend(&root, chart, PX_PER_PT)
        .and_then(|()| root.present())
        .map_err(|e| crate::Error::Report(format!("chart '{}': {e}", chart.title)))
}

pub fn bars_pdf(chart: &BarChart, target: PdfTarget<'_>, at: Placement) -> crate::Result<()> {
    let root = PdfBackend::new(target, at).into_drawing_area();
    draw::bars(&root, chart, PX_PER_PT)
        .and_then(|()| root.present())
        .map_err(|e| crate::Error::Report(format!("chart '{}': {e}", chart.title)))
}

/// An sRGB colour from 0–255 components (printpdf wants 0.0–1.0).
/// Fill colour for a filled shape, or outline colour and width for a stroked one.
fn set_paint(ops: &mut Vec<Op>, fill: bool, color: (u8, u8, u8), width: Pt) {
    if fill {
        ops.push(Op::SetFillColor { col: rgb(color) });
    } else {
        ops.push(Op::SetOutlineColor { col: rgb(color) });
        ops.push(Op::SetOutlineThickness { pt: width });
    }
}

pub fn rgb((r, g, b): (u8, u8, u8)) -> Color {
    Color::Rgb(Rgb::new(
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
        None,
    ))
}

/// One text run: its own BT…ET with an absolute text matrix (`Tm` replaces, never accumulates).
pub fn push_text(
    ops: &mut Vec<Op>,
    font: &FontId,
    size_pt: f32,
    color: Color,
    matrix: TextMatrix,
    text: &str,
) {
    ops.extend([
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(size_pt),
        },
        Op::SetFillColor { col: color },
        Op::SetTextMatrix { matrix },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        },
        Op::EndTextSection,
    ]);
}

/// A circle as four cubic Bézier arcs (PDF has no circle operator).
pub fn circle_points(cx: f32, cy: f32, r: f32) -> Vec<LinePoint> {
    const KAPPA: f32 = 0.552_284_8;
    let k = r * KAPPA;
    let pt = |x: f32, y: f32, bezier: bool| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier,
    };
    vec![
        pt(cx + r, cy, false),
        pt(cx + r, cy + k, true),
        pt(cx + k, cy + r, true),
        pt(cx, cy + r, false),
        pt(cx - k, cy + r, true),
        pt(cx - r, cy + k, true),
        pt(cx - r, cy, false),
        pt(cx - r, cy - k, true),
        pt(cx - k, cy - r, true),
        pt(cx, cy - r, false),
        pt(cx + k, cy - r, true),
        pt(cx + r, cy - k, true),
        pt(cx + r, cy, false),
    ]
}

pub(crate) struct PdfBackend<'a> {
    t: PdfTarget<'a>,
    at: Placement,
    size: (u32, u32),
    /// Points per pixel.
    s: f32,
}

type PdfResult = Result<(), DrawingErrorKind<Infallible>>;

impl<'a> PdfBackend<'a> {
    pub(crate) fn new(t: PdfTarget<'a>, at: Placement) -> Self {
        let px = |pt: f32| (f64::from(pt) * PX_PER_PT).round().max(1.0) as u32;
        PdfBackend {
            t,
            at,
            size: (px(at.width), px(at.height)),
            s: (1.0 / PX_PER_PT) as f32,
        }
    }

    /// plotters is y-down from the chart's top-left; PDF is y-up from the page's bottom-left.
    fn point(&self, (x, y): BackendCoord) -> Point {
        Point {
            x: Pt(self.at.left + x as f32 * self.s),
            y: Pt(self.at.top - y as f32 * self.s),
        }
    }

    /// Emits a group of ops in its own graphics state (so joins and alpha never leak), with an
    /// ExtGState when the colour is translucent. Fully transparent drawing is skipped.
    fn paint(&mut self, alpha: f64, group: impl FnOnce(&mut Vec<Op>)) {
        if alpha <= 0.0 {
            return;
        }
        let gs = (alpha < 0.999).then(|| self.t.alphas.get(self.t.doc, alpha));
        let ops = &mut *self.t.ops;
        ops.push(Op::SaveGraphicsState);
        if let Some(gs) = gs {
            ops.push(Op::LoadGraphicsState { gs });
        }
        group(ops);
        ops.push(Op::RestoreGraphicsState);
    }

    fn stroke_points<S: BackendStyle>(&mut self, points: &[BackendCoord], style: &S, closed: bool) {
        if points.len() < 2 {
            return;
        }
        let color = style.color();
        let width = Pt(style.stroke_width() as f32 * self.s);
        let line = Line {
            points: points
                .iter()
                .map(|p| LinePoint {
                    p: self.point(*p),
                    bezier: false,
                })
                .collect(),
            is_closed: closed,
        };
        self.paint(color.alpha, |ops| {
            ops.push(Op::SetLineJoinStyle {
                join: LineJoinStyle::Round,
            });
            ops.push(Op::SetOutlineColor {
                col: rgb(color.rgb),
            });
            ops.push(Op::SetOutlineThickness { pt: width });
            ops.push(Op::DrawLine { line });
        });
    }
}

impl DrawingBackend for PdfBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> PdfResult {
        Ok(())
    }
    fn present(&mut self) -> PdfResult {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> PdfResult {
        let p = self.point(point);
        let s = self.s;
        self.paint(color.alpha, |ops| {
            ops.push(Op::SetFillColor {
                col: rgb(color.rgb),
            });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: p.x,
                    y: Pt(p.y.0 - s),
                    width: Pt(s),
                    height: Pt(s),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
        });
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> PdfResult {
        self.stroke_points(&[from, to], style, false);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> PdfResult {
        let color = style.color();
        let (a, b) = (self.point(upper_left), self.point(bottom_right));
        let rectangle = Rect {
            x: Pt(a.x.0.min(b.x.0)),
            y: Pt(a.y.0.min(b.y.0)),
            width: Pt((b.x.0 - a.x.0).abs()),
            height: Pt((a.y.0 - b.y.0).abs()),
            mode: Some(if fill {
                PaintMode::Fill
            } else {
                PaintMode::Stroke
            }),
            winding_order: None,
        };
        let width = Pt(style.stroke_width() as f32 * self.s);
        self.paint(color.alpha, |ops| {
            set_paint(ops, fill, color.rgb, width);
            ops.push(Op::DrawRectangle { rectangle });
        });
        Ok(())
    }

    // Overridden: the default turns wide strokes into polygons.
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> PdfResult {
        let points: Vec<BackendCoord> = path.into_iter().collect();
        self.stroke_points(&points, style, false);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> PdfResult {
        let color = style.color();
        let points: Vec<LinePoint> = vert
            .into_iter()
            .map(|p| LinePoint {
                p: self.point(p),
                bezier: false,
            })
            .collect();
        if points.len() < 3 {
            return Ok(());
        }
        self.paint(color.alpha, |ops| {
            ops.push(Op::SetFillColor {
                col: rgb(color.rgb),
            });
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points }],
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            });
        });
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> PdfResult {
        let color = style.color();
        let c = self.point(center);
        let points = circle_points(c.x.0, c.y.0, radius as f32 * self.s);
        let width = Pt(style.stroke_width() as f32 * self.s);
        self.paint(color.alpha, |ops| {
            set_paint(ops, fill, color.rgb, width);
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![PolygonRing { points }],
                    mode: if fill {
                        PaintMode::Fill
                    } else {
                        PaintMode::Stroke
                    },
                    winding_order: WindingOrder::NonZero,
                },
            });
        });
        Ok(())
    }

    // Overridden: the default rasterises through a font feature this build does not have.
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> PdfResult {
        let size = style.size();
        let width = text_width(text, size);
        let anchor = style.anchor();
        // The anchor is resolved in the text's own, unrotated frame (y down) ...
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let dy = match anchor.v_pos {
            VPos::Top => ASCENT * size,
            VPos::Center => (ASCENT - DESCENT) / 2.0 * size,
            VPos::Bottom => -DESCENT * size,
        };
        // ... then turned like plotters turns text (RotateN is N degrees clockwise on screen),
        // which in PDF's y-up space is counter-clockwise by 360 − N.
        let (rx, ry, degrees) = match style.transform() {
            FontTransform::None => (dx, dy, 0.0f64),
            FontTransform::Rotate90 => (-dy, dx, 270.0),
            FontTransform::Rotate180 => (-dx, -dy, 180.0),
            FontTransform::Rotate270 => (dy, -dx, 90.0),
        };
        let origin = self.point((0, 0));
        let x = origin.x.0 + (f64::from(pos.0) + rx) as f32 * self.s;
        let y = origin.y.0 - (f64::from(pos.1) + ry) as f32 * self.s;
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (sin, cos) = (sin as f32, cos as f32);
        let matrix = TextMatrix::Raw([cos, sin, -sin, cos, x, y]);
        let color = style.color();
        let font = self.t.font.clone();
        let size_pt = size as f32 * self.s;
        self.paint(color.alpha, |ops| {
            push_text(ops, &font, size_pt, rgb(color.rgb), matrix, text)
        });
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        // Height is the ideographic em box (ascent + descent = 1 em).
        let size = style.size();
        Ok((text_width(text, size).ceil() as u32, size.round() as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;
    use plotters::style::text_anchor::Pos;
    // printpdf's `Color` (from `super::*`) shadows the prelude's trait of the same name.
    use plotters::style::Color as _;

    fn draw(
        f: impl FnOnce(&DrawingArea<PdfBackend<'_>, plotters::coord::Shift>),
    ) -> (Vec<Op>, usize) {
        let mut doc = PdfDocument::new("test");
        let font = doc.add_font(super::super::text::face());
        let mut alphas = AlphaStates::default();
        let mut ops = Vec::new();
        {
            let target = PdfTarget {
                doc: &mut doc,
                font: &font,
                alphas: &mut alphas,
                ops: &mut ops,
            };
            let at = Placement {
                left: 100.0,
                top: 700.0,
                width: 200.0,
                height: 100.0,
            };
            let root = PdfBackend::new(target, at).into_drawing_area();
            f(&root);
        }
        (ops, doc.resources.extgstates.map.len())
    }

    #[test]
    fn translucent_colours_share_one_state_per_alpha() {
        let (ops, states) = draw(|root| {
            root.draw(&Rectangle::new([(0, 0), (10, 10)], RED.mix(0.5).filled()))
                .expect("draw");
            root.draw(&Rectangle::new([(20, 0), (30, 10)], BLUE.mix(0.5).filled()))
                .expect("draw");
            root.draw(&Rectangle::new([(40, 0), (50, 10)], BLUE.mix(0.0).filled()))
                .expect("draw");
        });
        assert_eq!(states, 1);
        let loads = ops
            .iter()
            .filter(|op| matches!(op, Op::LoadGraphicsState { .. }))
            .count();
        assert_eq!(loads, 2, "the fully transparent rectangle is skipped");
    }

    #[test]
    fn coordinates_flip_and_rotated_text_reads_bottom_to_top() {
        let (ops, _) = draw(|root| {
            root.draw(&PathElement::new(vec![(0, 0), (200, 100)], BLACK))
                .expect("draw");
            let style = TextStyle::from(("Noto Sans SC", 20.0).into_font())
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Left, VPos::Bottom));
            root.draw_text("达标率", &style, (10, 50)).expect("text");
        });
        let line = ops.iter().find_map(|op| match op {
            Op::DrawLine { line } => Some(line.clone()),
            _ => None,
        });
        let points: Vec<(f32, f32)> = line
            .expect("a line")
            .points
            .iter()
            .map(|p| (p.p.x.0, p.p.y.0))
            .collect();
        // 2 px per pt, y down from the chart's top-left → y up from the page's bottom-left.
        assert_eq!(points, vec![(100.0, 700.0), (200.0, 650.0)]);
        let matrix = ops.iter().find_map(|op| match op {
            Op::SetTextMatrix {
                matrix: TextMatrix::Raw(m),
            } => Some(*m),
            _ => None,
        });
        let m = matrix.expect("a text matrix");
        // Counter-clockwise by 90°: cos 0, sin 1.
        assert!(m[0].abs() < 1e-6 && (m[1] - 1.0).abs() < 1e-6, "{m:?}");
        // Bottom-anchored: the text's "up" now points left on the page, so the baseline sits
        // one descent (0.12 em of 10 pt) left of the anchor at x = 100 + 10 px / 2.
        assert!((m[4] - (100.0 + 5.0 - 0.12 * 10.0)).abs() < 1e-3, "{m:?}");
        assert!((m[5] - 675.0).abs() < 1e-3, "{m:?}");
    }
}
