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

/// The same as [`percentile_inc`] on unsorted `values`, in linear time: the two closest ranks
/// are selected (`select_nth_unstable`) instead of sorting everything. Reorders `values`.
pub fn percentile_inc_select(values: &mut [f64], p: f64) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let rank = p.clamp(0.0, 1.0) * (n - 1) as f64;
    let lo = rank.floor() as usize;
    let (_, &mut low, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let high = if lo + 1 < n {
        above.iter().copied().min_by(f64::total_cmp).unwrap_or(low)
    } else {
        low
    };
    let frac = rank - lo as f64;
    Some(low + frac * (high - low))
}
