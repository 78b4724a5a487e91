//! Worked examples for the cost–benefit finance module (`finance.rs`).
//!
//! Every expected figure below was computed independently of the Rust code by
//! `worked_examples.py` (kept beside this file as tests/fixtures/costbenefit/worked_examples.py):
//! once "by hand" in exact rational arithmetic straight from the definitions, and once with
//! numpy-financial 1.0.0 (`npf.npv(rate, flows)` for t = 0..H and `npf.irr(flows)`); the script
//! asserts the two agree. Its output, verbatim (`python worked_examples.py`):
//!
//! ```text
//! == case1_positive: horizon 3, rate 0.08
//!    costs    [5000000, 500000, 500000, 500000]
//!    benefits [0, 2800000, 2800000, 2800000]
//!    benefit  [0, 1800000, 1800000, 1800000]  <- Password resets
//!    benefit  [0, 1000000, 1000000, 1000000]  <- Fewer escalations
//!    net      [-5000000, 2300000, 2300000, 2300000]
//!    cum      [-5000000, -2700000, -400000, 1900000]
//!    disc     [-5000000, 2129630, 1971879, 1825814]
//!    cum_disc [-5000000, -2870370, -898491, 927323]
//!    by hand: NPV = 927323.070670 -> 927323 cents
//!    numpy-financial 1.0.0: npf.npv(0.08, [-5000000, 2300000, 2300000, 2300000]) = np.float64(927323.0706701211)
//!    totals: cost 6500000, benefit 8400000, net 1900000, ROI % 29.23076923076923
//!    sign changes 1; by hand IRR (bisection) = 0.18010334667230932; npf.irr = 0.18010334667230943
//!    payback 2.1739130434782608; discounted payback 2.4921043435968833
//! == case2_negative: horizon 5, rate 0.1
//!    costs    [8000000, 200000, 500000, 500000, 500000, 200000]
//!    benefits [0, 100000, 1600000, 1600000, 1600000, 1600000]
//!    benefit  [0, 0, 1500000, 1500000, 1500000, 1500000]  <- Licence consolidation
//!    benefit  [0, 100000, 100000, 100000, 100000, 100000]  <- Wrong-asset complaints
//!    net      [-8000000, -100000, 1100000, 1100000, 1100000, 1400000]
//!    cum      [-8000000, -8100000, -7000000, -5900000, -4800000, -3400000]
//!    disc     [-8000000, -90909, 909091, 826446, 751315, 869290]
//!    cum_disc [-8000000, -8090909, -7181818, -6355372, -5604057, -4734767]
//!    by hand: NPV = -4734767.247642 -> -4734767 cents
//!    numpy-financial 1.0.0: npf.npv(0.1, [-8000000, -100000, 1100000, 1100000, 1100000, 1400000]) = np.float64(-4734767.247642052)
//!    totals: cost 9900000, benefit 6500000, net -3400000, ROI % -34.343434343434346
//!    sign changes 1; by hand IRR (bisection) = -0.13755594893615636; npf.irr = -0.1375559489361564
//!    payback None; discounted payback None
//! == case3a_all_positive: horizon 2, rate 0.08
//!    costs    [0, 0, 0]
//!    benefits [0, 100000, 100000]
//!    benefit  [0, 100000, 100000]  <- Free upgrade
//!    net      [0, 100000, 100000]
//!    cum      [0, 100000, 200000]
//!    disc     [0, 92593, 85734]
//!    cum_disc [0, 92593, 178326]
//!    by hand: NPV = 178326.474623 -> 178326 cents
//!    numpy-financial 1.0.0: npf.npv(0.08, [0, 100000, 100000]) = np.float64(178326.4746227709)
//!    totals: cost 0, benefit 200000, net 200000, ROI % None
//!    sign changes 0; by hand IRR (bisection) = None; npf.irr = nan
//!    payback 0.0; discounted payback 0.0
//! == case3b_all_negative: horizon 2, rate 0.08
//!    costs    [100000, 10000, 10000]
//!    benefits [0, 0, 0]
//!    net      [-100000, -10000, -10000]
//!    cum      [-100000, -110000, -120000]
//!    disc     [-100000, -9259, -8573]
//!    cum_disc [-100000, -109259, -117833]
//!    by hand: NPV = -117832.647462 -> -117833 cents
//!    numpy-financial 1.0.0: npf.npv(0.08, [-100000, -10000, -10000]) = np.float64(-117832.64746227709)
//!    totals: cost 120000, benefit 0, net -120000, ROI % -100.0
//!    sign changes 0; by hand IRR (bisection) = None; npf.irr = nan
//!    payback None; discounted payback None
//! == case3c_irr_above_bracket: horizon 1, rate 0.08
//!    costs    [1, 0]
//!    benefits [0, 1000000]
//!    benefit  [0, 1000000]  <- Windfall
//!    net      [-1, 1000000]
//!    cum      [-1, 999999]
//!    disc     [-1, 925926]
//!    cum_disc [-1, 925925]
//!    by hand: NPV = 925924.925926 -> 925925 cents
//!    numpy-financial 1.0.0: npf.npv(0.08, [-1, 1000000]) = np.float64(925924.9259259258)
//!    totals: cost 1, benefit 1000000, net 999999, ROI % 99999900.0
//!    sign changes 1; by hand IRR (bisection) = None; npf.irr = 999999.0
//!    payback 1e-06; discounted payback 1.0799999136000068e-06
//! == case3d_irr_below_bracket: horizon 1, rate 0.08
//!    costs    [1000000, 0]
//!    benefits [0, 1]
//!    benefit  [0, 1]  <- Scrap value
//!    net      [-1000000, 1]
//!    cum      [-1000000, -999999]
//!    disc     [-1000000, 1]
//!    cum_disc [-1000000, -999999]
//!    by hand: NPV = -999999.074074 -> -999999 cents
//!    numpy-financial 1.0.0: npf.npv(0.08, [-1000000, 1]) = np.float64(-999999.074074074)
//!    totals: cost 1000000, benefit 1, net -999999, ROI % -99.9999
//!    sign changes 1; by hand IRR (bisection) = None; npf.irr = -0.999999
//!    payback None; discounted payback None
//! == case4_discounted_payback_beyond_horizon: horizon 3, rate 0.1
//!    costs    [1000000, 0, 0, 0]
//!    benefits [0, 350000, 350000, 350000]
//!    benefit  [0, 350000, 350000, 350000]  <- Outage hours avoided
//!    net      [-1000000, 350000, 350000, 350000]
//!    cum      [-1000000, -650000, -300000, 50000]
//!    disc     [-1000000, 318182, 289256, 262960]
//!    cum_disc [-1000000, -681818, -392562, -129602]
//!    by hand: NPV = -129601.803156 -> -129602 cents
//!    numpy-financial 1.0.0: npf.npv(0.1, [-1000000, 350000, 350000, 350000]) = np.float64(-129601.80315552233)
//!    totals: cost 1000000, benefit 1050000, net 50000, ROI % 5.0
//!    sign changes 1; by hand IRR (bisection) = 0.02479754761922115; npf.irr = 0.02479754761922126
//!    payback 2.857142857142857; discounted payback None
//! == case5_payback_on_year_boundary: horizon 4, rate 0.05
//!    costs    [3000000, 0, 0, 0, 0]
//!    benefits [0, 1000000, 1000000, 1000000, 1000000]
//!    benefit  [0, 1000000, 1000000, 1000000, 1000000]  <- Faster diagnosis
//!    net      [-3000000, 1000000, 1000000, 1000000, 1000000]
//!    cum      [-3000000, -2000000, -1000000, 0, 1000000]
//!    disc     [-3000000, 952381, 907029, 863838, 822702]
//!    cum_disc [-3000000, -2047619, -1140590, -276752, 545951]
//!    by hand: NPV = 545950.504162 -> 545951 cents
//!    numpy-financial 1.0.0: npf.npv(0.05, [-3000000, 1000000, 1000000, 1000000, 1000000]) = np.float64(545950.50416236)
//!    totals: cost 3000000, benefit 4000000, net 1000000, ROI % 33.333333333333336
//!    sign changes 1; by hand IRR (bisection) = 0.12589832496244313; npf.irr = 0.12589832496244302
//!    payback 3.0; discounted payback 3.336393570948447
//! == case6_zero_rate: horizon 3, rate 0.0
//!    costs    [5000000, 500000, 500000, 500000]
//!    benefits [0, 2800000, 2800000, 2800000]
//!    benefit  [0, 1800000, 1800000, 1800000]  <- Password resets
//!    benefit  [0, 1000000, 1000000, 1000000]  <- Fewer escalations
//!    net      [-5000000, 2300000, 2300000, 2300000]
//!    cum      [-5000000, -2700000, -400000, 1900000]
//!    disc     [-5000000, 2300000, 2300000, 2300000]
//!    cum_disc [-5000000, -2700000, -400000, 1900000]
//!    by hand: NPV = 1900000.000000 -> 1900000 cents
//!    numpy-financial 1.0.0: npf.npv(0.0, [-5000000, 2300000, 2300000, 2300000]) = np.float64(1900000.0)
//!    totals: cost 6500000, benefit 8400000, net 1900000, ROI % 29.23076923076923
//!    sign changes 1; by hand IRR (bisection) = 0.18010334667230932; npf.irr = 0.18010334667230943
//!    payback 2.1739130434782608; discounted payback 2.1739130434782608
//! == case7_multiple_sign_changes: horizon 2, rate 0.08
//!    costs    [1000000, 0, 3620000]
//!    benefits [0, 2300000, 2300000]
//!    benefit  [0, 2300000, 2300000]  <- Pilot savings
//!    net      [-1000000, 2300000, -1320000]
//!    cum      [-1000000, 1300000, -20000]
//!    disc     [-1000000, 2129630, -1131687]
//!    cum_disc [-1000000, 1129630, -2058]
//!    by hand: NPV = -2057.613169 -> -2058 cents
//!    numpy-financial 1.0.0: npf.npv(0.08, [-1000000, 2300000, -1320000]) = np.float64(-2057.613168724114)
//!    totals: cost 4620000, benefit 4600000, net -20000, ROI % -0.4329004329004329
//!    sign changes 2; by hand IRR (bisection) = 0.09999999999999953; npf.irr = 0.09999999999999942
//!    payback None; discounted payback None
//! == case7b_cumulative_dips_again: horizon 3, rate 0.08
//!    costs    [1000000, 0, 2500000, 500000]
//!    benefits [0, 1500000, 1500000, 1500000]
//!    benefit  [0, 1500000, 1500000, 1500000]  <- Savings
//!    net      [-1000000, 1500000, -1000000, 1000000]
//!    cum      [-1000000, 500000, -500000, 500000]
//!    disc     [-1000000, 1388889, -857339, 793832]
//!    cum_disc [-1000000, 388889, -468450, 325382]
//!    by hand: NPV = 325382.309607 -> 325382 cents
//!    numpy-financial 1.0.0: npf.npv(0.08, [-1000000, 1500000, -1000000, 1000000]) = np.float64(325382.3096072752)
//!    totals: cost 4000000, benefit 4500000, net 500000, ROI % 12.5
//!    sign changes 3; by hand IRR (bisection) = 0.31718264650677164; npf.irr = 0.31718264650677197
//!    payback 2.5; discounted payback 2.5901122655675257
//! == case8_exact_cents: horizon 1, rate 0.0
//!    costs    [0, 0]
//!    benefits [0, 205757]
//!    benefit  [0, 205750]  <- Exact
//!    benefit  [0, 3]  <- Half complaint
//!    benefit  [0, 1]  <- Half cent
//!    benefit  [0, 3]  <- Two and a half
//!    net      [0, 205757]
//!    cum      [0, 205757]
//!    disc     [0, 205757]
//!    cum_disc [0, 205757]
//!    by hand: NPV = 205757.000000 -> 205757 cents
//!    numpy-financial 1.0.0: npf.npv(0.0, [0, 205757]) = np.float64(205757.0)
//!    totals: cost 0, benefit 205757, net 205757, ROI % None
//!    sign changes 0; by hand IRR (bisection) = None; npf.irr = nan
//!    payback 0.0; discounted payback 0.0
//! == case8b_half_cent_discounted: horizon 1, rate 1.0
//!    costs    [0, 0]
//!    benefits [0, 1]
//!    benefit  [0, 1]  <- Cent
//!    net      [0, 1]
//!    cum      [0, 1]
//!    disc     [0, 1]
//!    cum_disc [0, 1]
//!    by hand: NPV = 0.500000 -> 1 cents
//!    numpy-financial 1.0.0: npf.npv(1.0, [0, 1]) = np.float64(0.5)
//!    totals: cost 0, benefit 1, net 1, ROI % None
//!    sign changes 0; by hand IRR (bisection) = None; npf.irr = nan
//!    payback 0.0; discounted payback 0.0
//! == case8c_half_cent_negative: horizon 1, rate 1.0
//!    costs    [0, 1]
//!    benefits [0, 0]
//!    net      [0, -1]
//!    cum      [0, -1]
//!    disc     [0, -1]
//!    cum_disc [0, -1]
//!    by hand: NPV = -0.500000 -> -1 cents
//!    numpy-financial 1.0.0: npf.npv(1.0, [0, -1]) = np.float64(-0.5)
//!    totals: cost 1, benefit 0, net -1, ROI % -100.0
//!    sign changes 0; by hand IRR (bisection) = None; npf.irr = nan
//!    payback None; discounted payback None
//! == case12_thirty_years: horizon 30, rate 0.08
//!    costs    [10150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 2650000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000, 150000]
//!    benefits [0, 416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663, 2416663]
//!    benefit  [0, 0, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000]  <- Automated triage
//!    benefit  [0, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663, 416663]  <- Missed SLAs
//!    net      [-10150000, 266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, -233337, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663]
//!    cum      [-10150000, -9883337, -7616674, -5350011, -3083348, -816685, 1449978, 3716641, 5983304, 8249967, 10516630, 12783293, 15049956, 17316619, 19583282, 19349945, 21616608, 23883271, 26149934, 28416597, 30683260, 32949923, 35216586, 37483249, 39749912, 42016575, 44283238, 46549901, 48816564, 51083227, 53349890]
//!    disc     [-10150000, 246910, 1943298, 1799350, 1666065, 1542653, 1428382, 1322576, 1224607, 1133896, 1049904, 972133, 900123, 833447, 771710, -73558, 661617, 612609, 567230, 525213, 486308, 450286, 416931, 386047, 357451, 330973, 306457, 283756, 262737, 243275, 225255]
//!    cum_disc [-10150000, -9903090, -7959792, -6160441, -4494376, -2951724, -1523342, -200765, 1023842, 2157738, 3207641, 4179774, 5079897, 5913345, 6685055, 6611498, 7273115, 7885723, 8452954, 8978167, 9464475, 9914761, 10331692, 10717739, 11075191, 11406164, 11712621, 11996377, 12259115, 12502390, 12727645]
//!    by hand: NPV = 12727644.851617 -> 12727645 cents
//!    numpy-financial 1.0.0: npf.npv(0.08, [-10150000, 266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, -233337, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663, 2266663]) = np.float64(12727644.851616776)
//!    totals: cost 17150000, benefit 70499890, net 53349890, ROI % 311.07807580174926
//!    sign changes 3; by hand IRR (bisection) = 0.18741587605089804; npf.irr = 0.1874158760508977
//!    payback 5.360302788725099; discounted payback 7.163942391314111
//! == sensitivity of case 1, swing 0.2 (npv_low, npv_high in cents)
//!    PV(time saved) = 4638774.577046; PV(complaints) = 2577096.987248
//!    benefit.0.hourly_cost        base       9000.0  low      -432  high   1855078  width 1855510
//!    benefit.0.minutes            base          6.0  low      -432  high   1855078  width 1855510
//!    benefit.0.requests           base       2000.0  low      -432  high   1855078  width 1855510
//!    cost.tool_purchase           base    3000000.0  low   1527323  high    327323  width -1200000
//!    benefit.1.complaints         base         40.0  low    411904  high   1442742  width 1030838
//!    benefit.1.cost_per_complaint base      25000.0  low    411904  high   1442742  width 1030838
//!    cost.training                base    2000000.0  low   1327323  high    527323  width -800000
//!    cost.tool_maintenance        base    1500000.0  low   1185033  high    669613  width -515420
//!    discount_rate                base         0.08  low   1102710  high    760280  width -342430
//!    discount rate: npf.npv(0.064, net) = np.float64(1102710.4903986452); npf.npv(0.096, net) = np.float64(760279.7048868814)
//! == break-even of case1_positive
//!    benefit.0.minutes            base        6.0  break-even 4.800558567438804
//!    benefit.0.requests           base     2000.0  break-even 1600.186189146268
//!    benefit.1.complaints         base       40.0  break-even 25.60670280926565
//!    cost.training                base    2000000  break-even 2927323.0706701213
//!    cost.tool_purchase           base    3000000  break-even 3927323.0706701213
//!    cost.tool_maintenance        base    1500000  break-even 2579497.2893050765
//! == break-even of case2_negative
//!    benefit.1.complaints         base       10.0  break-even 134.90196720774435
//!    cost.tool_purchase           base    8000000  break-even 3265232.7523579486
//!    cost.tool_maintenance        base     900000  break-even None
//!    cost.process_time            base    1000000  break-even None
//! ```

