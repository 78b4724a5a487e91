//! Percentiles as Excel PERCENTILE.INC / numpy's default compute them.

/// `p` in 0..=1 over `sorted` values (ascending). `None` for no values.
pub fn percentile_inc(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = p.clamp(0.0, 1.0) * (n - 1) as f64;
    let lo = rank.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let frac = rank - lo as f64;
    Some(sorted[lo] + frac * (sorted[hi] - sorted[lo]))
}
