//! Any text as an iCalendar holiday file: holidays or a line-numbered error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = sqm_core::calendar::ics::holidays_from_ics(text);
    }
});
