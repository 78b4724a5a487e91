// The Feedback and Improvement commands of the mock shell: a realistic quarter of satisfaction
// responses, interviews, complaints, two review meetings and a dozen improvement actions (three
// overdue), edited in memory, with the figures derived as the core derives them (overdue, measured
// after, achieved, CSAT, excerpts, the meeting pre-fill, the programme evaluation).
// "Today" is 2026-09-30, as in the People fixtures. `?reject` makes the survey import fail.

import type { Action } from "../bindings/Action";
import type { ActionView } from "../bindings/ActionView";
import type { Change } from "../bindings/Change";
import type { Complaint } from "../bindings/Complaint";
import type { EvalRow } from "../bindings/EvalRow";
import type { Excerpts } from "../bindings/Excerpts";
import type { Feedback } from "../bindings/Feedback";
import type { FeedbackKind } from "../bindings/FeedbackKind";
import type { FeedbackRecord } from "../bindings/FeedbackRecord";
import type { Interview } from "../bindings/Interview";
import type { Meeting } from "../bindings/Meeting";
import type { MeetingPrefill } from "../bindings/MeetingPrefill";
import type { MetricKey } from "../bindings/MetricKey";
import type { Programme } from "../bindings/Programme";
import type { ProgrammeEvaluation } from "../bindings/ProgrammeEvaluation";
import type { Quarter } from "../bindings/Quarter";
import type { QuarterValue } from "../bindings/QuarterValue";
import type { Response } from "../bindings/Response";
import type { RowError } from "../bindings/RowError";
import type { SatisfactionRow } from "../bindings/SatisfactionRow";
import { higherIsBetter, isSatisfied, METRICS, normalised, quarterOf, sameQuarter } from "../lib/feedback";

export const TODAY = "2026-09-30";
const Q = (year: number, q: number): Quarter => ({ year, q });
const key = (q: Quarter) => `${q.year}Q${q.q}`;
/** The quarters with data, oldest first (the fixtures' workspace: 2025 Q4 – 2026 Q3). */
export const QUARTERS: Quarter[] = [Q(2025, 4), Q(2026, 1), Q(2026, 2), Q(2026, 3)];
const LATEST = Q(2026, 3);
const SERVICES = [
  { id: 1, code: "EMAIL", name: "电子邮件" },
  { id: 2, code: "NET", name: "网络接入" },
  { id: 3, code: "ERP", name: "ERP 系统" },
];

// ---- records -----------------------------------------------------------------------------------

