//! Reports: a report model in, PDF bytes out. No I/O.

mod costbenefit;
mod feedback;
mod format;
pub mod i18n;
mod model;
mod pack;
mod pdf;
mod people;
mod process;

pub use costbenefit::{cost_benefit_pdf, cost_benefit_xlsx};
pub use feedback::{decisions_needed, fmt_metric, last_review, metric_name, top_issues};
pub use format::{fmt_count, fmt_count_f64, fmt_duration, fmt_hours, fmt_pct, NOT_MEASURED};
pub use model::{
    AppliedVersion, FeedbackInput, Lang, PackInput, PeopleInput, ProcessInput, ServiceStandards,
};
pub use pack::quarterly_pack;
pub use people::fmt_money;
pub use process::sop_pdf;
