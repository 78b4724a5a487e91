//! The library a new workspace starts with: the plan's five-step request process (zh/en) with
//! default step targets, skeletons for delivery, monitoring and evaluation, and the
//! four-challenge questionnaire (5 Likert items each).

use chrono::NaiveDate;

use super::model::{
    Dimension, Evidence, Item, Milestone, Process, ProcessKind, Questionnaire, SopStep, SopVersion,
};

const SUPPORT: &str = "服务支持团队 / Service support team";
const DELIVERY: &str = "服务交付团队 / Service delivery team";
const QUALITY: &str = "服务质量经理 / Service quality manager";
const MONITORING: &str = "运维监控组 / Operations monitoring team";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

#[allow(clippy::too_many_arguments)]
fn step(
    name_zh: &str,
    name_en: &str,
    owner: &str,
    inputs: &str,
    outputs: &str,
    checklist: &[&str],
    target_hours: Option<f64>,
    bounds: (Option<Milestone>, Option<Milestone>),
) -> SopStep {
    SopStep {
        name_zh: name_zh.to_string(),
        name_en: name_en.to_string(),
        owner_role_id: None,
        owner_text: owner.to_string(),
        inputs: inputs.to_string(),
        outputs: outputs.to_string(),
        checklist: checklist.iter().map(|s| s.to_string()).collect(),
        target_hours,
        from: bounds.0,
        to: bounds.1,
    }
}

fn process(code: &str, kind: ProcessKind, zh: &str, en: &str, description: &str) -> Process {
    Process {
        id: None,
        code: code.to_string(),
        kind,
        name_zh: zh.to_string(),
        name_en: en.to_string(),
        description: description.to_string(),
    }
}

fn version(expected_states: &[&str], steps: Vec<SopStep>) -> SopVersion {
    SopVersion {
        id: None,
        process_id: 0,
        version: "1.0".to_string(),
        effective_from: date(2025, 1, 1),
        approver: "服务质量经理".to_string(),
        approved_on: Some(date(2024, 12, 20)),
        notes: "初始版本 / Initial version".to_string(),
        expected_states: expected_states.iter().map(|s| s.to_string()).collect(),
        steps,
    }
}

fn request() -> (Process, SopVersion) {
    use Milestone::*;
    let p = process(
        "REQ",
        ProcessKind::Request,
        "服务请求流程",
        "Service request process",
        "从用户提交服务请求到记录用户反馈的端到端流程。/ The end-to-end handling of a service \
         request, from the user's submission to the recorded feedback.",
    );
    let steps = vec![
        step(
            "提交",
            "Submitted",
            SUPPORT,
            "用户通过服务台电话、邮件或自助门户提出的服务请求 / A request raised by the user \
             through the service desk phone, e-mail or the self-service portal",
            "已登记的工单（工单号、服务、类别、优先级、联系方式）/ A logged ticket (number, \
             service, category, priority, contact)",
            &[
                "记录请求人、所属部门和联系方式 / Record the requester, department and contact",
                "选择服务目录中的服务和类别 / Choose the service and category from the catalogue",
                "按影响和紧急程度确定优先级 / Set the priority from impact and urgency",
                "检查是否为重复请求 / Check for a duplicate request",
            ],
            None,
            (None, Some(Opened)),
        ),
        step(
            "确认并分配",
            "Confirmed and assigned",
            SUPPORT,
            "已登记的工单 / The logged ticket",
            "范围已确认并分配到处理人的工单 / A ticket with its scope confirmed, assigned to \
             an engineer",
            &[
                "确认请求内容完整、可执行 / Confirm the request is complete and actionable",
                "信息不足时联系用户补充 / Contact the user when information is missing",
                "按服务和技能分配处理组及处理人 / Assign the group and engineer by service and skill",
                "高优先级请求同时通知值班负责人 / Notify the duty lead of high-priority requests",
            ],
            Some(0.5),
            (Some(Opened), Some(Assigned)),
        ),
        step(
            "响应",
            "Responded",
            DELIVERY,
            "已分配的工单 / The assigned ticket",
            "首次响应记录：已联系用户并告知预计完成时间 / The first response: the user contacted \
             and told the expected completion time",
            &[
                "首次联系用户并确认需求 / Contact the user and confirm the need",
                "告知预计解决时间 / Give the expected resolution time",
                "在工单中记录首次响应 / Record the first response in the ticket",
                "需等待用户时将状态设为“等待用户信息” / Set “Awaiting User Info” while waiting \
                 for the user",
            ],
            Some(0.5),
            (Some(Assigned), Some(Responded)),
        ),
        step(
            "解决并确认",
            "Resolved and confirmed",
            DELIVERY,
            "已响应的工单、知识库、配置信息 / The responded ticket, the knowledge base, \
             configuration data",
            "解决方案记录、用户确认、已关闭的工单 / The recorded solution, the user's \
             confirmation, the closed ticket",
            &[
                "实施解决方案并验证结果 / Apply the solution and verify the result",
                "在工单中记录解决方法和原因 / Record the solution and the cause in the ticket",
                "与用户确认问题已解决后关闭工单 / Close the ticket once the user confirms",
                "可复用的方案更新到知识库 / Add reusable solutions to the knowledge base",
            ],
            Some(24.0),
            (Some(Responded), Some(Closed)),
        ),
        step(
            "反馈记录",
            "Feedback recorded",
            SUPPORT,
            "已关闭的工单 / The closed ticket",
            "满意度评价记录；低分回访记录 / The satisfaction response; the call-back note for a \
             low score",
            &[
                "关闭后向用户发送满意度调查 / Send the satisfaction survey after closing",
                "记录用户评分和意见 / Record the user's score and comments",
                "低分评价在 2 个工作日内回访 / Call back on a low score within 2 working days",
                "意见汇总进入改进行动清单 / Feed the comments into the improvement actions",
            ],
            Some(40.0),
            (Some(Closed), Some(Feedback)),
        ),
    ];
    (p, version(&["New", "Active", "Resolved", "Closed"], steps))
}