type R = [service: number, date: string, channel: string, score: number, scale: [number, number], comment: string, ticket?: string];
const responseRows: R[] = [
  [1, "2026-09-28", "survey", 5, [1, 5], "邮箱扩容当天就处理好了，工程师还主动说明了归档方法，非常专业。"],
  [2, "2026-09-27", "ticket", 2, [1, 5], "会议室无线网络又断了，报修后两天才有人来。", "INC0015231"],
  [3, "2026-09-26", "survey", 9, [1, 10], "月结期间有专人值班，响应比上季度快多了。"],
  [1, "2026-09-25", "ticket", 4, [1, 5], "", "INC0015190"],
  [2, "2026-09-24", "phone", 1, [1, 5], "VPN 每天下午都掉线，影响远程办公，投诉多次未解决。"],
  [3, "2026-09-22", "ticket", 4, [1, 5], "报表导出问题解决了，但等待时间较长。", "INC0015102"],
  [1, "2026-09-20", "survey", 4, [1, 5], "整体满意，希望手机端邮件同步再快一些。"],
  [2, "2026-09-18", "survey", 9, [0, 10], "新员工入网流程比以前顺畅，但仍要跑两个部门。"],
  [3, "2026-09-17", "email", 5, [1, 5], "ERP 权限申请一小时内就开通了，点赞！"],
  [1, "2026-09-15", "ticket", 5, [1, 5], "", "INC0015011"],
  [2, "2026-09-12", "ticket", 4, [1, 5], "工程师上门很及时，交换机更换后网速明显提升。", "INC0014987"],
  [3, "2026-09-10", "survey", 2, [1, 5], "采购模块审批流经常卡住，找不到负责的人。"],
  [1, "2026-09-08", "survey", 0, [0, 1], "垃圾邮件过滤太严，客户邮件被拦截了。"],
  [2, "2026-09-05", "ticket", 5, [1, 5], "", "INC0014890"],
  [3, "2026-09-03", "ticket", 4, [1, 5], "问题描述清楚后很快就定位了原因。", "INC0014862"],
  [1, "2026-08-29", "phone", 4, [1, 5], "共享邮箱权限调整花了三天，不过结果满意。"],
  [2, "2026-08-27", "survey", 9, [0, 10], "分公司专线稳定了很多。"],
  [3, "2026-08-25", "survey", 4, [1, 5], "月结前的系统巡检通知很及时。"],
  [1, "2026-08-21", "ticket", 5, [1, 5], "密码重置几分钟就完成了。", "INC0014701"],
  [2, "2026-08-18", "ticket", 2, [1, 5], "无线认证页面经常打不开，解决后又复发。", "INC0014655"],
  [3, "2026-08-14", "email", 1, [1, 5], "凭证打印错版，耽误了报税，希望有人跟进原因。"],
  [1, "2026-08-11", "survey", 4, [1, 5], ""],
  [2, "2026-08-07", "survey", 3, [1, 5], "网络变更没有提前通知，影响了视频会议。"],
  [3, "2026-08-05", "ticket", 5, [1, 5], "顾问远程协助很耐心。", "INC0014520"],
  [1, "2026-07-30", "survey", 10, [1, 10], "邮件迁移项目组织得很好，几乎无感知。"],
  [2, "2026-07-24", "phone", 4, [1, 5], "夜间网络中断处理及时。"],
  [3, "2026-07-20", "survey", 4, [1, 5], "新版界面还不太习惯，但培训后能上手。"],
  [1, "2026-07-15", "ticket", 4, [1, 5], "附件大小限制没有提前告知，不过客服很快给了替代方案。", "INC0014302"],
  [2, "2026-07-10", "survey", 1, [0, 1], "机房搬迁期间网络切换顺利。"],
  [3, "2026-07-03", "ticket", 4, [1, 5], "", "INC0014188"],
];

export function seedResponses(): Response[] {
  return responseRows.map(([service_id, responded_on, channel, score, [scale_min, scale_max], comment, ticket], i) => ({
    id: 300 + i,
    service_id,
    channel,
    source: channel === "ticket" ? "servicenow" : channel === "survey" && i % 3 === 0 ? "survey" : "manual",
    responded_on,
    score,
    scale_min,
    scale_max,
    satisfied: isSatisfied(score, { min: scale_min, max: scale_max }),
    comment,
    ticket_key: ticket ?? "",
  }));
}

export const seedInterviews = (): Interview[] => [
  { id: 21, held_on: "2026-09-18", department: "财务部", interviewee: "刘敏（财务经理）", service_id: 3, judgement: 2, notes: "月结期间 ERP 响应慢，凭证打印错版导致报税延误；希望月结周有专人值守，并提前发布巡检结果。" },
  { id: 22, held_on: "2026-09-11", department: "销售中心", interviewee: "陈昊（区域总监）", service_id: 2, judgement: 3, notes: "分公司专线改善明显，但 VPN 下午时段仍不稳定。出差同事反馈认证页面加载慢。" },
  { id: 23, held_on: "2026-08-28", department: "人力资源部", interviewee: "王丽", service_id: 1, judgement: 4, notes: "新员工邮箱开通及时；建议入职清单中增加共享邮箱权限申请。" },
  { id: 24, held_on: "2026-08-20", department: "生产管理部", interviewee: "赵刚（车间主任）", service_id: null, judgement: 4, notes: "总体满意，夜间值班响应快。希望故障处理后能电话回访确认。" },
  { id: 25, held_on: "2026-07-16", department: "法务部", interviewee: "孙悦", service_id: 1, judgement: 5, notes: "邮件归档与检索满足合规要求，对服务台的专业度评价很高。" },
  { id: 26, held_on: "2026-06-25", department: "采购部", interviewee: "周宁", service_id: 3, judgement: 2, notes: "采购审批流经常卡住，不清楚该找谁；建议公布各模块负责人和升级路径。" },
];