use sqm_core::costbenefit::finance::*;

// ---------------------------------------------------------------------------------------------
// Building cases

fn params(horizon_years: u32, discount_rate: f64) -> Params {
    Params {
        horizon_years,
        discount_rate,
    }
}

fn one_off(category: CostCategory, label: &str, amount_cents: i64, year: u32) -> CostItem {
    CostItem {
        category,
        label: label.to_owned(),
        amount_cents,
        recurring: false,
        from_year: year,
        to_year: None,
    }
}

fn recurring(
    category: CostCategory,
    label: &str,
    amount_cents: i64,
    from_year: u32,
    to_year: Option<u32>,
) -> CostItem {
    CostItem {
        category,
        label: label.to_owned(),
        amount_cents,
        recurring: true,
        from_year,
        to_year,
    }
}

fn time_saved(
    label: &str,
    minutes: f64,
    requests: f64,
    hourly_cents: i64,
    from_year: u32,
) -> BenefitDriver {
    BenefitDriver::TimeSaved {
        label: label.to_owned(),
        minutes_saved_per_request: minutes,
        requests_per_year: requests,
        hourly_cost_cents: hourly_cents,
        from_year,
    }
}

fn complaints(label: &str, per_year: f64, cost_cents: i64, from_year: u32) -> BenefitDriver {
    BenefitDriver::ComplaintsAvoided {
        label: label.to_owned(),
        complaints_avoided_per_year: per_year,
        cost_per_complaint_cents: cost_cents,
        from_year,
    }
}