fn delivery() -> (Process, SopVersion) {
    let p = process(
        "DLV",
        ProcessKind::Delivery,
        "服务交付流程",
        "Service delivery process",
        "新服务或服务变更从需求确认到交付验收的流程（框架，待补充）。/ Delivering a new or \
         changed service, from the confirmed requirement to acceptance (skeleton).",
    );
    let steps = vec![
        step(
            "需求确认",
            "Requirement confirmed",
            DELIVERY,
            "业务部门的服务需求 / The business's service requirement",
            "需求说明书（范围、服务水平、验收标准）/ A requirement statement (scope, service \
             levels, acceptance criteria)",
            &[
                "与业务负责人确认范围和优先级 / Confirm scope and priority with the business owner",
                "明确服务水平和验收标准 / Agree service levels and acceptance criteria",
            ],
            Some(16.0),
            (None, None),
        ),
        step(
            "方案与计划",
            "Design and plan",
            DELIVERY,
            "需求说明书 / The requirement statement",
            "实施方案与计划、资源安排 / The design, the plan and the resources",
            &[
                "评估技术方案和风险 / Assess the technical design and risks",
                "制定里程碑计划并经审批 / Set a milestone plan and have it approved",
            ],
            None,
            (None, None),
        ),
        step(
            "实施与验证",
            "Build and verify",
            DELIVERY,
            "已批准的方案与计划 / The approved design and plan",
            "测试记录、上线方案 / Test records, the go-live plan",
            &[
                "按计划实施并记录变更 / Build to plan and record the changes",
                "完成测试并留存记录 / Test and keep the records",
            ],
            None,
            (None, None),
        ),
        step(
            "交付验收",
            "Handover and acceptance",
            SUPPORT,
            "测试记录、运维文档 / Test records, operations documents",
            "验收签字、纳入服务目录 / The signed acceptance, the catalogue entry",
            &[
                "移交运维文档和知识库条目 / Hand over operations documents and knowledge articles",
                "业务负责人签字验收 / Business owner signs the acceptance",
            ],
            Some(8.0),
            (None, None),
        ),
    ];
    (p, version(&[], steps))
}