export const seedComplaints = (): Complaint[] => [
  { id: 41, received_on: "2026-09-24", service_id: 2, channel: "phone", severity: "high", description: "VPN 连续两周每天下午掉线，远程办公人员无法访问内部系统。", loss_cents: 1_850_000, status: "investigating", resolution: "", resolved_on: null, ticket_key: "INC0015188", action_id: 108 },
  { id: 42, received_on: "2026-09-09", service_id: 3, channel: "email", severity: "critical", description: "月结期间凭证打印错版，导致增值税申报延误一天。", loss_cents: 5_200_000, status: "resolved", resolution: "修复打印模板版本并补打凭证；月结期间增派值班。", resolved_on: "2026-09-12", ticket_key: "INC0014960", action_id: 111 },
  { id: 43, received_on: "2026-08-30", service_id: 1, channel: "email", severity: "medium", description: "垃圾邮件过滤误拦截客户询价邮件，错过报价截止时间。", loss_cents: null, status: "open", resolution: "", resolved_on: null, ticket_key: "", action_id: 104 },
  { id: 44, received_on: "2026-08-12", service_id: 2, channel: "in_person", severity: "low", description: "会议室无线网络信号弱，客户来访演示时多次断线。", loss_cents: 0, status: "closed", resolution: "增加两台无线接入点并调整信道。", resolved_on: "2026-08-20", ticket_key: "INC0014640", action_id: null },
  { id: 45, received_on: "2026-07-21", service_id: 3, channel: "letter", severity: "medium", description: "采购审批流程卡在已离职人员名下一周，无人处理。", loss_cents: 320_000, status: "resolved", resolution: "清理离职人员审批节点，建立月度核对机制。", resolved_on: "2026-07-30", ticket_key: "INC0014330", action_id: 109 },
  { id: 46, received_on: "2026-07-08", service_id: 2, channel: "phone", severity: "high", description: "机房搬迁当天断网半天，未提前通知业务部门。", loss_cents: 960_050, status: "closed", resolution: "变更管理增加业务通知环节。", resolved_on: "2026-07-15", ticket_key: "CHG0003021", action_id: 108 },
  { id: 47, received_on: "2026-05-19", service_id: 1, channel: "survey", severity: "low", description: "附件大小限制没有提前告知，大文件发送失败。", loss_cents: null, status: "closed", resolution: "在邮件签名和门户公布附件限制及大文件传输方式。", resolved_on: "2026-05-25", ticket_key: "", action_id: null },
  { id: 48, received_on: "2026-04-08", service_id: null, channel: "other", severity: "medium", description: "服务台电话高峰期长时间无人接听。", loss_cents: null, status: "closed", resolution: "高峰时段增加一名坐席。", resolved_on: "2026-04-30", ticket_key: "", action_id: 101 },
];

export const seedMeetings = (): Meeting[] => [
  {
    id: 2,
    quarter: Q(2026, 2),
    held_on: "2026-07-14",
    title: "2026Q2 服务质量评审会",
    attendees: [1, 2, 4, 5, 7, 9, 11],
    findings:
      "一、质量标准：2026年第2季度达标 7 / 9 项。\n- EMAIL 电子邮件 · 满意度：实际 78.5%，要求 80.0%\n- ERP ERP 系统 · 解决：实际 86.5%，要求 90.0%\n\n二、较上季度下滑的指标：\n- ERP ERP 系统 · 解决时长中位数：9.1 小时 → 10.2 小时\n\n三、未完成的改进措施 3 项（其中逾期 0 项）：\n- CSI-003 ERP 问题升级流程梳理（负责人：褚明，截止 2026-08-31）",
    decisions: "减少工单转派：按服务目录调整派单规则\n桌面支持推广远程协助工具\nERP 月结期间增派值班\n邮件服务建立满意度回访机制",
  },
  {
    id: 1,
    quarter: Q(2026, 1),
    held_on: "2026-04-16",
    title: "2026Q1 服务质量评审会",
    attendees: [1, 2, 3, 4, 11],
    findings:
      "一、质量标准：2026年第1季度达标 6 / 9 项。\n- EMAIL 电子邮件 · 响应：实际 91.2%，要求 95.0%\n- NET 网络接入 · 解决：实际 85.4%，要求 90.0%\n- ERP ERP 系统 · 解决：实际 84.0%，要求 90.0%\n\n二、较上季度没有明显下滑的指标。\n\n三、未完成的改进措施 1 项（其中逾期 0 项）：\n- CSI-005 建立重开工单复盘制度（负责人：赵伟，截止 2026-03-31）",
    decisions: "服务台首次响应排班优化\n网络故障知识库补充常见问题 30 条\nERP 问题升级流程梳理",
  },
];