fn other(label: &str, amount_cents: i64, from_year: u32) -> BenefitDriver {
    BenefitDriver::Other {
        label: label.to_owned(),
        amount_per_year_cents: amount_cents,
        note: String::new(),
        from_year,
    }
}

use CostCategory::*;

/// (1) One-off training + tool purchase in year 0, annual maintenance, a time-saved and a
/// complaints driver, 3 years at 8 %.
fn case1() -> Case {
    Case {
        params: params(3, 0.08),
        costs: vec![
            one_off(Training, "Agent training", 2_000_000, 0),
            one_off(ToolPurchase, "Self-service portal", 3_000_000, 0),
            recurring(ToolMaintenance, "Portal maintenance", 500_000, 1, None),
        ],
        benefits: vec![
            // 6 min ÷ 60 × 2000 × 9000 ¢/h = 1 800 000 ¢ a year
            time_saved("Password resets", 6.0, 2000.0, 9000, 1),
            // 40 × 25 000 ¢ = 1 000 000 ¢ a year
            complaints("Fewer escalations", 40.0, 25_000, 1),
        ],
    }
}

/// (2) Negative NPV; recurring cost with to_year < horizon; drivers from year 1 and 2.
fn case2() -> Case {
    Case {
        params: params(5, 0.10),
        costs: vec![
            one_off(ToolPurchase, "CMDB licence", 8_000_000, 0),
            recurring(ProcessTime, "Data upkeep", 200_000, 1, None),
            recurring(ToolMaintenance, "Support contract", 300_000, 2, Some(4)),
        ],
        benefits: vec![
            other("Licence consolidation", 1_500_000, 2),
            complaints("Wrong-asset complaints", 10.0, 10_000, 1),
        ],
    }
}

/// (3a) No costs: every flow ≥ 0.
fn case3a() -> Case {
    Case {
        params: params(2, 0.08),
        costs: vec![],
        benefits: vec![other("Free upgrade", 100_000, 1)],
    }
}

/// (3b) Costs only: every flow ≤ 0.
fn case3b() -> Case {
    Case {
        params: params(2, 0.08),
        costs: vec![
            one_off(Training, "Course", 100_000, 0),
            recurring(ToolMaintenance, "Upkeep", 10_000, 1, None),
        ],
        benefits: vec![],
    }
}

/// (3c) A sign change, but the root (999 999) is above the searched range.
fn case3c() -> Case {
    Case {
        params: params(1, 0.08),
        costs: vec![one_off(Other, "Stamp", 1, 0)],
        benefits: vec![other("Windfall", 1_000_000, 1)],
    }
}

/// (3d) A sign change, but the root (−0.999999) is below the searched range.
fn case3d() -> Case {
    Case {
        params: params(1, 0.08),
        costs: vec![one_off(ToolPurchase, "Server", 1_000_000, 0)],
        benefits: vec![other("Scrap value", 1, 1)],
    }
}

/// (4) Simple payback inside the horizon, discounted payback beyond it.
fn case4() -> Case {
    Case {
        params: params(3, 0.10),
        costs: vec![one_off(ToolPurchase, "Monitoring suite", 1_000_000, 0)],
        benefits: vec![other("Outage hours avoided", 350_000, 1)],
    }
}

/// (5) Payback exactly at the end of year 3: 30 min ÷ 60 × 400 × 5000 ¢/h = 1 000 000 ¢ a year.
fn case5() -> Case {
    Case {
        params: params(4, 0.05),
        costs: vec![one_off(ToolPurchase, "Knowledge base", 3_000_000, 0)],
        benefits: vec![time_saved("Faster diagnosis", 30.0, 400.0, 5000, 1)],
    }
}

/// (6) Case 1 at 0 %: NPV = undiscounted net.
fn case6() -> Case {
    Case {
        params: params(3, 0.0),
        ..case1()
    }
}

/// (7) Flows −1 000 000, +2 300 000, −1 320 000: roots 10 % and 20 %.
fn case7() -> Case {
    Case {
        params: params(2, 0.08),
        costs: vec![
            one_off(ToolPurchase, "Pilot", 1_000_000, 0),
            one_off(Other, "Decommissioning", 3_620_000, 2),
        ],
        benefits: vec![other("Pilot savings", 2_300_000, 1)],
    }
}

/// (7b) Flows −1 000 000, +1 500 000, −1 000 000, +1 000 000: the cumulative dips below zero
/// again, so payback is the last crossing (2.5), not the first (0.67).
fn case7b() -> Case {
    Case {
        params: params(3, 0.08),
        costs: vec![
            one_off(ToolPurchase, "Pilot", 1_000_000, 0),
            one_off(Other, "Re-platforming", 2_500_000, 2),
            recurring(ProcessTime, "Operations", 500_000, 3, Some(3)),
        ],
        benefits: vec![other("Savings", 1_500_000, 1)],
    }
}

/// (8) Exact cents and halves, at 0 % so the yearly amounts show through.
fn case8() -> Case {
    Case {
        params: params(1, 0.0),
        costs: vec![],
        benefits: vec![
            // 1 × 1000 × 12 345 ÷ 60 = 205 750 exactly
            time_saved("Exact", 1.0, 1000.0, 12_345, 1),
            // 2.5 × 1 = 2.5 → 3 (half away from zero; banker's rounding would give 2)
            complaints("Half complaint", 2.5, 1, 1),
            // 3 × 1 × 10 ÷ 60 = 0.5 → 1
            time_saved("Half cent", 3.0, 1.0, 10, 1),
            // 1.5 × 100 × 1 ÷ 60 = 2.5 → 3
            time_saved("Two and a half", 1.5, 100.0, 1, 1),
        ],
    }
}

/// (8b) 1 cent in year 1 at 100 % is worth 0.5 → 1 cent today.
fn case8b() -> Case {
    Case {
        params: params(1, 1.0),
        costs: vec![],
        benefits: vec![other("Cent", 1, 1)],
    }
}

/// (8c) A 1-cent cost in year 1 at 100 %: −0.5 → −1 cent.
fn case8c() -> Case {
    Case {
        params: params(1, 1.0),
        costs: vec![recurring(Other, "Cent", 1, 1, None)],
        benefits: vec![],
    }
}

