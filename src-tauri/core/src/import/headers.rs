//! The header sets SQM knows: ServiceNow field names and labels, Jira in English and Chinese.
//! A file whose headers match none of them goes through a saved column mapping instead.

use super::model::{ColumnMapping, Field, Format};

/// One known export layout: for each field, the header texts that may carry it (first found wins).
pub struct HeaderSet {
    pub format: Format,
    pub label: &'static str,
    pub fields: &'static [(Field, &'static [&'static str])],
}

pub const SERVICENOW_FIELDS: HeaderSet = HeaderSet {
    format: Format::ServiceNow,
    label: "ServiceNow incident list (field names)",
    fields: &[
        (Field::Key, &["number"]),
        (Field::Opened, &["opened_at", "sys_created_on"]),
        (
            Field::FirstResponse,
            &[
                "u_first_response",
                "first_response",
                "u_responded_at",
                "responded_at",
            ],
        ),
        (Field::Resolved, &["resolved_at"]),
        (Field::Closed, &["closed_at"]),
        (Field::Priority, &["priority"]),
        (
            Field::Service,
            &["business_service", "service_offering", "u_service"],
        ),
        (Field::Category, &["category"]),
        (Field::Channel, &["contact_type"]),
        (Field::Assignee, &["assigned_to"]),
        (Field::AssignmentGroup, &["assignment_group"]),
        (Field::State, &["incident_state", "state"]),
        (Field::ReassignmentCount, &["reassignment_count"]),
        (Field::ReopenCount, &["reopen_count"]),
        (Field::ModCount, &["sys_mod_count"]),
        (Field::UpdatedAt, &["sys_updated_at", "sys_updated_on"]),
    ],
};

pub const SERVICENOW_LABELS: HeaderSet = HeaderSet {
    format: Format::ServiceNow,
    label: "ServiceNow incident list (labels)",
    fields: &[
        (Field::Key, &["Number"]),
        (Field::Opened, &["Opened", "Created"]),
        (Field::FirstResponse, &["First response", "Responded"]),
        (Field::Resolved, &["Resolved"]),
        (Field::Closed, &["Closed"]),
        (Field::Priority, &["Priority"]),
        (
            Field::Service,
            &["Service", "Business service", "Service offering"],
        ),
        (Field::Category, &["Category"]),
        (Field::Channel, &["Channel", "Contact type"]),
        (Field::Assignee, &["Assigned to"]),
        (Field::AssignmentGroup, &["Assignment group"]),
        (Field::State, &["State", "Incident state"]),
        (Field::ReassignmentCount, &["Reassignment count"]),
        (Field::ReopenCount, &["Reopen count"]),
        (Field::ModCount, &["Updates"]),
        (Field::UpdatedAt, &["Updated"]),
    ],
};

pub const JIRA_EN: HeaderSet = HeaderSet {
    format: Format::Jira,
    label: "Jira Service Management (English)",
    fields: &[
        (Field::Key, &["Issue key"]),
        (Field::Opened, &["Created"]),
        (
            Field::FirstResponse,
            &[
                "Custom field (Date of First Response)",
                "Date of First Response",
                "Custom field (First response)",
            ],
        ),
        (Field::Resolved, &["Resolved"]),
        (Field::Closed, &["Custom field (Closed)"]),
        (Field::Priority, &["Priority"]),
        (
            Field::Service,
            &["Custom field (Request Type)", "Component/s", "Project name"],
        ),
        (Field::Category, &["Issue Type"]),
        (
            Field::Channel,
            &["Custom field (Source)", "Custom field (Channel)"],
        ),
        (Field::Assignee, &["Assignee"]),
        (Field::AssignmentGroup, &["Custom field (Team)", "Team"]),
        (Field::State, &["Status"]),
        (
            Field::Satisfaction,
            &[
                "Satisfaction rating",
                "Custom field (Satisfaction rating)",
                "Custom field (Satisfaction)",
            ],
        ),
    ],
};

pub const JIRA_ZH: HeaderSet = HeaderSet {
    format: Format::Jira,
    label: "Jira Service Management (中文)",
    fields: &[
        (Field::Key, &["问题关键字", "关键字", "事务关键字"]),
        (Field::Opened, &["创建日期", "已创建", "创建"]),
        (
            Field::FirstResponse,
            &[
                "自定义字段 (Date of First Response)",
                "首次响应日期",
                "自定义字段 (首次响应日期)",
            ],
        ),
        (Field::Resolved, &["已解决", "解决日期"]),
        (Field::Closed, &["自定义字段 (关闭日期)"]),
        (Field::Priority, &["优先级"]),
        (
            Field::Service,
            &[
                "自定义字段 (Request Type)",
                "自定义字段 (请求类型)",
                "请求类型",
                "模块",
                "项目名称",
            ],
        ),
        (Field::Category, &["问题类型", "事务类型"]),
        (Field::Channel, &["自定义字段 (渠道)"]),
        (Field::Assignee, &["经办人"]),
        (Field::AssignmentGroup, &["自定义字段 (团队)", "团队"]),
        (Field::State, &["状态"]),
        (
            Field::Satisfaction,
            &[
                "满意度评分",
                "满意度",
                "自定义字段 (满意度)",
                "Satisfaction rating",
            ],
        ),
    ],
};

pub const KNOWN: [&HeaderSet; 4] = [&SERVICENOW_FIELDS, &SERVICENOW_LABELS, &JIRA_EN, &JIRA_ZH];

/// Normalises a header for comparison: trimmed, BOM removed, case and inner spaces ignored
/// (Jira writes both `自定义字段 (X)` and `自定义字段(X)`).
pub fn norm(h: &str) -> String {
    h.trim_start_matches('\u{feff}')
        .split_whitespace()
        .collect::<String>()
        .to_lowercase()
}

/// Maps the file's headers through one header set.
pub fn map_with(set: &HeaderSet, headers: &[String]) -> ColumnMapping {
    let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
    let mut m = ColumnMapping::default();
    for (field, names) in set.fields {
        let hit = names
            .iter()
            .find_map(|n| normed.iter().position(|h| *h == norm(n)));
        m.set(
            *field,
            hit.map(|i| headers[i].trim_start_matches('\u{feff}').trim().to_string()),
        );
    }
    m
}

/// The known layout these headers match best (all required fields present), if any.
pub fn detect(
    headers: &[String],
    want: Option<Format>,
) -> Option<(&'static HeaderSet, ColumnMapping)> {
    KNOWN
        .iter()
        .filter(|s| want.is_none_or(|f| f == s.format))
        .map(|s| (*s, map_with(s, headers)))
        .filter(|(_, m)| {
            Field::ALL
                .iter()
                .filter(|f| f.required())
                .all(|f| m.get(*f).is_some())
        })
        .max_by_key(|(_, m)| m.columns.iter().filter(|c| c.column.is_some()).count())
}

/// What the error message lists when a file matches nothing.
pub fn expected_columns() -> String {
    KNOWN
        .iter()
        .map(|s| {
            let req: Vec<&str> = s
                .fields
                .iter()
                .filter(|(f, _)| f.required())
                .map(|(_, names)| names[0])
                .collect();
            format!("{}: {}", s.label, req.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}