function act(
  id: number, code: string, title: string, origin: Action["origin"], meeting_id: number | null, owner: number | null,
  due_on: string, status: Action["status"], done_on: string | null,
  metric: MetricKey | null, service_id: number | null, baseline: [Quarter, number] | null, target_value: number | null, description = "",
): Action {
  return {
    id, code, title, description, origin, meeting_id, owner_staff_id: owner, due_on, status, done_on, metric, service_id,
    baseline_quarter: baseline?.[0] ?? null, baseline_value: baseline?.[1] ?? null, target_value,
  };
}

export const seedActions = (): Action[] => [
  act(101, "CSI-001", "服务台首次响应排班优化", "review", 1, 5, "2026-05-31", "done", "2026-05-28", "response_attainment", 1, [Q(2025, 4), 91.2], 95, "按来电高峰调整坐席排班，高峰时段增加一名坐席。"),
  act(102, "CSI-002", "网络故障知识库补充常见问题 30 条", "review", 1, 3, "2026-06-30", "done", "2026-06-10", "median_resolution_hours", 2, [Q(2026, 1), 14.6], 11),
  act(103, "CSI-003", "ERP 问题升级流程梳理", "breach", 1, 11, "2026-08-31", "in_progress", null, "resolution_attainment", 3, [Q(2026, 1), 84.0], 90, "明确二线、厂商支持的升级时限和联系人。"),
  act(104, "CSI-004", "邮件服务满意度回访机制", "review", 2, 5, "2026-09-15", "open", null, "csat", 1, [Q(2026, 2), 78.8], 85),
  act(105, "CSI-005", "建立重开工单复盘制度", "audit", null, 1, "2026-03-31", "done", "2026-03-28", "reopen_rate", null, [Q(2026, 1), 6.8], 4.0),
  act(106, "CSI-006", "减少工单转派：按服务目录调整派单规则", "review", 2, 4, "2026-10-31", "in_progress", null, "reassignment_rate", null, [Q(2026, 2), 18.2], 12),
  act(107, "CSI-007", "桌面支持推广远程协助工具", "review", 2, 7, "2026-12-31", "open", null, "median_resolution_hours", 1, [Q(2026, 2), 9.8], 8.0),
  act(108, "CSI-008", "网络变更提前通知与 VPN 稳定性整改", "complaint", null, 8, "2026-09-20", "open", null, "response_rate", 2, [Q(2026, 2), 12.4], 20),
  act(109, "CSI-009", "投诉处理时限承诺公示", "complaint", null, 6, "2026-06-30", "done", "2026-06-28", "complaints", null, [Q(2026, 1), 9], 5),
  act(110, "CSI-010", "服务目录年度更新", "audit", null, 1, "2026-02-28", "done", "2026-02-26", null, null, null, null),
  act(111, "CSI-011", "ERP 月结期间增派值班", "review", 2, 9, "2026-09-10", "done", "2026-09-05", "resolution_attainment", 3, [Q(2026, 2), 86.5], 92),
  act(112, "CSI-012", "夜间值班交接清单", "breach", null, 10, "2026-07-31", "cancelled", null, null, null, null, null, "与现有值班制度重复，并入 CSI-006。"),
];

// ---- the figures the core would measure ----------------------------------------------------------

/** Overall figures per quarter (2025 Q4 … 2026 Q3), by metric. The evaluation takes CSAT, mean
 *  score and response rate from the responses instead (`satisfaction`), as the table shows them. */
const OVERALL: Record<MetricKey, number[]> = {
  response_attainment: [93.1, 94.0, 95.2, 96.3],
  resolution_attainment: [86.4, 87.9, 88.5, 90.2],
  csat: [80.5, 82.0, 84.3, 86.1],
  mean_score: [4.02, 4.08, 4.15, 4.24],
  response_rate: [18.6, 19.4, 21.0, 23.5],
  median_resolution_hours: [15.8, 14.1, 12.9, 11.9],
  p90_resolution_hours: [62.0, 58.5, 55.2, 49.8],
  reassignment_rate: [19.5, 18.9, 18.2, 15.4],
  reopen_rate: [6.9, 6.8, 5.1, 3.9],
  volume: [5020, 4880, 5210, 5120],
  resolved_per_staff: [420.5, 401.2, 436.0, 441.9],
  complaints: [11, 9, 7, 6],
};
/** A few per-service series the actions target (same quarters). */
const BY_SERVICE: Record<string, (number | null)[]> = {
  "response_attainment/1": [91.2, 92.0, 94.1, 96.1],
  "median_resolution_hours/2": [16.2, 14.6, 13.0, 12.1],
  "median_resolution_hours/1": [10.5, 10.1, 9.8, 9.2],
  "resolution_attainment/3": [83.0, 84.0, 86.5, 88.9],
  "csat/1": [78.6, 77.4, 78.8, 90.0],
  "response_rate/2": [11.0, 11.8, 12.4, 14.0],
};

