//! The demo's feedback and improvement records: a periodic 1–10 survey and phone follow-ups
//! (yes/no) beside the ticket ratings, interviews with business departments, complaints, the
//! review meetings of the two quarters before the last, and a CSI register of a dozen actions
//! whose baselines are the workspace's own measured figures. Deterministic from the demo seed.

use super::{DemoSpec, PROFILES};
use crate::clock::FixedClock;
use crate::domain::{to_secs, Quarter, SatisfactionResponse, Scale, Source};
use crate::feedback::{
    value, ActionStatus, ComplaintStatus, Extra, FeedbackRecord, MetricKey, Origin, Severity,
};
use crate::store::{self, ResponseWriter};
use crate::workspace::Workspace;
use crate::Result;
use chrono::{Duration, NaiveDate};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

const SURVEY_GOOD: [&str; 5] = [
    "服务台响应快，问题基本当天解决。",
    "自助重置密码很方便。",
    "工程师上门及时，态度好。",
    "网络比去年稳定多了。",
    "Portal is easy to use now.",
];
const SURVEY_POOR: [&str; 5] = [
    "月结期间 ERP 很慢，报障后等了很久。",
    "同一个问题报了三次，每次都换人处理。",
    "晚上网络故障没有人值班。",
    "人事系统的问题不知道找谁。",
    "Nobody told me the ticket was closed.",
];

/// (date, department, interviewee, service code, judgement 1–5, notes)
const INTERVIEWS: [(&str, &str, &str, &str, u8, &str); 10] = [
    (
        "2025-09-18",
        "财务部",
        "陈经理",
        "ERP",
        3,
        "月结期间系统慢，希望提前扩容；对服务台态度满意。",
    ),
    (
        "2025-11-06",
        "销售部",
        "李主管",
        "NET",
        4,
        "外地办事处网络偶有中断，处理及时。",
    ),
    (
        "2025-12-10",
        "人力资源部",
        "王主任",
        "HRIS",
        2,
        "考勤数据同步常出错，问题转了几次才有人负责。",
    ),
    (
        "2026-01-20",
        "生产部",
        "赵工",
        "DESK",
        4,
        "桌面支持很快，希望增加现场支持时段。",
    ),
    (
        "2026-03-12",
        "财务部",
        "陈经理",
        "ERP",
        2,
        "季度结账时报障两次，均超过一天才解决。",
    ),
    (
        "2026-04-22",
        "法务部",
        "孙律师",
        "MAIL",
        5,
        "邮件归档功能上线后很满意。",
    ),
    (
        "2026-05-28",
        "销售部",
        "李主管",
        "ACCT",
        5,
        "账号开通从两天缩短到半天。",
    ),
    (
        "2026-07-09",
        "人力资源部",
        "王主任",
        "HRIS",
        3,
        "有改善，但仍不清楚问题由谁负责。",
    ),
    (
        "2026-08-19",
        "生产部",
        "赵工",
        "NET",
        3,
        "夜班时段网络故障仍需等到早上处理。",
    ),
    (
        "2026-09-16",
        "财务部",
        "陈经理",
        "ERP",
        2,
        "ERP 响应仍然偏慢，希望有专人对接。",
    ),
];

