//! The demo's cost-benefit case: a monitoring tool bought and maintained, process work, a
//! survey platform, the training records, and the plan's benefit drivers.

use super::DemoSpec;
use crate::costbenefit::{BenefitDriver, CbParams, CostCategory, StoredCost, StoredDriver};
use crate::store;
use crate::Result;
use rusqlite::Connection;

fn cost(
    category: CostCategory,
    label: &str,
    yuan: i64,
    recurring: bool,
    from_year: u32,
    to_year: Option<u32>,
) -> StoredCost {
    StoredCost {
        id: None,
        category,
        label: label.into(),
        amount_cents: yuan * 100,
        currency: "CNY".into(),
        recurring,
        from_year,
        to_year,
        hours: None,
        hourly_cost_cents: None,
        note: String::new(),
    }
}

pub(super) fn populate(conn: &Connection, spec: &DemoSpec) -> Result<()> {
    let params = CbParams {
        start: spec.first.start_date(),
        baseline: Some(spec.first),
        ..CbParams::default()
    };
    let json = serde_json::to_string(&params).map_err(|e| crate::Error::Invalid(e.to_string()))?;
    store::set_setting(conn, "cost_benefit_params", &json)?;
    for c in [
        cost(
            CostCategory::ToolPurchase,
            "ITSM 监控与报表工具许可",
            180_000,
            false,
            0,
            None,
        ),
        cost(
            CostCategory::ToolMaintenance,
            "工具年度维护与订阅",
            36_000,
            true,
            1,
            None,
        ),
        cost(CostCategory::Other, "满意度调查平台", 12_000, true, 1, None),
        StoredCost {
            hours: Some(320.0),
            hourly_cost_cents: Some(15_000),
            note: "流程梳理、SOP 编写与宣贯".into(),
            ..cost(CostCategory::ProcessTime, "流程变更工时", 0, false, 0, None)
        },
    ] {
        store::save_cost(conn, &c)?;
    }
    for (driver, measured) in [
        (
            BenefitDriver::TimeSaved {
                label: "缩短服务处理时间".into(),
                minutes_saved_per_request: 12.0,
                requests_per_year: 19_000.0,
                hourly_cost_cents: 6_000,
                from_year: 1,
            },
            true,
        ),
        (
            BenefitDriver::ComplaintsAvoided {
                label: "减少用户投诉".into(),
                complaints_avoided_per_year: 24.0,
                cost_per_complaint_cents: 200_000,
                from_year: 1,
            },
            true,
        ),
        (
            BenefitDriver::Other {
                label: "减少重复建设（工具整合）".into(),
                amount_per_year_cents: 3_000_000,
                note: "停用两套旧的报表脚本与人工统计".into(),
                from_year: 2,
            },
            false,
        ),
    ] {
        store::save_driver(
            conn,
            &StoredDriver {
                id: None,
                driver,
                measured,
            },
        )?;
    }
    Ok(())
}
