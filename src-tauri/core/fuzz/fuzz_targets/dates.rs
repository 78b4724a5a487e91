//! Any text as a date-time in each field order: a date or None, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sqm_core::import::{parse_date, DateOrder};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for order in [DateOrder::Ymd, DateOrder::Dmy, DateOrder::Mdy] {
            let _ = parse_date(text, order);
        }
    }
});