/// (date, service, channel, severity, description, loss in yuan, status, resolution,
/// days to resolve)
type ComplaintRow = (
    &'static str,
    &'static str,
    &'static str,
    Severity,
    &'static str,
    Option<i64>,
    ComplaintStatus,
    &'static str,
    Option<i64>,
);
const COMPLAINTS: [ComplaintRow; 14] = [
    (
        "2025-08-05",
        "ERP",
        "电话",
        Severity::High,
        "月结当天 ERP 无法登录两小时，影响凭证录入。",
        Some(12_000),
        ComplaintStatus::Closed,
        "扩容应用服务器，月结前做容量检查。",
        Some(6),
    ),
    (
        "2025-09-22",
        "NET",
        "邮件",
        Severity::Medium,
        "分公司网络中断半天，无人通知进展。",
        Some(5_000),
        ComplaintStatus::Closed,
        "建立故障通报模板。",
        Some(3),
    ),
    (
        "2025-11-14",
        "HRIS",
        "当面",
        Severity::Medium,
        "考勤异常工单三次转派，一周未解决。",
        None,
        ComplaintStatus::Closed,
        "明确 HRIS 二线负责人。",
        Some(8),
    ),
    (
        "2025-12-29",
        "ERP",
        "邮件",
        Severity::High,
        "年结期间报表生成超时，财务加班处理。",
        Some(20_000),
        ComplaintStatus::Closed,
        "优化报表任务调度。",
        Some(10),
    ),
    (
        "2026-01-16",
        "DESK",
        "电话",
        Severity::Low,
        "上门维修迟到一小时。",
        None,
        ComplaintStatus::Closed,
        "调整现场排班。",
        Some(2),
    ),
    (
        "2026-02-24",
        "NET",
        "电话",
        Severity::Medium,
        "夜间生产网络中断，次日才恢复。",
        Some(30_000),
        ComplaintStatus::Closed,
        "增加夜间值班（见改进措施）。",
        Some(5),
    ),
    (
        "2026-03-30",
        "ERP",
        "满意度调查",
        Severity::High,
        "季度结账期间 ERP 响应慢，报障无人跟进。",
        Some(15_000),
        ComplaintStatus::Closed,
        "设立二线专家值班表。",
        Some(12),
    ),
    (
        "2026-04-18",
        "PRINT",
        "邮件",
        Severity::Low,
        "打印机缺耗材三天无人处理。",
        None,
        ComplaintStatus::Closed,
        "耗材改为按月巡检更换。",
        Some(4),
    ),
    (
        "2026-05-21",
        "HRIS",
        "邮件",
        Severity::Medium,
        "工资条系统出错，员工投诉。",
        Some(3_000),
        ComplaintStatus::Closed,
        "修复接口并补发。",
        Some(3),
    ),
    (
        "2026-06-29",
        "ERP",
        "电话",
        Severity::Critical,
        "半年结账当天系统宕机 3 小时。",
        Some(80_000),
        ComplaintStatus::Closed,
        "数据库故障切换演练，月结保障方案。",
        Some(9),
    ),
    (
        "2026-07-23",
        "DESK",
        "当面",
        Severity::Low,
        "服务台电话高峰时段占线。",
        None,
        ComplaintStatus::Resolved,
        "高峰时段增加一名坐席。",
        Some(6),
    ),
    (
        "2026-08-12",
        "NET",
        "电话",
        Severity::Medium,
        "会议室无线网络频繁掉线。",
        Some(2_000),
        ComplaintStatus::Resolved,
        "更换 AP 并调整信道。",
        Some(7),
    ),
    (
        "2026-09-08",
        "ERP",
        "邮件",
        Severity::High,
        "ERP 采购审批流程卡住两天。",
        Some(10_000),
        ComplaintStatus::Investigating,
        "",
        None,
    ),
    (
        "2026-09-25",
        "HRIS",
        "电话",
        Severity::Medium,
        "绩效系统填报截止日无法提交。",
        None,
        ComplaintStatus::Open,
        "",
        None,
    ),
];

struct DemoAction {
    title: &'static str,
    description: &'static str,
    origin: Origin,
    /// 0 = the first meeting, 1 = the second, None = not from a meeting.
    meeting: Option<usize>,
    owner: &'static str,
    due: &'static str,
    status: ActionStatus,
    done: Option<&'static str>,
    metric: Option<MetricKey>,
    service: Option<&'static str>,
    /// The target as a change from the measured baseline (points, hours or count).
    improve_by: f64,
    /// The complaint (index into COMPLAINTS) it answers.
    complaint: Option<usize>,
}

