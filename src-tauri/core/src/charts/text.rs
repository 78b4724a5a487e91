//! Text measurement by the bundled font's glyph advances. The SVG charts, the PDF chart backend and
//! the report layout all measure with this, so what is laid out is what gets drawn.

use printpdf::ParsedFont;
use std::sync::OnceLock;

/// Ideographic em box of Noto CJK (its OS/2 typo ascender/descender, which printpdf does not
/// expose). With the hhea values (1.160 / 0.288) top-anchored text sits visibly too low.
pub const ASCENT: f64 = 0.88;
pub const DESCENT: f64 = 0.12;

/// The bundled font, parsed once per process (about 15 ms for the 8 MB OTF).
pub fn face() -> &'static ParsedFont {
    static FACE: OnceLock<ParsedFont> = OnceLock::new();
    FACE.get_or_init(|| {
        let mut warnings = Vec::new();
        ParsedFont::from_bytes(crate::fonts::NOTO_SANS_SC, 0, &mut warnings)
            .expect("the bundled Noto Sans SC is a valid OpenType font")
    })
}

/// Advance width of `text` set at `size` (the result is in the unit of `size`). Sums hmtx
/// advances: no kerning or shaping, which is exact for CJK and close for Latin digits and words.
pub fn text_width(text: &str, size: f64) -> f64 {
    let font = face();
    let units_per_em = f64::from(font.font_metrics.units_per_em.max(1));
    let units: u64 = text
        .chars()
        .map(|c| {
            // A character the font lacks is drawn as .notdef (glyph 0), so measure that.
            let gid = font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
            u64::from(font.get_horizontal_advance(gid))
        })
        .sum();
    units as f64 / units_per_em * size
}