function series(metric: MetricKey, service: number | null, upTo: Quarter): QuarterValue[] {
  const values = service === null ? OVERALL[metric] : (BY_SERVICE[`${metric}/${service}`] ?? [null, null, null, null]);
  return QUARTERS.map((quarter, i) => ({ quarter, value: values[i] ?? null })).filter(
    (p) => p.quarter.year * 4 + p.quarter.q <= upTo.year * 4 + upTo.q,
  );
}

const startOf = (q: Quarter) => `${q.year}-${String((q.q - 1) * 3 + 1).padStart(2, "0")}-01`;

/** The core's `change`. */
export function change(k: MetricKey, baseline: number | null, current: number | null): Change {
  const abs = baseline !== null && current !== null ? current - baseline : null;
  const rel_pct = baseline !== null && current !== null && baseline !== 0 ? ((current - baseline) / Math.abs(baseline)) * 100 : null;
  const up = higherIsBetter(k);
  const improved = abs !== null && abs !== 0 && up !== null ? abs > 0 === up : null;
  return { baseline, current, abs, rel_pct, improved };
}

/** The core's `action_view`, judged on the data up to `upTo`. */
export function actionView(a: Action, upTo: Quarter, today = TODAY): ActionView {
  const overdue = (a.status === "open" || a.status === "in_progress") && a.due_on < today;
  const after =
    a.status === "done" && a.done_on && a.metric
      ? series(a.metric, a.service_id, upTo).filter((p) => startOf(p.quarter) > (a.done_on as string))
      : [];
  const measured = [...after].reverse().find((p) => p.value !== null) ?? null;
  const up = a.metric ? higherIsBetter(a.metric) : null;
  const v = measured?.value ?? null;
  const achieved =
    a.metric && v !== null && a.target_value !== null && up !== null ? (up ? v >= a.target_value - 1e-9 : v <= a.target_value + 1e-9) : null;
  return { action: a, overdue, after, measured, achieved, change: a.metric && measured ? change(a.metric, a.baseline_value, measured.value) : null };
}

const windowOf = (q: Quarter) => QUARTERS.filter((x) => x.year * 4 + x.q <= q.year * 4 + q.q).slice(-4);

/** Satisfaction per service and overall: the quarter from the responses, the quarters before from history. */
const HISTORY: Record<number, [responses: number, csat: number, mean: number, rate: number][]> = {
  1: [[28, 78.6, 3.96, 9.1], [31, 77.4, 4.03, 9.4], [33, 78.8, 4.05, 9.8]],
  2: [[36, 69.4, 3.78, 10.2], [34, 73.5, 3.88, 10.6], [38, 84.2, 4.16, 11.3]],
  3: [[12, 58.3, 3.5, 5.1], [20, 65.0, 3.62, 6.2], [24, 70.8, 3.75, 7.9]],
};
const RESOLVED_Q3: Record<number, number> = { 1: 104, 2: 88, 3: 120 };

