//! Service-quality metrics as pure functions over rows: no SQL, no clock.
//!
//! Exact definitions (SPEC.md "Metrics"), with the choices made where it is silent:
//! - Response time = first response − opened; a ticket resolved without (or before) a recorded
//!   first response counts the resolution as its response. Resolution time = resolved − opened.
//!   Both in business time of the calendar named by the standard in force at the ticket's
//!   opening (or the `--calendar` override), minus the intervals the status history spends in
//!   the standard's pause states (unless pauses are switched off). Stored times are local
//!   wall-clock seconds in the workspace's time zone; they become instants for the calendar.
//! - A ticket's outcome against a target is decided at the earlier of (a) the response/resolution
//!   and (b) the deadline opened + target. It is counted in the quarter of that moment: met when
//!   (a) came first, breached otherwise. So tickets still open past their deadline count as
//!   breached in the quarter the deadline fell, and no ticket is counted twice. Outcomes not yet
//!   decided at `as_of` are not measured; at the end of each period (or now), tickets opened
//!   and not yet decided are counted as "still running", separately from met and breached.
//! - Volume = tickets opened in the quarter; resolved = resolved in it; median/P90 resolution
//!   time, reassignment and reopen rates are over tickets resolved in the quarter.
//! - CSAT = responses in the top two points of their scale ÷ responses in the quarter; mean score
//!   normalised to 1–5; response rate = responses ÷ tickets resolved.
//! - Percentiles interpolate between closest ranks (Excel PERCENTILE.INC).

mod breach;
mod compute;
mod eval;
mod facts;
mod model;
mod percentile;

pub use breach::*;
pub use compute::{
    compute_period, compute_period_named, compute_quarter, compute_quarter_trend, in_window,
    quarter_stable_until, window_holds, MetricsInput, ResponseFacts, LOOKBACK_SECS,
};
pub use eval::{Eval, Evaluator, Judged, Outcome};
pub use facts::{count, OptIndex, OptSecs, TicketFacts};
pub use model::*;
pub use percentile::{percentile_inc, percentile_inc_select};
