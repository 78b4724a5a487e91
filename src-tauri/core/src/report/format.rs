//! How numbers are written in every output (PDF, charts, CLI, UI tests): one place, so a figure
//! reads the same wherever a manager meets it.

/// What is printed for a figure that was not measured (nothing to measure), never `0`.
pub const NOT_MEASURED: &str = "—";

/// Rounds half away from zero to one decimal, as Excel's ROUND does (96.25 → 96.3), so a
/// manager's spreadsheet check agrees; plain `{:.1}` would round ties to even binary values.
fn one_decimal(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    // Avoid "-0.0" for tiny negatives.
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r:.1}")
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

/// A percentage (0–100) with one decimal: `96.3%`; `—` when not measured.
pub fn fmt_pct(v: Option<f64>) -> String {
    match finite(v) {
        Some(x) => format!("{}%", one_decimal(x)),
        None => NOT_MEASURED.to_string(),
    }
}

/// Hours with one decimal and no unit (column headers carry it): `12.5`; `—` when not measured.
pub fn fmt_hours(v: Option<f64>) -> String {
    match finite(v) {
        Some(x) => one_decimal(x),
        None => NOT_MEASURED.to_string(),
    }
}

/// A duration target as people say it: `15 分钟` / `15 min` under an hour, else hours without a
/// needless `.0` (`24 小时`, `1.5 小时` / `24 h`). Exact, so 15 minutes never reads as 0.3 h.
pub fn fmt_duration(minutes: i64, lang: super::Lang) -> String {
    let zh = lang == super::Lang::Zh;
    if minutes < 60 {
        return if zh {
            format!("{minutes} 分钟")
        } else {
            format!("{minutes} min")
        };
    }
    let hours = if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        one_decimal(minutes as f64 / 60.0)
    };
    if zh {
        format!("{hours} 小时")
    } else {
        format!("{hours} h")
    }
}

/// A count with thousands separators: `12,345`.
pub fn fmt_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    // Digits left before the next separator; the leading group may be short.
    let mut until_separator = match digits.len() % 3 {
        0 => 3,
        r => r,
    };
    for ch in digits.chars() {
        if until_separator == 0 {
            out.push(',');
            until_separator = 3;
        }
        out.push(ch);
        until_separator -= 1;
    }
    out
}

/// A count given as a float (chart values), rounded to a whole number.
pub fn fmt_count_f64(v: Option<f64>) -> String {
    match finite(v) {
        Some(x) if x >= 0.0 => fmt_count(x.round() as u64),
        Some(x) => format!("-{}", fmt_count((-x).round() as u64)),
        None => NOT_MEASURED.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fmt_pct(Some(96.25)), "96.3%");
        assert_eq!(fmt_pct(Some(100.0)), "100.0%");
        assert_eq!(fmt_pct(Some(0.0)), "0.0%");
        assert_eq!(fmt_pct(None), "—");
        assert_eq!(fmt_pct(Some(f64::NAN)), "—");
        assert_eq!(fmt_hours(Some(3.04)), "3.0");
        assert_eq!(fmt_hours(Some(-0.01)), "0.0");
        use crate::report::Lang;
        let cases = [
            (15, Lang::Zh, "15 分钟"),
            (60, Lang::Zh, "1 小时"),
            (90, Lang::Zh, "1.5 小时"),
            (1440, Lang::En, "24 h"),
            (45, Lang::En, "45 min"),
        ];
        for (minutes, lang, want) in cases {
            assert_eq!(fmt_duration(minutes, lang), want);
        }
        assert_eq!(fmt_count(0), "0");
        assert_eq!(fmt_count(999), "999");
        assert_eq!(fmt_count(1000), "1,000");
        assert_eq!(fmt_count(1234567), "1,234,567");
        assert_eq!(fmt_count_f64(Some(1234.4)), "1,234");
    }
}