function satisfaction(responses: Response[], q: Quarter): SatisfactionRow[] {
  const rows: SatisfactionRow[] = [];
  const quarters = windowOf(q);
  const overall = new Map<string, { n: number; sat: number; mean: number; resolved: number }>();
  for (const s of SERVICES) {
    for (const quarter of quarters) {
      const i = QUARTERS.findIndex((x) => sameQuarter(x, quarter));
      let row: SatisfactionRow;
      if (sameQuarter(quarter, LATEST)) {
        const mine = responses.filter((r) => r.service_id === s.id && sameQuarter(quarterOf(r.responded_on), quarter));
        const n = mine.length;
        const sat = mine.filter((r) => r.satisfied).length;
        const mean = n > 0 ? mine.reduce((sum, r) => sum + 1 + 4 * normalised(r), 0) / n : null;
        row = { service_id: s.id, code: s.code, name: s.name, quarter, responses: n, csat: n > 0 ? (sat * 100) / n : null, mean_score: mean, response_rate: (n * 100) / RESOLVED_Q3[s.id] };
      } else {
        const [n, csat, mean, rate] = HISTORY[s.id][i];
        row = { service_id: s.id, code: s.code, name: s.name, quarter, responses: n, csat: n > 0 ? csat : null, mean_score: n > 0 ? mean : null, response_rate: n > 0 ? rate : null };
      }
      rows.push(row);
      const o = overall.get(key(quarter)) ?? { n: 0, sat: 0, mean: 0, resolved: 0 };
      o.n += row.responses;
      o.sat += ((row.csat ?? 0) * row.responses) / 100;
      o.mean += (row.mean_score ?? 0) * row.responses;
      o.resolved += row.response_rate ? (row.responses * 100) / row.response_rate : 0;
      overall.set(key(quarter), o);
    }
  }
  for (const quarter of quarters) {
    const o = overall.get(key(quarter));
    if (!o) continue;
    rows.unshift({
      service_id: null, code: "", name: "", quarter, responses: o.n,
      csat: o.n > 0 ? (o.sat * 100) / o.n : null, mean_score: o.n > 0 ? o.mean / o.n : null, response_rate: o.resolved > 0 ? (o.n * 100) / o.resolved : null,
    });
  }
  return rows;
}

/** The core's `excerpts` (n per side). */
export function excerpts(responses: Response[], n: number): Excerpts[] {
  const by = new Map<number, Response[]>();
  for (const r of responses.filter((r) => r.comment.trim() !== "")) by.set(r.service_id, [...(by.get(r.service_id) ?? []), r]);
  const newer = (a: Response, b: Response) => b.responded_on.localeCompare(a.responded_on) || b.id - a.id;
  return [...by.entries()]
    .sort(([a], [b]) => a - b)
    .map(([service_id, v]) => {
      const lowest = v.slice().sort((a, b) => normalised(a) - normalised(b) || newer(a, b)).slice(0, n);
      const rest = v.filter((r) => !lowest.some((l) => l.id === r.id)).sort((a, b) => normalised(b) - normalised(a) || newer(a, b));
      return { service_id, lowest, highest: rest.slice(0, n) };
    });
}

/** The standards' satisfaction target of every service (the fixtures' default standard). */
const CSAT_REQUIRED = 80;

function prefill(q: Quarter, views: ActionView[], sat: SatisfactionRow[]): MeetingPrefill {
  const open = views
    .filter((v) => v.action.status === "open" || v.action.status === "in_progress")
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.action.due_on.localeCompare(b.action.due_on) || a.action.code.localeCompare(b.action.code));
  const prev = QUARTERS[QUARTERS.findIndex((x) => sameQuarter(x, q)) - 1];
  const row = (id: number, quarter: Quarter | undefined) => sat.find((r) => r.service_id === id && sameQuarter(r.quarter, quarter));
  const missed: MeetingPrefill["missed"] = [];
  const falling: MeetingPrefill["falling"] = [];
  for (const s of SERVICES) {
    const now = row(s.id, q);
    if (now?.csat != null && now.csat < CSAT_REQUIRED) {
      missed.push({ service_id: s.id, code: s.code, name: s.name, measure: "satisfaction", required_pct: CSAT_REQUIRED, actual_pct: now.csat });
    }
    const before = row(s.id, prev);
    if (now?.csat != null && before?.csat != null && before.csat - now.csat >= 2) {
      falling.push({ service_id: s.id, code: s.code, name: s.name, metric: "csat", previous: before.csat, current: now.csat });
    }
  }
  // ERP's resolution standard (90%) from its series.
  const erp = series("resolution_attainment", 3, q).at(-1)?.value ?? null;
  if (erp !== null && erp < 90) missed.push({ service_id: 3, code: "ERP", name: "ERP 系统", measure: "resolution", required_pct: 90, actual_pct: erp });
  return { quarter: q, standards_met: 9 - missed.length, standards_measured: 9, missed, falling, open_actions: open };
}

