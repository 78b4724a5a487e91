//! The bundled CJK font (Noto Sans SC, SIL OFL 1.1; licence beside the file). Charts and PDFs
//! use only this font, never the system's, so output is the same on every machine.

pub const NOTO_SANS_SC: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular.otf");
/// The family name the font declares; SVG charts name it so the webview's @font-face matches.
pub const FAMILY: &str = "Noto Sans SC";