const ACTIONS: [DemoAction; 12] = [
    DemoAction {
        title: "ERP 二线专家值班表",
        description: "月结、季结期间安排 ERP 二线专家值班，报障 30 分钟内响应。",
        origin: Origin::Review,
        meeting: Some(0),
        owner: "郑浩",
        due: "2026-05-31",
        status: ActionStatus::Done,
        done: Some("2026-05-20"),
        metric: Some(MetricKey::ResponseAttainment),
        service: Some("ERP"),
        improve_by: 6.0,
        complaint: Some(6),
    },
    DemoAction {
        title: "网络故障处理知识库",
        description: "整理网络常见故障的处理步骤，纳入一线处理范围。",
        origin: Origin::Review,
        meeting: Some(0),
        owner: "高鹏",
        due: "2026-06-30",
        status: ActionStatus::Done,
        done: Some("2026-06-25"),
        metric: Some(MetricKey::ResolutionAttainment),
        service: Some("NET"),
        improve_by: 4.0,
        complaint: None,
    },
    DemoAction {
        title: "账号自助重置上线",
        description: "门户提供密码自助重置与权限申请模板。",
        origin: Origin::Review,
        meeting: Some(0),
        owner: "吴芳",
        due: "2026-05-15",
        status: ActionStatus::Done,
        done: Some("2026-05-10"),
        metric: Some(MetricKey::MedianResolutionHours),
        service: Some("ACCT"),
        improve_by: -0.3,
        complaint: None,
    },
    DemoAction {
        title: "服务台工单回访制度",
        description: "解决后 24 小时内回访并记录满意度。",
        origin: Origin::Review,
        meeting: Some(0),
        owner: "冯雪",
        due: "2026-06-15",
        status: ActionStatus::Done,
        done: Some("2026-06-01"),
        metric: Some(MetricKey::Csat),
        service: Some("DESK"),
        improve_by: 1.5,
        complaint: None,
    },
    DemoAction {
        title: "人力资源系统用户访谈",
        description: "访谈人力资源部关键用户，明确问题责任人。",
        origin: Origin::Review,
        meeting: Some(0),
        owner: "许婷",
        due: "2026-08-31",
        status: ActionStatus::InProgress,
        done: None,
        metric: Some(MetricKey::Csat),
        service: Some("HRIS"),
        improve_by: 5.0,
        complaint: None,
    },
    DemoAction {
        title: "ERP 月结保障方案",
        description: "月结前容量检查、数据库切换演练、专人值守。",
        origin: Origin::Complaint,
        meeting: None,
        owner: "郑浩",
        due: "2026-07-31",
        status: ActionStatus::Done,
        done: Some("2026-07-28"),
        metric: Some(MetricKey::Complaints),
        service: Some("ERP"),
        improve_by: -1.0,
        complaint: Some(9),
    },
    DemoAction {
        title: "数据中心 P1 处理流程演练",
        description: "每季度一次 P1 故障演练，缩短恢复时间。",
        origin: Origin::Breach,
        meeting: Some(1),
        owner: "梁斌",
        due: "2026-09-30",
        status: ActionStatus::Done,
        done: Some("2026-09-15"),
        metric: Some(MetricKey::ResolutionAttainment),
        service: Some("DC"),
        improve_by: 2.0,
        complaint: None,
    },
    DemoAction {
        title: "工单分派规则优化",
        description: "按类别自动分派，减少转派。",
        origin: Origin::Review,
        meeting: Some(1),
        owner: "周杰",
        due: "2026-12-31",
        status: ActionStatus::InProgress,
        done: None,
        metric: Some(MetricKey::ReassignmentRate),
        service: None,
        improve_by: -4.0,
        complaint: None,
    },
    DemoAction {
        title: "网络夜间值班",
        description: "22:00–8:00 安排网络值班工程师。",
        origin: Origin::Review,
        meeting: Some(1),
        owner: "高鹏",
        due: "2026-10-31",
        status: ActionStatus::Open,
        done: None,
        metric: Some(MetricKey::MedianResolutionHours),
        service: Some("NET"),
        improve_by: -0.3,
        complaint: None,
    },
    DemoAction {
        title: "服务目录与 SLA 文档更新",
        description: "内部审核发现服务目录未包含 HRIS 的服务标准，补充并发布。",
        origin: Origin::Audit,
        meeting: None,
        owner: "宋佳",
        due: "2026-08-31",
        status: ActionStatus::Done,
        done: Some("2026-08-20"),
        metric: None,
        service: None,
        improve_by: 0.0,
        complaint: None,
    },
    DemoAction {
        title: "满意度调查覆盖率提升",
        description: "工单关闭时推送调查，季度调查扩大到全部部门。",
        origin: Origin::Review,
        meeting: Some(1),
        owner: "冯雪",
        due: "2026-12-15",
        status: ActionStatus::InProgress,
        done: None,
        metric: Some(MetricKey::ResponseRate),
        service: None,
        improve_by: 8.0,
        complaint: None,
    },
    DemoAction {
        title: "打印耗材按月巡检",
        description: "改为按月巡检更换耗材（已由供应商合同覆盖，取消）。",
        origin: Origin::Complaint,
        meeting: None,
        owner: "何军",
        due: "2026-06-30",
        status: ActionStatus::Cancelled,
        done: None,
        metric: Some(MetricKey::Complaints),
        service: Some("PRINT"),
        improve_by: -1.0,
        complaint: Some(7),
    },
];

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid demo date")
}

