//! Service processes and the current-state assessment: the SOP library, the request process
//! measured step by step, the process map mined from status history, and the four-challenge
//! questionnaire. Pure: no SQL, no clock (see `store/process.rs` and `workspace/process.rs`).
//! The exact definitions are in SPEC.md, "Processes and current-state assessment".

pub mod assess;
pub mod charts;
pub mod defaults;
pub mod mining;
pub mod model;
pub mod steps;

pub use model::*;

/// The default library writes texts in both languages as "中文 / English". On paper, each
/// language shows its own half; a text without that shape (what a manager typed) shows whole.
pub fn in_lang(text: &str, lang: crate::report::Lang) -> &str {
    let cjk = |s: &str| {
        s.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c)
        })
    };
    for (i, _) in text.match_indices('/') {
        let (zh, en) = (text[..i].trim(), text[i + 1..].trim());
        if cjk(zh) && en.starts_with(|c: char| c.is_ascii_alphabetic()) && !cjk(en) {
            return match lang {
                crate::report::Lang::Zh => zh,
                crate::report::Lang::En => en,
            };
        }
    }
    text
}
