//! Charts built from a quarter's metrics and drawn as SVG: labels, font family, gaps for
//! quarters without data.

use sqm_core::charts::{bars_svg, pack_charts, trend_svg, Series, TrendChart};
use sqm_core::metrics::Targets;
use sqm_core::report::Lang;

#[test]
fn pack_charts_follow_the_metrics() {
    let m = crate::report::metrics();
    let charts = pack_charts(&m, &Targets::default(), Lang::Zh);
    assert_eq!(
        charts.response.x_labels,
        ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3"]
    );
    assert_eq!(
        charts.response.series[0].values,
        [Some(91.2), Some(92.8), Some(93.5), Some(94.6)]
    );
    assert_eq!(
        charts.response.target,
        Some(("目标 95.0%".to_string(), 95.0))
    );
    // 2026 Q1 had no satisfaction responses: a gap, not a zero.
    assert_eq!(charts.satisfaction.series[0].values[1], None);
    assert_eq!(charts.volume.labels.len(), 8);
    assert_eq!(charts.volume.values[0], Some(1240.0));

    let en = pack_charts(&m, &Targets::default(), Lang::En);
    assert_eq!(
        en.resolution.target,
        Some(("Target 90.0%".to_string(), 90.0))
    );
}

#[test]
fn trend_svg_names_the_font_and_labels() {
    let m = crate::report::metrics();
    let charts = pack_charts(&m, &Targets::default(), Lang::Zh);
    let svg = trend_svg(&charts.satisfaction, 720, 360);
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("Noto Sans SC"));
    assert!(
        svg.contains("用户满意度（CSAT）"),
        "series label in the legend"
    );
    assert!(svg.contains("目标 80.0%"));
    assert!(svg.contains("83.9%"), "value label of the last quarter");
    assert!(svg.contains("2026 Q3"));
    // The gap quarter has no value label, so no 0.0% anywhere.
    assert!(!svg.contains(">0.0%<"));

    let bars = bars_svg(&charts.volume, 720, 300);
    assert!(bars.contains("桌面支持") && bars.contains("1,240"));
    assert!(bars.contains("Noto Sans SC"));
}

#[test]
fn a_series_without_any_value_still_draws() {
    let chart = TrendChart {
        title: "Empty".into(),
        y_label: "%".into(),
        x_labels: vec!["2026 Q1".into(), "2026 Q2".into()],
        series: vec![Series {
            label: "nothing".into(),
            values: vec![None, None],
        }],
        target: None,
        percent: true,
    };
    let svg = trend_svg(&chart, 400, 200);
    assert!(svg.contains("nothing") && svg.contains("2026 Q2"));
}