fn monitoring() -> (Process, SopVersion) {
    let p = process(
        "MON",
        ProcessKind::Monitoring,
        "服务监控流程",
        "Service monitoring process",
        "服务可用性与性能的日常监控和告警处置（框架，待补充）。/ Day-to-day monitoring of \
         availability and performance, and the handling of alerts (skeleton).",
    );
    let steps = vec![
        step(
            "监控指标设定",
            "Monitoring indicators set",
            MONITORING,
            "服务水平协议、服务目录 / The SLAs, the service catalogue",
            "监控项与告警阈值清单 / The monitored items and alert thresholds",
            &[
                "为每项服务确定关键指标 / Choose the key indicators of each service",
                "设定告警阈值和通知对象 / Set alert thresholds and who is notified",
            ],
            None,
            (None, None),
        ),
        step(
            "日常监控与告警",
            "Monitoring and alerting",
            MONITORING,
            "监控平台数据 / Monitoring platform data",
            "告警记录、值班日志 / Alert records, the duty log",
            &[
                "每班检查监控大屏和告警 / Check the dashboard and alerts every shift",
                "确认告警并登记 / Acknowledge and log each alert",
            ],
            Some(0.25),
            (None, None),
        ),
        step(
            "异常处置",
            "Exception handled",
            DELIVERY,
            "告警记录 / The alert record",
            "事件工单、处置记录 / The incident ticket, the handling record",
            &[
                "判断影响范围并创建事件工单 / Assess the impact and raise an incident",
                "处置后确认指标恢复正常 / Confirm the indicators are back to normal",
            ],
            Some(4.0),
            (None, None),
        ),
        step(
            "监控报告",
            "Monitoring report",
            QUALITY,
            "告警和事件记录 / Alert and incident records",
            "月度监控报告 / The monthly monitoring report",
            &[
                "汇总可用性和告警趋势 / Summarise availability and alert trends",
                "提出需改进的监控项 / Propose monitoring improvements",
            ],
            None,
            (None, None),
        ),
    ];
    (p, version(&[], steps))
}

fn evaluation() -> (Process, SopVersion) {
    let p = process(
        "EVL",
        ProcessKind::Evaluation,
        "服务评价流程",
        "Service evaluation process",
        "按季度评价服务质量并跟踪改进行动（框架，待补充）。/ The quarterly evaluation of service \
         quality and the follow-up of improvement actions (skeleton).",
    );
    let steps = vec![
        step(
            "数据收集",
            "Data collected",
            QUALITY,
            "工单数据、满意度调查、监控报告 / Ticket data, satisfaction surveys, monitoring \
             reports",
            "本季度的完整数据集 / The quarter's complete data",
            &[
                "导入本季度工单和满意度数据 / Import the quarter's tickets and responses",
                "检查数据完整性 / Check the data is complete",
            ],
            Some(16.0),
            (None, None),
        ),
        step(
            "指标分析",
            "Figures analysed",
            QUALITY,
            "本季度数据 / The quarter's data",
            "季度服务质量报告 / The quarterly service quality pack",
            &[
                "计算服务水平达成率和满意度 / Compute SLA attainment and satisfaction",
                "识别未达标的服务和原因 / Identify services below target and why",
            ],
            Some(24.0),
            (None, None),
        ),
        step(
            "评审会议",
            "Review meeting",
            QUALITY,
            "季度服务质量报告 / The quarterly pack",
            "会议纪要、改进行动 / Minutes, improvement actions",
            &[
                "与 IT 和业务代表共同评审 / Review with IT and business representatives",
                "确定改进行动的负责人和期限 / Give each action an owner and a due date",
            ],
            None,
            (None, None),
        ),
        step(
            "改进跟踪",
            "Improvement followed up",
            QUALITY,
            "改进行动清单 / The improvement actions",
            "行动状态和效果记录 / Action status and measured results",
            &[
                "每月跟踪行动进展 / Follow the actions up monthly",
                "关闭前衡量改进效果 / Measure the result before closing",
            ],
            None,
            (None, None),
        ),
    ];
    (p, version(&[], steps))
}

/// The default processes, each with its first version (process ids 0: filled in on insert).
pub fn library() -> Vec<(Process, SopVersion)> {
    vec![request(), delivery(), monitoring(), evaluation()]
}

fn dimension(
    n: usize,
    name_zh: &str,
    name_en: &str,
    evidence: Evidence,
    items: [(&str, &str, bool); 5],
) -> Dimension {
    Dimension {
        id: None,
        code: format!("D{n}"),
        name_zh: name_zh.to_string(),
        name_en: name_en.to_string(),
        evidence,
        items: items
            .iter()
            .enumerate()
            .map(|(k, &(zh, en, reverse))| Item {
                id: None,
                code: format!("Q{n}-{}", k + 1),
                text_zh: zh.to_string(),
                text_en: en.to_string(),
                reverse,
            })
            .collect(),
    }
}