/// Adds the records. Needs the tickets, staff and services of the demo already written.
pub(super) fn populate(ws: &Workspace, spec: &DemoSpec) -> Result<()> {
    let conn = ws.conn();
    let mut rng = SmallRng::seed_from_u64(spec.seed ^ 0xfeed);
    let services: Vec<(String, i64)> = store::list_services(conn)?
        .into_iter()
        .map(|s| (s.code, s.id))
        .collect();
    let svc = |code: &str| services.iter().find(|(c, _)| c == code).map(|(_, id)| *id);
    let (_, staff_by_name) = store::staff_keys(conn)?;

    // Baselines are what the workspace measures, before anything else is written.
    let clock = FixedClock(
        spec.last
            .next()
            .start_date()
            .and_hms_opt(9, 0, 0)
            .expect("valid time"),
    );
    let meetings = [spec.last.prev().prev(), spec.last.prev()];
    let mut measured = Vec::new();
    for q in meetings {
        let m = ws.metrics(q, &clock)?;
        measured.push(m);
    }
    let baseline = |mi: usize, key: MetricKey, service: Option<&str>| -> Option<f64> {
        let m = &measured[mi];
        let f = match service.and_then(svc) {
            Some(id) => &m.services.iter().find(|s| s.service_id == id)?.figures,
            None => &m.overall,
        };
        value(f, Extra::default(), key)
    };

    let tx = conn.unchecked_transaction()?;
    // Periodic survey (1–10) on four services and phone follow-ups (yes/no), every quarter.
    let mut writer = ResponseWriter::new(&tx)?;
    let mut q = spec.first;
    let mut n = 0;
    while q <= spec.last {
        let t = (q.year * 4 + i32::from(q.q) - spec.first.year * 4 - i32::from(spec.first.q))
            as f64
            / 4.0;
        for code in ["DESK", "ERP", "NET", "HRIS"] {
            let Some(service_id) = svc(code) else {
                continue;
            };
            let p = PROFILES.iter().find(|p| p.code == code).expect("profile");
            let sat = p.satisfied.0 + (p.satisfied.1 - p.satisfied.0) * t.min(1.0);
            for _ in 0..12 {
                n += 1;
                let satisfied = rng.gen_bool(sat);
                let score = if satisfied {
                    f64::from(rng.gen_range(9..=10))
                } else {
                    f64::from(rng.gen_range(3..=8))
                };
                let pool = if satisfied {
                    &SURVEY_GOOD
                } else {
                    &SURVEY_POOR
                };
                let comment = rng
                    .gen_bool(0.5)
                    .then(|| pool[rng.gen_range(0..pool.len())].to_string());
                let on = q.start_date() + Duration::days(rng.gen_range(60..85));
                writer.upsert(
                    Source::Demo,
                    &format!("SURVEY-{q}-{n:04}"),
                    &SatisfactionResponse {
                        service_id,
                        ticket_key: None,
                        responded_at: to_secs(on.and_hms_opt(10, 0, 0).expect("valid time")),
                        score,
                        scale: Scale { min: 1, max: 10 },
                        comment,
                        channel: "survey".into(),
                    },
                    None,
                )?;
            }
            for _ in 0..4 {
                n += 1;
                let on = q.start_date() + Duration::days(rng.gen_range(5..85));
                writer.upsert(
                    Source::Demo,
                    &format!("PHONE-{q}-{n:04}"),
                    &SatisfactionResponse {
                        service_id,
                        ticket_key: None,
                        responded_at: to_secs(on.and_hms_opt(15, 0, 0).expect("valid time")),
                        score: if rng.gen_bool(sat) { 1.0 } else { 0.0 },
                        scale: Scale { min: 0, max: 1 },
                        comment: None,
                        channel: "phone".into(),
                    },
                    None,
                )?;
            }
        }
        q = q.next();
    }
    drop(writer);

    for (on, dept, who, code, judgement, notes) in INTERVIEWS {
        store::save_feedback_record(
            &tx,
            &FeedbackRecord::Interview {
                id: None,
                held_on: day(on),
                department: dept.into(),
                interviewee: who.into(),
                service_id: svc(code),
                notes: notes.into(),
                judgement,
            },
        )?;
    }

    let staff = |name: &str| staff_by_name.get(name).copied();
    let attendees: Vec<i64> = ["罗丹", "周杰", "吴芳", "郑浩", "冯雪", "高鹏", "许婷"]
        .iter()
        .filter_map(|n| staff(n))
        .collect();
    let meeting_text = [
        (
            "ERP 响应达成率连续两个季度下降；网络服务在标准收紧到 4 小时后解决达成率未达标；\
             人力资源系统满意度低于 80%；投诉集中在月结期间的 ERP。",
            "设立 ERP 二线专家值班表\n建设网络故障处理知识库\n账号自助重置上线\n\
             建立服务台回访制度\n访谈人力资源部关键用户",
        ),
        (
            "ERP 仍未达标，半年结账当天发生宕机并引发严重投诉；数据中心 P1 解决达成率偏低；\
             转派率偏高；满意度调查覆盖率不足。上季度 5 项措施中 4 项已完成。",
            "数据中心 P1 处理流程季度演练\n按类别自动分派工单，降低转派率\n\
             网络夜间值班\n满意度调查覆盖率提升到 40%\n下次评审检查 ERP 月结保障方案效果",
        ),
    ];
    let mut meeting_ids = Vec::new();
    for (i, q) in meetings.iter().enumerate() {
        let held = q.next().start_date() + Duration::days(14);
        meeting_ids.push(store::save_feedback_record(
            &tx,
            &FeedbackRecord::Meeting {
                id: None,
                quarter: *q,
                held_on: held,
                title: format!("{} 年第 {} 季度服务质量评审会", q.year, q.q),
                attendees: attendees.clone(),
                findings: meeting_text[i].0.into(),
                decisions: meeting_text[i].1.into(),
            },
        )?);
    }

    let mut action_ids = Vec::new();
    for a in &ACTIONS {
        let mi = a
            .meeting
            .unwrap_or(if a.due < "2026-07-01" { 0 } else { 1 });
        // An action raised on a complaint starts from the quarter of that complaint.
        let bq = a
            .complaint
            .map_or(meetings[mi], |c| Quarter::of_date(day(COMPLAINTS[c].0)));
        let base = match a.metric {
            Some(MetricKey::Complaints) => Some(
                COMPLAINTS
                    .iter()
                    .filter(|c| Some(c.1) == a.service && Quarter::of_date(day(c.0)) == bq)
                    .count() as f64,
            ),
            Some(k) => baseline(mi, k, a.service),
            None => None,
        };
        let round1 = |v: f64| (v * 10.0).round() / 10.0;
        let base = base.map(round1);
        let target = match (a.metric, base) {
            (Some(MetricKey::Complaints), _) => Some(0.0),
            (Some(k), Some(b)) if k.is_pct() => Some(round1((b + a.improve_by).clamp(0.0, 100.0))),
            (Some(_), Some(b)) => Some(round1((b + a.improve_by).max(0.0))),
            _ => None,
        };
        action_ids.push(store::save_feedback_record(
            &tx,
            &FeedbackRecord::Action {
                id: None,
                code: String::new(),
                title: a.title.into(),
                description: a.description.into(),
                origin: a.origin,
                meeting_id: a.meeting.map(|i| meeting_ids[i]),
                owner_staff_id: staff(a.owner),
                due_on: day(a.due),
                status: a.status,
                done_on: a.done.map(day),
                metric: a.metric,
                service_id: a.service.and_then(svc),
                baseline_quarter: a.metric.map(|_| bq),
                baseline_value: base,
                target_value: target,
            },
        )?);
    }

    for (i, c) in COMPLAINTS.iter().enumerate() {
        let received = day(c.0);
        let action = ACTIONS
            .iter()
            .position(|a| a.complaint == Some(i))
            .map(|k| action_ids[k]);
        store::save_feedback_record(
            &tx,
            &FeedbackRecord::Complaint {
                id: None,
                received_on: received,
                service_id: svc(c.1),
                channel: c.2.into(),
                severity: c.3,
                description: c.4.into(),
                loss_cents: c.5.map(|y| y * 100),
                status: c.6,
                resolution: c.7.into(),
                resolved_on: c.8.map(|d| received + Duration::days(d)),
                ticket_key: String::new(),
                action_id: action,
            },
        )?;
    }
    tx.commit()?;
    Ok(())
}