function evaluation(programme: Programme, q: Quarter, satRows: SatisfactionRow[]): ProgrammeEvaluation {
  const baseline = programme.baseline ?? QUARTERS[0];
  // Satisfaction figures come from the responses (as the table shows them), the rest from the tickets.
  const fromSat: Partial<Record<MetricKey, keyof SatisfactionRow>> = { csat: "csat", mean_score: "mean_score", response_rate: "response_rate" };
  const at = (k: MetricKey, quarter: Quarter): number | null => {
    const field = fromSat[k];
    if (field) return (satRows.find((r) => r.service_id === null && sameQuarter(r.quarter, quarter))?.[field] as number | null | undefined) ?? null;
    return OVERALL[k][QUARTERS.findIndex((x) => sameQuarter(x, quarter))] ?? null;
  };
  const rows: EvalRow[] = METRICS.map((metric) => ({ metric, change: change(metric, at(metric, baseline), at(metric, q)) }));
  const rel = (k: MetricKey) => rows.find((r) => r.metric === k)?.change.rel_pct ?? null;
  const eff = rel("median_resolution_hours");
  const sat = rel("csat");
  const { efficiency_pct, satisfaction_pct } = programme.targets;
  return {
    baseline,
    current: q,
    targets: programme.targets,
    rows,
    efficiency: { metric: "median_resolution_hours", target_pct: efficiency_pct, change_pct: eff, met: eff === null ? null : eff <= -efficiency_pct + 1e-9 },
    satisfaction: { metric: "csat", target_pct: satisfaction_pct, change_pct: sat, met: sat === null ? null : sat >= satisfaction_pct - 1e-9 },
  };
}

// ---- the store -----------------------------------------------------------------------------------

export interface FeedbackRecords {
  responses: Response[];
  interviews: Interview[];
  complaints: Complaint[];
  meetings: Meeting[];
  actions: Action[];
  programme: Programme;
}

export const seedRecords = (): FeedbackRecords => ({
  responses: seedResponses(),
  interviews: seedInterviews(),
  complaints: seedComplaints(),
  meetings: seedMeetings(),
  actions: seedActions(),
  programme: { baseline: null, targets: { efficiency_pct: 20, satisfaction_pct: 10 } },
});

/** What `feedback` answers for `quarter` (null: the latest), as the core composes it. */
export function feedbackOf(rec: FeedbackRecords, quarter: Quarter | null): Feedback {
  const q = quarter ?? LATEST;
  const responses = rec.responses
    .filter((r) => sameQuarter(quarterOf(r.responded_on), q))
    .sort((a, b) => b.responded_on.localeCompare(a.responded_on) || b.id - a.id);
  const actions = rec.actions.map((a) => actionView(a, q));
  const sat = satisfaction(rec.responses, LATEST);
  return {
    quarter: q,
    responses,
    channels: [...new Set(responses.map((r) => r.channel))].sort().map((channel) => {
      const of = responses.filter((r) => r.channel === channel);
      return { channel, responses: of.length, satisfied: of.filter((r) => r.satisfied).length };
    }),
    interviews: rec.interviews.slice().sort((a, b) => b.held_on.localeCompare(a.held_on) || b.id - a.id),
    complaints: rec.complaints.slice().sort((a, b) => b.received_on.localeCompare(a.received_on) || b.id - a.id),
    meetings: rec.meetings.slice().sort((a, b) => b.held_on.localeCompare(a.held_on) || b.id - a.id),
    actions,
    satisfaction: sat.filter((r) => windowOf(q).some((w) => sameQuarter(w, r.quarter))),
    excerpts: excerpts(responses, 2),
    prefill: prefill(q, actions, sat),
    programme: rec.programme,
    evaluation: evaluation(rec.programme, q, sat),
  };
}

/** The whole quarter on screen in the screenshots and tests: 2026 Q3. */
export const feedbackData: Feedback = feedbackOf(seedRecords(), null);

export const surveyRowErrors: RowError[] = [
  { file: "满意度问卷-2026Q3.xlsx", line: 14, column: 3, reason: "score: '很好' is not a number" },
  { file: "满意度问卷-2026Q3.xlsx", line: 27, column: 3, reason: "score: 6 is outside the scale 1–5" },
  { file: "满意度问卷-2026Q3.xlsx", line: 41, column: 1, reason: "service: 'OA' is not a known service code" },
];

const invalid = (message: string) => ({ code: "invalid", message: `invalid: ${message}`, rows: null });