/// The four-challenge questionnaire: 5 Likert items (1 strongly disagree … 5 strongly agree)
/// per dimension, phrased so that agreeing means a good state, except the reverse-scored items.
pub fn questionnaire() -> Questionnaire {
    Questionnaire {
        dimensions: vec![
            dimension(
                1,
                "服务质量不稳定",
                "Unstable service quality",
                Evidence::Stability,
                [
                    (
                        "同类服务请求的处理结果和用时在不同时期基本一致。",
                        "Requests of the same kind get the same result in about the same time, \
                         whatever the period.",
                        false,
                    ),
                    (
                        "服务通常能在承诺的时限内完成。",
                        "Services are usually completed within the promised time.",
                        false,
                    ),
                    (
                        "服务质量很大程度上取决于由哪位工程师处理。",
                        "Service quality depends largely on which engineer handles the request.",
                        true,
                    ),
                    (
                        "问题一次解决，很少需要重新打开或返工。",
                        "Problems are fixed the first time and rarely reopened or reworked.",
                        false,
                    ),
                    (
                        "业务高峰期或人员变动时，服务质量明显下降。",
                        "Service quality drops noticeably at busy times or when staff change.",
                        true,
                    ),
                ],
            ),
            dimension(
                2,
                "缺乏标准化流程",
                "No standard process",
                Evidence::Standardisation,
                [
                    (
                        "服务请求的处理步骤有书面规定（SOP），并为相关人员所熟知。",
                        "The steps for handling a service request are written down (SOP) and \
                         known to everyone involved.",
                        false,
                    ),
                    (
                        "每个处理步骤都有明确的负责人和时限。",
                        "Every step has a clear owner and time limit.",
                        false,
                    ),
                    (
                        "处理方式因人而异，经常需要临时协调。",
                        "How a request is handled varies from person to person and often needs \
                         ad-hoc coordination.",
                        true,
                    ),
                    (
                        "工单记录完整，能追溯每一步由谁在何时完成。",
                        "Ticket records are complete: who did each step, and when, can be traced.",
                        false,
                    ),
                    (
                        "流程变更经过评审和批准，并及时通知相关人员。",
                        "Process changes are reviewed, approved and announced to those concerned \
                         in time.",
                        false,
                    ),
                ],
            ),
            dimension(
                3,
                "用户需求未充分理解",
                "User needs not understood",
                Evidence::Needs,
                [
                    (
                        "IT 人员在处理前会确认用户的真实需求和期望。",
                        "IT staff confirm what the user actually needs and expects before acting.",
                        false,
                    ),
                    (
                        "服务目录和服务水平与各项业务的重要程度相匹配。",
                        "The service catalogue and service levels match how much each service \
                         matters to the business.",
                        false,
                    ),
                    (
                        "工单已标记为“已解决”，但用户的实际问题仍未解决的情况时有发生。",
                        "Tickets are often marked “resolved” while the user's real problem \
                         remains.",
                        true,
                    ),
                    (
                        "定期收集并分析用户的意见和满意度。",
                        "User feedback and satisfaction are collected and analysed regularly.",
                        false,
                    ),
                    (
                        "IT 部门与业务部门对“好的服务”的理解存在明显差异。",
                        "IT and the business clearly differ on what “good service” means.",
                        true,
                    ),
                ],
            ),
            dimension(
                4,
                "缺乏持续改进机制",
                "No continual-improvement mechanism",
                Evidence::Improvement,
                [
                    (
                        "定期评审服务质量指标，并据此制定改进行动。",
                        "Service quality figures are reviewed regularly and improvement actions \
                         are set from them.",
                        false,
                    ),
                    (
                        "改进行动有负责人和完成期限，并跟踪到关闭。",
                        "Improvement actions have an owner and a due date and are followed up \
                         until closed.",
                        false,
                    ),
                    (
                        "改进完成后会衡量效果，确认问题确实得到改善。",
                        "The result of an improvement is measured to confirm the problem really \
                         got better.",
                        false,
                    ),
                    (
                        "同样的问题反复出现，却没有人系统地分析原因。",
                        "The same problems keep coming back and nobody analyses their causes \
                         systematically.",
                        true,
                    ),
                    (
                        "用户的反馈会转化为具体的服务改进措施。",
                        "User feedback is turned into concrete service improvements.",
                        false,
                    ),
                ],
            ),
        ],
    }
}