/// (12) The longest horizon: 30 years at 8 %; 12.5 × 33 333 = 416 662.5 → 416 663 a year.
fn case12() -> Case {
    Case {
        params: params(30, 0.08),
        costs: vec![
            one_off(ToolPurchase, "ITSM platform", 10_000_000, 0),
            recurring(Training, "Refresher courses", 150_000, 0, None),
            one_off(ToolMaintenance, "Upgrade", 2_500_000, 15),
        ],
        benefits: vec![
            time_saved("Automated triage", 5.0, 3000.0, 8000, 2),
            complaints("Missed SLAs", 12.5, 33_333, 1),
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// Expected figures (from worked_examples.py; see the top of this file)

struct Expected {
    costs: &'static [i64],
    benefits: &'static [i64],
    net: &'static [i64],
    cumulative: &'static [i64],
    discounted: &'static [i64],
    cumulative_discounted: &'static [i64],
    total_cost: i64,
    total_benefit: i64,
    roi_pct: Option<f64>,
    npv: i64,
    /// `Some((rate, multiple))`, or `None` for no IRR.
    irr: Option<(f64, bool)>,
    payback: Option<f64>,
    discounted_payback: Option<f64>,
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * b.abs().max(1.0)
}

fn close_opt(a: Option<f64>, b: Option<f64>, tolerance: f64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b, tolerance),
        (None, None) => true,
        _ => false,
    }
}

fn check(name: &str, case: Case, want: Expected) -> Evaluation {
    let got = evaluate(&case).unwrap_or_else(|e| panic!("{name}: {e}"));
    let column = |f: fn(&YearFlow) -> i64| got.flows.iter().map(f).collect::<Vec<_>>();
    assert_eq!(
        got.flows.iter().map(|f| f.year).collect::<Vec<_>>(),
        (0..=case.params.horizon_years).collect::<Vec<_>>(),
        "{name}: years"
    );
    assert_eq!(column(|f| f.cost_cents), want.costs, "{name}: costs");
    assert_eq!(
        column(|f| f.benefit_cents),
        want.benefits,
        "{name}: benefits"
    );
    assert_eq!(column(|f| f.net_cents), want.net, "{name}: net");
    assert_eq!(
        column(|f| f.cumulative_cents),
        want.cumulative,
        "{name}: cumulative"
    );
    assert_eq!(
        column(|f| f.discounted_net_cents),
        want.discounted,
        "{name}: discounted"
    );
    assert_eq!(
        column(|f| f.cumulative_discounted_cents),
        want.cumulative_discounted,
        "{name}: cumulative discounted"
    );
    assert_eq!(got.total_cost_cents, want.total_cost, "{name}: total cost");
    assert_eq!(
        got.total_benefit_cents, want.total_benefit,
        "{name}: total benefit"
    );
    assert_eq!(
        got.net_benefit_cents,
        want.total_benefit - want.total_cost,
        "{name}: net"
    );
    assert!(
        close_opt(got.roi_pct, want.roi_pct, 1e-12),
        "{name}: ROI {:?}",
        got.roi_pct
    );
    assert_eq!(got.npv_cents, want.npv, "{name}: NPV");
    match (&got.irr, want.irr) {
        (Irr::Rate { rate, multiple }, Some((want_rate, want_multiple))) => {
            assert!(
                close(*rate, want_rate, 1e-9),
                "{name}: IRR {rate} vs {want_rate}"
            );
            assert_eq!(*multiple, want_multiple, "{name}: IRR multiple");
        }
        (Irr::None { .. }, None) => {}
        (irr, want) => panic!("{name}: IRR {irr:?}, want {want:?}"),
    }
    assert!(
        close_opt(got.payback_years, want.payback, 1e-12),
        "{name}: payback {:?} vs {:?}",
        got.payback_years,
        want.payback
    );
    assert!(
        close_opt(got.discounted_payback_years, want.discounted_payback, 1e-12),
        "{name}: discounted payback {:?} vs {:?}",
        got.discounted_payback_years,
        want.discounted_payback
    );
    got
}

fn irr_reason(evaluation: &Evaluation) -> &str {
    match &evaluation.irr {
        Irr::None { reason } => reason,
        Irr::Rate { rate, .. } => panic!("an IRR of {rate}"),
    }
}

const NO_BRACKET: &str =
    "the cash flows change sign, but no discount rate between -99% and 10000% makes the NPV zero";

// ---------------------------------------------------------------------------------------------
// Worked examples

#[test]
fn case1_plain_positive() {
    let got = check(
        "case1",
        case1(),
        Expected {
            costs: &[5_000_000, 500_000, 500_000, 500_000],
            benefits: &[0, 2_800_000, 2_800_000, 2_800_000],
            net: &[-5_000_000, 2_300_000, 2_300_000, 2_300_000],
            cumulative: &[-5_000_000, -2_700_000, -400_000, 1_900_000],
            // 2 300 000 / 1.08 = 2 129 629.63; / 1.08² = 1 971 879.29; / 1.08³ = 1 825 814.16
            discounted: &[-5_000_000, 2_129_630, 1_971_879, 1_825_814],
            cumulative_discounted: &[-5_000_000, -2_870_370, -898_491, 927_323],
            total_cost: 6_500_000,
            total_benefit: 8_400_000,
            // by hand: 1 900 000 / 6 500 000 × 100
            roi_pct: Some(29.230_769_230_769_23),
            // numpy-financial 1.0.0: npf.npv(0.08, [-5000000, 2300000, 2300000, 2300000])
            //   = 927323.0706701211; by hand (exact fractions): 927323.070670 → 927 323
            npv: 927_323,
            // npf.irr(...) = 0.18010334667230943; by hand (bisection) 0.18010334667230932
            irr: Some((0.180_103_346_672_309_43, false)),
            // by hand: 2 + 400 000 / 2 300 000
            payback: Some(2.173_913_043_478_260_8),
            // by hand: 2 + 898 491 / (927 323 + 898 491)
            discounted_payback: Some(2.492_104_343_596_883_3),
        },
    );
    assert_eq!(
        got.cost_by_category,
        vec![
            CategoryCost {
                category: Training,
                cents: 2_000_000
            },
            CategoryCost {
                category: ToolPurchase,
                cents: 3_000_000
            },
            CategoryCost {
                category: ToolMaintenance,
                cents: 1_500_000
            },
        ]
    );
    assert_eq!(
        got.flows[0].cost_by_category,
        vec![
            CategoryCost {
                category: Training,
                cents: 2_000_000
            },
            CategoryCost {
                category: ToolPurchase,
                cents: 3_000_000
            },
        ]
    );
    assert_eq!(
        got.flows[2].cost_by_category,
        vec![CategoryCost {
            category: ToolMaintenance,
            cents: 500_000
        }]
    );
    assert_eq!(
        got.benefit_by_driver,
        vec![
            DriverBenefit {
                label: "Password resets".into(),
                cents: 5_400_000
            },
            DriverBenefit {
                label: "Fewer escalations".into(),
                cents: 3_000_000
            },
        ]
    );
}

#[test]
fn case2_negative_npv() {
    let got = check(
        "case2",
        case2(),
        Expected {
            // support contract only in years 2..=4; data upkeep 1..=5
            costs: &[8_000_000, 200_000, 500_000, 500_000, 500_000, 200_000],
            // complaints from year 1, licence consolidation from year 2
            benefits: &[0, 100_000, 1_600_000, 1_600_000, 1_600_000, 1_600_000],
            net: &[
                -8_000_000, -100_000, 1_100_000, 1_100_000, 1_100_000, 1_400_000,
            ],
            cumulative: &[
                -8_000_000, -8_100_000, -7_000_000, -5_900_000, -4_800_000, -3_400_000,
            ],
            discounted: &[-8_000_000, -90_909, 909_091, 826_446, 751_315, 869_290],
            cumulative_discounted: &[
                -8_000_000, -8_090_909, -7_181_818, -6_355_372, -5_604_057, -4_734_767,
            ],
            total_cost: 9_900_000,
            total_benefit: 6_500_000,
            // by hand: −3 400 000 / 9 900 000 × 100
            roi_pct: Some(-34.343_434_343_434_346),
            // numpy-financial 1.0.0: npf.npv(0.1, [-8000000, -100000, 1100000, 1100000, 1100000,
            //   1400000]) = -4734767.247642052; by hand: -4734767.247642 → −4 734 767
            npv: -4_734_767,
            // npf.irr(...) = -0.1375559489361564; by hand (bisection) -0.13755594893615636
            irr: Some((-0.137_555_948_936_156_4, false)),
            // the cumulative is still negative at the horizon
            payback: None,
            discounted_payback: None,
        },
    );
    assert_eq!(
        got.benefit_by_driver,
        vec![
            DriverBenefit {
                label: "Licence consolidation".into(),
                cents: 6_000_000
            },
            DriverBenefit {
                label: "Wrong-asset complaints".into(),
                cents: 500_000
            },
        ]
    );
}

#[test]
fn case3a_all_flows_non_negative_have_no_irr() {
    let got = check(
        "case3a",
        case3a(),
        Expected {
            costs: &[0, 0, 0],
            benefits: &[0, 100_000, 100_000],
            net: &[0, 100_000, 100_000],
            cumulative: &[0, 100_000, 200_000],
            discounted: &[0, 92_593, 85_734],
            cumulative_discounted: &[0, 92_593, 178_326],
            total_cost: 0,
            total_benefit: 200_000,
            // no costs: ROI undefined
            roi_pct: None,
            // numpy-financial 1.0.0: npf.npv(0.08, [0, 100000, 100000]) = 178326.4746227709
            npv: 178_326,
            // npf.irr(...) = nan
            irr: None,
            // the cumulative is never negative
            payback: Some(0.0),
            discounted_payback: Some(0.0),
        },
    );
    assert_eq!(irr_reason(&got), "the cash flows never change sign");
    assert!(got.cost_by_category.is_empty());
}

#[test]
fn case3b_all_flows_non_positive_have_no_irr() {
    let got = check(
        "case3b",
        case3b(),
        Expected {
            costs: &[100_000, 10_000, 10_000],
            benefits: &[0, 0, 0],
            net: &[-100_000, -10_000, -10_000],
            cumulative: &[-100_000, -110_000, -120_000],
            discounted: &[-100_000, -9_259, -8_573],
            cumulative_discounted: &[-100_000, -109_259, -117_833],
            total_cost: 120_000,
            total_benefit: 0,
            roi_pct: Some(-100.0),
            // numpy-financial 1.0.0: npf.npv(0.08, [-100000, -10000, -10000])
            //   = -117832.64746227709 → −117 833 (half away from zero is moot here)
            npv: -117_833,
            // npf.irr(...) = nan
            irr: None,
            payback: None,
            discounted_payback: None,
        },
    );
    assert_eq!(irr_reason(&got), "the cash flows never change sign");
}

#[test]
fn case3c_irr_above_the_range_is_none() {
    let got = check(
        "case3c",
        case3c(),
        Expected {
            costs: &[1, 0],
            benefits: &[0, 1_000_000],
            net: &[-1, 1_000_000],
            cumulative: &[-1, 999_999],
            discounted: &[-1, 925_926],
            // −1 + 925 925.925926 = 925 924.925926 → 925 925 (rounded once, after summing)
            cumulative_discounted: &[-1, 925_925],
            total_cost: 1,
            total_benefit: 1_000_000,
            roi_pct: Some(99_999_900.0),
            // numpy-financial 1.0.0: npf.npv(0.08, [-1, 1000000]) = 925924.9259259258
            npv: 925_925,
            // npf.irr([-1, 1000000]) = 999999.0: outside (−0.99, 100)
            irr: None,
            // by hand: 0 + 1 / 1 000 000
            payback: Some(1e-6),
            // by hand: 0 + 1 / 925 926
            discounted_payback: Some(1.079_999_913_600_006_8e-6),
        },
    );
    assert_eq!(irr_reason(&got), NO_BRACKET);
}

#[test]
fn case3d_irr_below_the_range_is_none() {
    let got = check(
        "case3d",
        case3d(),
        Expected {
            costs: &[1_000_000, 0],
            benefits: &[0, 1],
            net: &[-1_000_000, 1],
            cumulative: &[-1_000_000, -999_999],
            discounted: &[-1_000_000, 1],
            cumulative_discounted: &[-1_000_000, -999_999],
            total_cost: 1_000_000,
            total_benefit: 1,
            roi_pct: Some(-99.9999),
            // numpy-financial 1.0.0: npf.npv(0.08, [-1000000, 1]) = -999999.074074074
            npv: -999_999,
            // npf.irr([-1000000, 1]) = -0.999999: outside (−0.99, 100)
            irr: None,
            payback: None,
            discounted_payback: None,
        },
    );
    assert_eq!(irr_reason(&got), NO_BRACKET);
}

#[test]
fn case4_discounted_payback_beyond_the_horizon() {
    check(
        "case4",
        case4(),
        Expected {
            costs: &[1_000_000, 0, 0, 0],
            benefits: &[0, 350_000, 350_000, 350_000],
            net: &[-1_000_000, 350_000, 350_000, 350_000],
            cumulative: &[-1_000_000, -650_000, -300_000, 50_000],
            discounted: &[-1_000_000, 318_182, 289_256, 262_960],
            cumulative_discounted: &[-1_000_000, -681_818, -392_562, -129_602],
            total_cost: 1_000_000,
            total_benefit: 1_050_000,
            roi_pct: Some(5.0),
            // numpy-financial 1.0.0: npf.npv(0.1, [-1000000, 350000, 350000, 350000])
            //   = -129601.80315552233
            npv: -129_602,
            // npf.irr(...) = 0.02479754761922126; by hand (bisection) 0.02479754761922115
            irr: Some((0.024_797_547_619_221_26, false)),
            // by hand: 2 + 300 000 / 350 000
            payback: Some(2.857_142_857_142_857),
            // the discounted cumulative is −129 602 at the horizon
            discounted_payback: None,
        },
    );
}

#[test]
fn case5_payback_exactly_on_a_year_boundary() {
    check(
        "case5",
        case5(),
        Expected {
            costs: &[3_000_000, 0, 0, 0, 0],
            benefits: &[0, 1_000_000, 1_000_000, 1_000_000, 1_000_000],
            net: &[-3_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000],
            cumulative: &[-3_000_000, -2_000_000, -1_000_000, 0, 1_000_000],
            discounted: &[-3_000_000, 952_381, 907_029, 863_838, 822_702],
            cumulative_discounted: &[-3_000_000, -2_047_619, -1_140_590, -276_752, 545_951],
            total_cost: 3_000_000,
            total_benefit: 4_000_000,
            roi_pct: Some(33.333_333_333_333_336),
            // numpy-financial 1.0.0: npf.npv(0.05, [-3000000, 1000000, 1000000, 1000000,
            //   1000000]) = 545950.50416236 → 545 951 (…0.504 rounds up)
            npv: 545_951,
            // npf.irr(...) = 0.12589832496244302; by hand (bisection) 0.12589832496244313
            irr: Some((0.125_898_324_962_443_02, false)),
            // by hand: the cumulative is exactly 0 after year 3: 2 + 1 000 000 / 1 000 000 = 3
            payback: Some(3.0),
            // by hand: 3 + 276 752 / (276 752 + 545 951)
            discounted_payback: Some(3.336_393_570_948_447),
        },
    );
}

#[test]
fn case6_zero_rate_npv_is_the_net() {
    let got = check(
        "case6",
        case6(),
        Expected {
            costs: &[5_000_000, 500_000, 500_000, 500_000],
            benefits: &[0, 2_800_000, 2_800_000, 2_800_000],
            net: &[-5_000_000, 2_300_000, 2_300_000, 2_300_000],
            cumulative: &[-5_000_000, -2_700_000, -400_000, 1_900_000],
            discounted: &[-5_000_000, 2_300_000, 2_300_000, 2_300_000],
            cumulative_discounted: &[-5_000_000, -2_700_000, -400_000, 1_900_000],
            total_cost: 6_500_000,
            total_benefit: 8_400_000,
            roi_pct: Some(29.230_769_230_769_23),
            // numpy-financial 1.0.0: npf.npv(0.0, [-5000000, 2300000, 2300000, 2300000])
            //   = 1900000.0; by hand: the undiscounted net
            npv: 1_900_000,
            // the flows are case 1's: npf.irr(...) = 0.18010334667230943
            irr: Some((0.180_103_346_672_309_43, false)),
            payback: Some(2.173_913_043_478_260_8),
            discounted_payback: Some(2.173_913_043_478_260_8),
        },
    );
    assert_eq!(got.npv_cents, got.net_benefit_cents);
}

#[test]
fn case7_two_sign_changes_flag_multiple_roots() {
    check(
        "case7",
        case7(),
        Expected {
            costs: &[1_000_000, 0, 3_620_000],
            benefits: &[0, 2_300_000, 2_300_000],
            net: &[-1_000_000, 2_300_000, -1_320_000],
            cumulative: &[-1_000_000, 1_300_000, -20_000],
            discounted: &[-1_000_000, 2_129_630, -1_131_687],
            cumulative_discounted: &[-1_000_000, 1_129_630, -2_058],
            total_cost: 4_620_000,
            total_benefit: 4_600_000,
            roi_pct: Some(-0.432_900_432_900_432_9),
            // numpy-financial 1.0.0: npf.npv(0.08, [-1000000, 2300000, -1320000])
            //   = -2057.613168724114
            npv: -2_058,
            // by hand: −100x² + 230x − 132 = 0 with x = 1 + r ⇒ x = 1.1 or 1.2; npf.irr(...)
            //   = 0.09999999999999942 (it, like us, reports the root closest to 0)
            irr: Some((0.1, true)),
            // the cumulative ends negative, so it never pays back for good
            payback: None,
            discounted_payback: None,
        },
    );
}

#[test]
fn case7b_payback_is_the_last_crossing() {
    check(
        "case7b",
        case7b(),
        Expected {
            costs: &[1_000_000, 0, 2_500_000, 500_000],
            benefits: &[0, 1_500_000, 1_500_000, 1_500_000],
            net: &[-1_000_000, 1_500_000, -1_000_000, 1_000_000],
            cumulative: &[-1_000_000, 500_000, -500_000, 500_000],
            discounted: &[-1_000_000, 1_388_889, -857_339, 793_832],
            cumulative_discounted: &[-1_000_000, 388_889, -468_450, 325_382],
            total_cost: 4_000_000,
            total_benefit: 4_500_000,
            roi_pct: Some(12.5),
            // numpy-financial 1.0.0: npf.npv(0.08, [-1000000, 1500000, -1000000, 1000000])
            //   = 325382.3096072752
            npv: 325_382,
            // npf.irr(...) = 0.31718264650677197; by hand (bisection) 0.31718264650677164
            irr: Some((0.317_182_646_506_771_97, true)),
            // by hand: 2 + 500 000 / 1 000 000
            payback: Some(2.5),
            // by hand: 2 + 468 450 / (468 450 + 325 382)
            discounted_payback: Some(2.590_112_265_567_525_7),
        },
    );
}

#[test]
fn case8_exact_cents_and_halves_round_away_from_zero() {
    let got = check(
        "case8",
        case8(),
        Expected {
            costs: &[0, 0],
            // 205 750 + 3 + 1 + 3
            benefits: &[0, 205_757],
            net: &[0, 205_757],
            cumulative: &[0, 205_757],
            discounted: &[0, 205_757],
            cumulative_discounted: &[0, 205_757],
            total_cost: 0,
            total_benefit: 205_757,
            roi_pct: None,
            // numpy-financial 1.0.0: npf.npv(0.0, [0, 205757]) = 205757.0
            npv: 205_757,
            irr: None,
            payback: Some(0.0),
            discounted_payback: Some(0.0),
        },
    );
    let by_driver: Vec<i64> = got.benefit_by_driver.iter().map(|d| d.cents).collect();
    assert_eq!(by_driver, [205_750, 3, 1, 3]);
    let annual: Vec<i64> = case8()
        .benefits
        .iter()
        .map(BenefitDriver::annual_benefit_cents)
        .collect();
    assert_eq!(annual, [205_750, 3, 1, 3]);
}

#[test]
fn case8b_half_a_cent_of_npv_rounds_up() {
    check(
        "case8b",
        case8b(),
        Expected {
            costs: &[0, 0],
            benefits: &[0, 1],
            net: &[0, 1],
            cumulative: &[0, 1],
            // 1 / 2 = 0.5 → 1
            discounted: &[0, 1],
            cumulative_discounted: &[0, 1],
            total_cost: 0,
            total_benefit: 1,
            roi_pct: None,
            // numpy-financial 1.0.0: npf.npv(1.0, [0, 1]) = 0.5 → 1 (half away from zero)
            npv: 1,
            irr: None,
            payback: Some(0.0),
            discounted_payback: Some(0.0),
        },
    );
}

#[test]
fn case8c_minus_half_a_cent_of_npv_rounds_down() {
    check(
        "case8c",
        case8c(),
        Expected {
            costs: &[0, 1],
            benefits: &[0, 0],
            net: &[0, -1],
            cumulative: &[0, -1],
            // −1 / 2 = −0.5 → −1
            discounted: &[0, -1],
            cumulative_discounted: &[0, -1],
            total_cost: 1,
            total_benefit: 0,
            roi_pct: Some(-100.0),
            // numpy-financial 1.0.0: npf.npv(1.0, [0, -1]) = -0.5 → −1 (half away from zero)
            npv: -1,
            irr: None,
            // the cumulative is 0 at year 0 but negative at the horizon: never paid back
            payback: None,
            discounted_payback: None,
        },
    );
}

#[test]
fn case12_thirty_years() {
    check(
        "case12",
        case12(),
        Expected {
            // refresher courses every year 0..=30; the upgrade in year 15
            costs: &[
                10_150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 150_000,
                150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 2_650_000, 150_000, 150_000,
                150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 150_000, 150_000,
                150_000, 150_000, 150_000, 150_000,
            ],
            // triage from year 2 (5 ÷ 60 × 3000 × 8000 = 2 000 000), SLAs from year 1
            benefits: &[
                0, 416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663,
                2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663,
                2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663,
                2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663, 2_416_663,
                2_416_663, 2_416_663,
            ],
            net: &[
                -10_150_000,
                266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                -233_337,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
                2_266_663,
            ],
            cumulative: &[
                -10_150_000,
                -9_883_337,
                -7_616_674,
                -5_350_011,
                -3_083_348,
                -816_685,
                1_449_978,
                3_716_641,
                5_983_304,
                8_249_967,
                10_516_630,
                12_783_293,
                15_049_956,
                17_316_619,
                19_583_282,
                19_349_945,
                21_616_608,
                23_883_271,
                26_149_934,
                28_416_597,
                30_683_260,
                32_949_923,
                35_216_586,
                37_483_249,
                39_749_912,
                42_016_575,
                44_283_238,
                46_549_901,
                48_816_564,
                51_083_227,
                53_349_890,
            ],
            discounted: &[
                -10_150_000,
                246_910,
                1_943_298,
                1_799_350,
                1_666_065,
                1_542_653,
                1_428_382,
                1_322_576,
                1_224_607,
                1_133_896,
                1_049_904,
                972_133,
                900_123,
                833_447,
                771_710,
                -73_558,
                661_617,
                612_609,
                567_230,
                525_213,
                486_308,
                450_286,
                416_931,
                386_047,
                357_451,
                330_973,
                306_457,
                283_756,
                262_737,
                243_275,
                225_255,
            ],
            cumulative_discounted: &[
                -10_150_000,
                -9_903_090,
                -7_959_792,
                -6_160_441,
                -4_494_376,
                -2_951_724,
                -1_523_342,
                -200_765,
                1_023_842,
                2_157_738,
                3_207_641,
                4_179_774,
                5_079_897,
                5_913_345,
                6_685_055,
                6_611_498,
                7_273_115,
                7_885_723,
                8_452_954,
                8_978_167,
                9_464_475,
                9_914_761,
                10_331_692,
                10_717_739,
                11_075_191,
                11_406_164,
                11_712_621,
                11_996_377,
                12_259_115,
                12_502_390,
                12_727_645,
            ],
            total_cost: 17_150_000,
            total_benefit: 70_499_890,
            // by hand: 53 349 890 / 17 150 000 × 100
            roi_pct: Some(311.078_075_801_749_26),
            // numpy-financial 1.0.0: npf.npv(0.08, net) = 12727644.851616776;
            //   by hand: 12727644.851617 → 12 727 645
            npv: 12_727_645,
            // three sign changes (year 15 is negative); npf.irr(net) = 0.1874158760508977,
            //   by hand (bisection) 0.18741587605089804
            irr: Some((0.187_415_876_050_897_7, true)),
            // by hand: 5 + 816 685 / 2 266 663
            payback: Some(5.360_302_788_725_099),
            // by hand: 7 + 200 765 / (200 765 + 1 023 842)
            discounted_payback: Some(7.163_942_391_314_111),
        },
    );
}

#[test]
fn recurring_costs_stop_at_the_horizon_and_one_offs_ignore_to_year() {
    let case = Case {
        params: params(2, 0.0),
        costs: vec![
            recurring(ToolMaintenance, "Contract", 100, 1, Some(9)),
            CostItem {
                to_year: Some(2),
                ..one_off(Training, "Course", 7, 1)
            },
            recurring(ProcessTime, "Year zero too", 10, 0, None),
        ],
        benefits: vec![],
    };
    let got = evaluate(&case).expect("valid");
    let costs: Vec<i64> = got.flows.iter().map(|f| f.cost_cents).collect();
    assert_eq!(costs, [10, 117, 110]);
}

// ---------------------------------------------------------------------------------------------
// Sensitivity (9) and break-even (10) of case 1

#[test]
fn sensitivity_of_case1_in_tornado_order() {
    // From worked_examples.py. NPV is linear in each benefit input, so by hand low/high are
    // NPV ∓ 20 % of the driver's PV: PV(time saved) = 1 800 000 × (1/1.08 + 1/1.08² + 1/1.08³)
    // = 4 638 774.577; 927 323.0707 ∓ 927 754.915 = −431.8 / 1 855 077.99 → −432 / 1 855 078.
    // PV(complaints) = 2 577 096.987: 927 323.07 ∓ 515 419.40 → 411 904 / 1 442 742.
    // Cost categories: NPV ± 20 % of the category's PV (year-0 items: of their amount).
    // Discount rate: numpy-financial 1.0.0: npf.npv(0.064, net) = 1102710.4903986452,
    //   npf.npv(0.096, net) = 760279.7048868814.
    #[rustfmt::skip]
    let want: &[(&str, &str, f64, i64, i64)] = &[
        ("benefit.0.hourly_cost", "Password resets: hourly cost", 9000.0, -432, 1_855_078),
        ("benefit.0.minutes", "Password resets: minutes saved per request", 6.0, -432, 1_855_078),
        ("benefit.0.requests", "Password resets: requests per year", 2000.0, -432, 1_855_078),
        ("cost.tool_purchase", "Tool purchase costs", 3_000_000.0, 1_527_323, 327_323),
        ("benefit.1.complaints", "Fewer escalations: complaints avoided per year", 40.0, 411_904, 1_442_742),
        ("benefit.1.cost_per_complaint", "Fewer escalations: cost per complaint", 25_000.0, 411_904, 1_442_742),
        ("cost.training", "Training costs", 2_000_000.0, 1_327_323, 527_323),
        ("cost.tool_maintenance", "Tool maintenance costs", 1_500_000.0, 1_185_033, 669_613),
        ("discount_rate", "Discount rate", 0.08, 1_102_710, 760_280),
    ];
    let got = sensitivity(&case1(), 0.2).expect("valid");
    let got: Vec<(&str, &str, f64, i64, i64)> = got
        .iter()
        .map(|s| {
            (
                s.key.as_str(),
                s.label.as_str(),
                s.base_value,
                s.npv_low_cents,
                s.npv_high_cents,
            )
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn sensitivity_omits_inputs_that_do_not_move_npv() {
    // At 0 % a relative swing leaves the rate at 0; with hourly cost 0 the time-saved driver is
    // worth nothing whatever its minutes or requests are.
    let mut case = case6();
    case.benefits[0] = time_saved("Password resets", 6.0, 2000.0, 0, 1);
    let got: Vec<(String, i64, i64)> = sensitivity(&case, 0.2)
        .expect("valid")
        .into_iter()
        .map(|s| (s.key, s.npv_low_cents, s.npv_high_cents))
        .collect();
    // By hand, at 0 %: NPV = 1 900 000 − 5 400 000 (the time-saved driver is gone) = −3 500 000.
    // Complaints: 20 % of 3 × 1 000 000; tool purchase: 20 % of 3 000 000; equal widths are
    // ordered by key.
    let want = [
        ("benefit.1.complaints", -4_100_000, -2_900_000),
        ("benefit.1.cost_per_complaint", -4_100_000, -2_900_000),
        ("cost.tool_purchase", -2_900_000, -4_100_000),
        ("cost.training", -3_100_000, -3_900_000),
        ("cost.tool_maintenance", -3_200_000, -3_800_000),
    ]
    .map(|(key, low, high)| (key.to_owned(), low, high));
    assert_eq!(got, want);
}

#[test]
fn break_even_of_case1() {
    // From worked_examples.py, by hand: x* = base × (1 − NPV / PV(driver)) for a benefit input,
    // x* = total × (1 + NPV / PV(category)) for a cost category, with NPV = 927 323.0707,
    // PV(time saved) = 4 638 774.577, PV(complaints) = 2 577 096.987,
    // PV(maintenance) = 500 000 × 2.577097 = 1 288 548.494.
    let want: &[(&str, &str, f64, f64)] = &[
        (
            "benefit.0.minutes",
            "Password resets: minutes saved per request",
            6.0,
            4.800_558_567_438_804,
        ),
        (
            "benefit.0.requests",
            "Password resets: requests per year",
            2000.0,
            1_600.186_189_146_268,
        ),
        (
            "benefit.1.complaints",
            "Fewer escalations: complaints avoided per year",
            40.0,
            25.606_702_809_265_65,
        ),
        (
            "cost.training",
            "Training costs",
            2_000_000.0,
            2_927_323.070_670_121_3,
        ),
        (
            "cost.tool_purchase",
            "Tool purchase costs",
            3_000_000.0,
            3_927_323.070_670_121_3,
        ),
        (
            "cost.tool_maintenance",
            "Tool maintenance costs",
            1_500_000.0,
            2_579_497.289_305_076_5,
        ),
    ];
    let got = break_even(&case1()).expect("valid");
    assert_eq!(got.len(), want.len());
    for (got, (key, label, base, value)) in got.iter().zip(want) {
        assert_eq!(
            (got.key.as_str(), got.label.as_str(), got.base_value),
            (*key, *label, *base)
        );
        let Some(x) = got.break_even_value else {
            panic!("{key}: no break-even")
        };
        assert!(close(x, *value, 1e-9), "{key}: {x} vs {value}");
    }
    // The closed form the brief states for minutes: base × (1 − NPV / PV(driver)).
    let npv = 927_323.070_670_121_1;
    let pv_time_saved =
        1_800_000.0 * (1.0 / 1.08 + 1.0 / 1.08_f64.powi(2) + 1.0 / 1.08_f64.powi(3));
    let minutes = got[0].break_even_value.unwrap_or_default();
    assert!(close(minutes, 6.0 * (1.0 - npv / pv_time_saved), 1e-9));
}

#[test]
fn break_even_of_case2_is_none_where_no_value_helps() {
    // From worked_examples.py: even at zero cost, maintenance and process time leave NPV < 0.
    let got = break_even(&case2()).expect("valid");
    let got: Vec<(&str, Option<f64>)> = got
        .iter()
        .map(|b| (b.key.as_str(), b.break_even_value))
        .collect();
    let want = [
        ("benefit.1.complaints", Some(134.901_967_207_744_35)),
        ("cost.tool_purchase", Some(3_265_232.752_357_948_6)),
        ("cost.tool_maintenance", None),
        ("cost.process_time", None),
    ];
    assert_eq!(got.len(), want.len());
    for ((key, value), (want_key, want_value)) in got.iter().zip(want) {
        assert_eq!(*key, want_key);
        assert!(
            close_opt(*value, want_value, 1e-9),
            "{key}: {value:?} vs {want_value:?}"
        );
    }
}

#[test]
fn break_even_is_none_without_effect_and_found_from_a_zero_base() {
    let mut case = case1();
    // Hourly cost 0: minutes and requests do not move NPV.
    case.benefits[0] = time_saved("Password resets", 6.0, 2000.0, 0, 1);
    let got = break_even(&case).expect("valid");
    assert_eq!(got[0].key, "benefit.0.minutes");
    assert_eq!(got[0].break_even_value, None);
    assert_eq!(got[1].break_even_value, None);

    // Minutes 0: the break-even is found from the slope at 1 minute. Without the driver NPV is
    // 927 323.07 − 4 638 774.58 = −3 711 451.51; one minute is worth 4 638 774.58 / 6, so
    // x* = 3 711 451.51 / 773 129.10 = 6 × (1 − 927 323.07 / 4 638 774.58) = 4.8005586.
    let mut case = case1();
    case.benefits[0] = time_saved("Password resets", 0.0, 2000.0, 9000, 1);
    let got = break_even(&case).expect("valid");
    assert_eq!(got[0].base_value, 0.0);
    let x = got[0].break_even_value.unwrap_or_default();
    assert!(close(x, 4.800_558_567_438_804, 1e-9), "{x}");
}

// ---------------------------------------------------------------------------------------------
// (11) Validation

#[test]
fn validation_messages_name_the_item_and_the_field() {
    type Edit = fn(&mut Case);
    let cases: &[(Edit, &str)] = &[
        (|c| c.params.horizon_years = 0, "invalid: horizon_years must be between 1 and 30, got 0"),
        (|c| c.params.horizon_years = 31, "invalid: horizon_years must be between 1 and 30, got 31"),
        (
            |c| c.params.discount_rate = -1.0,
            "invalid: discount_rate must be a finite number greater than -1, got -1",
        ),
        (
            |c| c.params.discount_rate = f64::NAN,
            "invalid: discount_rate must be a finite number greater than -1, got NaN",
        ),
        (
            |c| c.costs[0].amount_cents = -1,
            "invalid: cost #1 \"Agent training\": amount_cents must not be negative, got -1",
        ),
        (
            |c| c.costs[1].amount_cents = MAX_AMOUNT_CENTS + 1,
            "invalid: cost #2 \"Self-service portal\": amount_cents must be at most \
             1000000000000000, got 1000000000000001",
        ),
        (
            |c| c.costs[1].from_year = 4,
            "invalid: cost #2 \"Self-service portal\": from_year 4 is beyond the horizon of 3 years",
        ),
        (
            |c| {
                c.costs[2].from_year = 2;
                c.costs[2].to_year = Some(1);
            },
            "invalid: cost #3 \"Portal maintenance\": to_year 1 is before from_year 2",
        ),
        (
            |c| c.benefits[0] = time_saved("Password resets", -1.0, 2000.0, 9000, 1),
            "invalid: benefit #1 \"Password resets\": minutes_saved_per_request must be a finite \
             number ≥ 0, got -1",
        ),
        (
            |c| c.benefits[0] = time_saved("Password resets", 6.0, f64::INFINITY, 9000, 1),
            "invalid: benefit #1 \"Password resets\": requests_per_year must be a finite number \
             ≥ 0, got inf",
        ),
        (
            |c| c.benefits[0] = time_saved("Password resets", 6.0, 2000.0, -9000, 1),
            "invalid: benefit #1 \"Password resets\": hourly_cost_cents must not be negative, \
             got -9000",
        ),
        (
            |c| c.benefits[1] = complaints("Fewer escalations", f64::NAN, 25_000, 1),
            "invalid: benefit #2 \"Fewer escalations\": complaints_avoided_per_year must be a \
             finite number ≥ 0, got NaN",
        ),
        (
            |c| c.benefits[1] = complaints("Fewer escalations", 40.0, -1, 1),
            "invalid: benefit #2 \"Fewer escalations\": cost_per_complaint_cents must not be \
             negative, got -1",
        ),
        (
            |c| c.benefits.push(other("Licences", -5, 1)),
            "invalid: benefit #3 \"Licences\": amount_per_year_cents must not be negative, got -5",
        ),
        (
            |c| c.benefits[0] = time_saved("Password resets", 6.0, 2000.0, 9000, 0),
            "invalid: benefit #1 \"Password resets\": from_year must be at least 1 (year 0 is the \
             investment moment)",
        ),
        (
            |c| c.benefits[1] = complaints("Fewer escalations", 40.0, 25_000, 4),
            "invalid: benefit #2 \"Fewer escalations\": from_year 4 is beyond the horizon of 3 \
             years",
        ),
        (
            |c| c.benefits[0] = time_saved("Password resets", 1e9, 1e9, MAX_AMOUNT_CENTS, 1),
            "invalid: benefit #1 \"Password resets\": the yearly benefit (1.667e31 cents) is \
             above the maximum of 1000000000000000 cents",
        ),
    ];
    for (edit, message) in cases {
        let mut case = case1();
        edit(&mut case);
        for result in [
            evaluate(&case).map(|_| ()),
            sensitivity(&case, 0.2).map(|_| ()),
            break_even(&case).map(|_| ()),
        ] {
            match result {
                Err(error) => assert_eq!(error.to_string(), *message),
                Ok(()) => panic!("accepted; want {message}"),
            }
        }
    }
}

#[test]
fn sensitivity_rejects_a_bad_swing() {
    for swing in [0.0, -0.2, 1.5, f64::NAN] {
        let error = sensitivity(&case1(), swing).expect_err("refused");
        assert_eq!(
            error.to_string(),
            format!(
                "invalid: swing must be a finite number greater than 0 and at most 1, got {swing}"
            )
        );
    }
    assert!(sensitivity(&case1(), 1.0).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Wire format

#[test]
fn json_is_tagged_and_snake_case() {
    let case = case1();
    let json = serde_json::to_value(&case).expect("serialises");
    assert_eq!(json["costs"][1]["category"], "tool_purchase");
    assert_eq!(json["benefits"][0]["kind"], "time_saved");
    assert_eq!(json["benefits"][1]["kind"], "complaints_avoided");
    let back: Case = serde_json::from_value(json).expect("deserialises");
    assert_eq!(back, case);

    let evaluation = evaluate(&case3a()).expect("valid");
    let json = serde_json::to_value(&evaluation).expect("serialises");
    assert_eq!(
        json["irr"],
        serde_json::json!({ "kind": "none", "reason": "the cash flows never change sign" })
    );
    assert_eq!(json["roi_pct"], serde_json::Value::Null);
    let json = serde_json::to_value(evaluate(&case7()).expect("valid").irr).expect("serialises");
    assert_eq!(json["kind"], "rate");
    assert_eq!(json["multiple"], true);
}

#[test]
fn typescript_declarations_use_named_structs() {
    use ts_rs::{Config, TS};
    let cfg = Config::default();
    let evaluation = Evaluation::decl(&cfg);
    assert!(
        evaluation.contains("cost_by_category: Array<CategoryCost>"),
        "{evaluation}"
    );
    assert!(
        evaluation.contains("benefit_by_driver: Array<DriverBenefit>"),
        "{evaluation}"
    );
    let irr = Irr::decl(&cfg);
    assert!(irr.contains("\"kind\": \"rate\""), "{irr}");
    assert!(irr.contains("\"kind\": \"none\""), "{irr}");
    let driver = BenefitDriver::decl(&cfg);
    assert!(driver.contains("\"kind\": \"time_saved\""), "{driver}");
    for decl in [
        Case::decl(&cfg),
        Params::decl(&cfg),
        CostItem::decl(&cfg),
        CostCategory::decl(&cfg),
        YearFlow::decl(&cfg),
        Sensitivity::decl(&cfg),
        BreakEven::decl(&cfg),
    ] {
        assert!(decl.starts_with("type "), "{decl}");
    }
}

// ---- The case in a workspace: store, scenarios, report, XLSX, CLI ------------------------------

mod workspace {
    use crate::support::clock;
    use sqm_core::costbenefit::*;
    use sqm_core::report::Lang;
    use sqm_core::workspace::Workspace;

    fn demo() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create(&dir.path().join("cb.sqm")).unwrap();
        sqm_core::demo::populate(&ws, &sqm_core::demo::DemoSpec::default()).unwrap();
        (dir, ws)
    }

    #[test]
    fn demo_case_expected_and_measured() {
        let (_d, ws) = demo();
        let cb = ws.cost_benefit(&clock()).unwrap();
        let e = cb.expected.as_ref().unwrap();
        // Year 0: licence ¥180,000 + process time 320 h × ¥150 = ¥48,000.
        let y0 = &e.evaluation.flows[0];
        assert_eq!(y0.cost_cents, 18_000_000 + 4_800_000 + year_cost(&cb, 0));
        assert_eq!(y0.benefit_cents, 0);
        // Expected time saved: 12 min ÷ 60 × 19,000 × ¥60 = ¥228,000 a year, from year 1.
        assert_eq!(e.evaluation.flows[1].benefit_cents, 22_800_000 + 4_800_000);
        // From year 2 the tool consolidation adds ¥30,000.
        assert_eq!(
            e.evaluation.flows[2].benefit_cents,
            22_800_000 + 4_800_000 + 3_000_000
        );
        // The measured scenario uses the workspace's own figures for time saved.
        let m = cb.measurement.as_ref().unwrap();
        let base = ws.metrics(m.baseline, &clock()).unwrap().overall;
        let now = ws.metrics(m.current, &clock()).unwrap();
        let minutes = (base.median_resolution_hours.unwrap()
            - now.overall.median_resolution_hours.unwrap())
            * 60.0;
        assert!((m.minutes_saved_per_request.unwrap() - minutes).abs() < 1e-9);
        let year: u64 = now.trend.iter().map(|t| t.figures.volume).sum();
        assert_eq!(m.requests_per_year, year);
        let measured = cb.measured.as_ref().unwrap();
        match &measured.benefits[0] {
            BenefitDriver::TimeSaved {
                minutes_saved_per_request,
                requests_per_year,
                hourly_cost_cents,
                ..
            } => {
                assert!((minutes_saved_per_request - minutes.max(0.0)).abs() < 1e-9);
                assert_eq!(*requests_per_year, year as f64);
                assert_eq!(*hourly_cost_cents, 6_000);
            }
            other => panic!("{other:?}"),
        }
        // Complaints keep their expected value (no complaint records), and say so.
        assert_eq!(measured.benefits[1], e.benefits[1]);
        assert!(cb.notes.iter().any(|n| n.contains("no complaint records")));
        // Costs are the same in both scenarios.
        assert_eq!(
            measured.evaluation.total_cost_cents,
            e.evaluation.total_cost_cents
        );
    }

    /// Training records' cost in a cash-flow year.
    fn year_cost(cb: &CostBenefit, year: u32) -> i64 {
        cb.training_from_records
            .iter()
            .filter(|t| t.year == year)
            .map(|t| t.cents)
            .sum()
    }

    #[test]
    fn inputs_are_saved_checked_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create(&dir.path().join("e.sqm")).unwrap();
        let cb = ws.cost_benefit(&clock()).unwrap();
        assert!(cb.expected.is_none() && cb.measured.is_none());
        assert!(cb
            .notes
            .iter()
            .any(|n| n == "no costs or benefit drivers yet"));
        // People's time: 12.5 h × ¥123.45 = ¥1,543.13 (1543.125 rounds half away from zero).
        let id = ws
            .save_cost(&StoredCost {
                id: None,
                category: CostCategory::ProcessTime,
                label: "  SOP 评审 ".into(),
                amount_cents: 0,
                currency: String::new(),
                recurring: false,
                from_year: 0,
                to_year: None,
                hours: Some(12.5),
                hourly_cost_cents: Some(12_345),
                note: String::new(),
            })
            .unwrap();
        let cb = ws.cost_benefit(&clock()).unwrap();
        assert_eq!(cb.costs[0].id, Some(id));
        assert_eq!(cb.costs[0].label, "SOP 评审");
        assert_eq!(cb.costs[0].currency, "CNY");
        assert_eq!(cb.costs[0].amount_cents, 154_313);
        // Bad inputs: named, nothing saved.
        let bad = ws
            .save_cost(&StoredCost {
                to_year: Some(0),
                recurring: true,
                from_year: 2,
                ..cb.costs[0].clone()
            })
            .unwrap_err();
        assert_eq!(
            bad.to_string(),
            "invalid: cost item 'SOP 评审': last year 0 is before the first year 2"
        );
        let bad = ws
            .save_driver(&StoredDriver {
                id: None,
                driver: BenefitDriver::TimeSaved {
                    label: "x".into(),
                    minutes_saved_per_request: -1.0,
                    requests_per_year: 10.0,
                    hourly_cost_cents: 100,
                    from_year: 1,
                },
                measured: false,
            })
            .unwrap_err();
        assert_eq!(bad.code(), "invalid", "{bad}");
        assert!(ws.cost_benefit(&clock()).unwrap().drivers.is_empty());
        let p = CbParams {
            horizon_years: 0,
            ..CbParams::default()
        };
        assert_eq!(
            ws.set_cb_params(&p).unwrap_err().to_string(),
            "invalid: horizon: 0 years is outside 1–30"
        );
        ws.delete_cost(id).unwrap();
        assert_eq!(
            ws.delete_cost(id).unwrap_err().to_string(),
            format!("not found: cost item {id}")
        );
    }

    fn pdftotext(pdf: &[u8]) -> Option<String> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cb.pdf");
        std::fs::write(&p, pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-raw", p.to_str().unwrap(), "-"])
            .output()
            .ok()?;
        Some(
            String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .collect(),
        )
    }

    #[test]
    fn report_and_xlsx_carry_the_screens_figures() {
        let (dir, ws) = demo();
        let cb = ws.cost_benefit(&clock()).unwrap();
        let e = &cb.expected.as_ref().unwrap().evaluation;
        let npv = sqm_core::report::fmt_money(e.npv_cents);
        for (lang, phrases) in [
            (
                Lang::Zh,
                vec!["1摘要", "净现值NPV", "5敏感性分析", "盈亏平衡值", "6定义"],
            ),
            (
                Lang::En,
                vec!["1Summary", "NPV", "5Sensitivity", "Break-evenvalues"],
            ),
        ] {
            let pdf = ws
                .cost_benefit_file(&dir.path().join("r.pdf"), lang, &clock())
                .unwrap();
            let Some(text) = pdftotext(&pdf) else {
                return;
            };
            for p in phrases.iter().chain([&npv.as_str()]) {
                assert!(text.contains(p), "{lang:?}: missing {p}");
            }
        }
        // The XLSX: the cash flows as numbers, equal to the evaluation's cents.
        use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
        let bytes = ws
            .cost_benefit_file(&dir.path().join("r.xlsx"), Lang::En, &clock())
            .unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheets = wb.sheet_names();
        assert_eq!(
            sheets,
            [
                "Summary",
                "Cash flows (expected)",
                "Cash flows (measured)",
                "Costs",
                "Sensitivity"
            ]
        );
        let flows = wb.worksheet_range("Cash flows (expected)").unwrap();
        for (i, f) in e.flows.iter().enumerate() {
            let net = flows.get((i + 1, 3)).unwrap();
            assert_eq!(net, &Data::Float(f.net_cents as f64 / 100.0), "year {i}");
        }
    }

    #[test]
    fn the_pack_has_the_cost_benefit_page() {
        let (_d, ws) = demo();
        let pdf = ws.quarterly_pack(None, Lang::Zh, &clock()).unwrap();
        let Some(text) = pdftotext(&pdf) else {
            return;
        };
        let cb = ws.cost_benefit(&clock()).unwrap();
        let npv = sqm_core::report::fmt_money(cb.expected.unwrap().evaluation.npv_cents);
        assert!(text.contains("成本效益"), "no cost-benefit page");
        assert!(text.contains(&npv), "pack lacks NPV {npv}");
    }
}

#[test]
fn a_cost_after_a_shortened_horizon_is_left_out_and_said_so() {
    use sqm_core::costbenefit::{CbParams, StoredCost};
    let dir = tempfile::tempdir().unwrap();
    let ws = sqm_core::workspace::Workspace::create(&dir.path().join("h.sqm")).unwrap();
    let cost = |label: &str, year: u32| StoredCost {
        id: None,
        category: CostCategory::ToolPurchase,
        label: label.into(),
        amount_cents: 100_000,
        currency: "CNY".into(),
        recurring: false,
        from_year: year,
        to_year: None,
        hours: None,
        hourly_cost_cents: None,
        note: String::new(),
    };
    ws.save_cost(&cost("licence", 0)).unwrap();
    ws.save_cost(&cost("renewal", 5)).unwrap();
    ws.set_cb_params(&CbParams {
        horizon_years: 3,
        ..CbParams::default()
    })
    .unwrap();
    let cb = ws.cost_benefit(&crate::support::clock()).unwrap();
    let e = cb.expected.unwrap().evaluation;
    assert_eq!(e.total_cost_cents, 100_000);
    assert!(
        cb.notes
            .iter()
            .any(|n| n
                == "cost item 'renewal' falls in year 5, after the 3-year horizon: not counted")
    );
}