/** An in-memory store answering the commands, as `feedbackCommand` of the mock shell does. */
export function feedbackStore(reject = false) {
  const rec = seedRecords();
  let nextId = 1000;

  function upsert<T extends { id: number }>(list: T[], item: T): T[] {
    return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
  }

  function save(r: FeedbackRecord): number {
    const id = r.id ?? nextId++;
    switch (r.record) {
      case "response": {
        if (r.scale_max <= r.scale_min) throw invalid(`scale: ${r.scale_min}–${r.scale_max} is not a scale`);
        if (r.score < r.scale_min || r.score > r.scale_max) throw invalid(`score: ${r.score} is outside the scale ${r.scale_min}–${r.scale_max}`);
        const old = rec.responses.find((x) => x.id === id);
        const { record: _, ...v } = r;
        rec.responses = upsert(rec.responses, { ...v, id, source: old?.source ?? "manual", satisfied: isSatisfied(r.score, { min: r.scale_min, max: r.scale_max }) });
        break;
      }
      case "interview": {
        const { record: _, ...v } = r;
        rec.interviews = upsert(rec.interviews, { ...v, id });
        break;
      }
      case "complaint": {
        const { record: _, ...v } = r;
        rec.complaints = upsert(rec.complaints, { ...v, id });
        break;
      }
      case "meeting": {
        const { record: _, ...v } = r;
        rec.meetings = upsert(rec.meetings, { ...v, id });
        break;
      }
      case "action": {
        if (r.status === "done" && !r.done_on) throw invalid("done on: required when the action is done");
        if (r.metric === null && r.target_value !== null) throw invalid("target value: choose the metric it targets first");
        let code = r.code.trim();
        if (code === "") {
          const n = Math.max(0, ...rec.actions.map((a) => Number(/^CSI-(\d+)$/.exec(a.code)?.[1] ?? 0)));
          code = `CSI-${String(n + 1).padStart(3, "0")}`;
        }
        if (rec.actions.some((a) => a.id !== id && a.code === code)) throw invalid(`an action with code '${code}' already exists`);
        const { record: _, ...v } = r;
        rec.actions = upsert(rec.actions, { ...v, id, code });
        break;
      }
    }
    return id;
  }

  function remove(kind: FeedbackKind, id: number, cascade: boolean) {
    const used =
      kind === "meeting"
        ? rec.actions.filter((a) => a.meeting_id === id).length
        : kind === "action"
          ? rec.complaints.filter((c) => c.action_id === id).length
          : 0;
    if (used > 0 && !cascade) {
      const what = kind === "meeting" ? "improvement actions" : "complaints";
      const noun = kind === "meeting" ? "review meeting" : "improvement action";
      throw { code: "in_use", message: `${noun} ${id} is referenced by other records: ${used} ${what}`, rows: null };
    }
    rec.responses = rec.responses.filter((x) => !(kind === "response" && x.id === id));
    rec.interviews = rec.interviews.filter((x) => !(kind === "interview" && x.id === id));
    rec.complaints = rec.complaints
      .filter((x) => !(kind === "complaint" && x.id === id))
      .map((c) => (kind === "action" && c.action_id === id ? { ...c, action_id: null } : c));
    rec.meetings = rec.meetings.filter((x) => !(kind === "meeting" && x.id === id));
    rec.actions = rec.actions
      .filter((x) => !(kind === "action" && x.id === id))
      .map((a) => (kind === "meeting" && a.meeting_id === id ? { ...a, meeting_id: null } : a));
  }

  /** The answer to a Feedback command, or `undefined` when `cmd` is not one. */
  return function command(cmd: string, args: Record<string, any>): unknown {
    switch (cmd) {
      case "feedback":
        return feedbackOf(structuredClone(rec), args.quarter ?? null);
      case "feedback_save":
        return save(args.record);
      case "feedback_delete":
        remove(args.kind, args.id, args.cascade);
        return null;
      case "programme_set": {
        const p = args.programme as Programme;
        for (const v of [p.targets.efficiency_pct, p.targets.satisfaction_pct]) {
          if (!(v >= 0 && v <= 1000)) throw invalid(`target: ${v} is not a percentage between 0 and 1000`);
        }
        rec.programme = p;
        return null;
      }
      case "survey_import":
        if (reject) throw { code: "rejected_rows", message: `${surveyRowErrors.length} rows rejected, nothing imported`, rows: surveyRowErrors };
        return { file: String(args.path).split(/[\\/]/).pop(), rows: 214, inserted: 198, updated: 16 };
      default:
        return undefined;
    }
  };
}
