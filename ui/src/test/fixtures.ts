// Realistic IPC answers for component tests: one organisation, three services, 2026 Q3.

import type { CalendarDay } from "../bindings/CalendarDay";
import type { CalendarDef } from "../bindings/CalendarDef";
import type { Check } from "../bindings/Check";
import type { DayNote } from "../bindings/DayNote";
import type { Span } from "../bindings/Span";
import type { StoredCalendar } from "../bindings/StoredCalendar";
import type { Dashboard } from "../bindings/Dashboard";
import type { Figures } from "../bindings/Figures";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportReport } from "../bindings/ImportReport";
import type { RowError } from "../bindings/RowError";
import type { ServiceDetail } from "../bindings/ServiceDetail";
import type { Targets } from "../bindings/Targets";
import type { WorkspaceInfo } from "../bindings/WorkspaceInfo";
import type { BreachReport } from "../bindings/BreachReport";
import type { DrillResult } from "../bindings/DrillResult";
import type { TicketRow } from "../bindings/TicketRow";
import type { Attendance } from "../bindings/Attendance";
import type { CompetenceMatrix } from "../bindings/CompetenceMatrix";
import type { Course } from "../bindings/Course";
import type { DueCourse } from "../bindings/DueCourse";
import type { Effectiveness } from "../bindings/Effectiveness";
import type { MatrixCell } from "../bindings/MatrixCell";
import type { NameMatch } from "../bindings/NameMatch";
import type { People } from "../bindings/People";
import type { PeopleImportReport } from "../bindings/PeopleImportReport";
import type { Performance } from "../bindings/Performance";
import type { PersonHours } from "../bindings/PersonHours";
import type { Quarter } from "../bindings/Quarter";
import type { Reward } from "../bindings/Reward";
import type { Role } from "../bindings/Role";
import type { Staff } from "../bindings/Staff";
import type { CbParams } from "../bindings/CbParams";
import type { CategoryYear } from "../bindings/CategoryYear";
import type { CostBenefit } from "../bindings/CostBenefit";
import type { Measured } from "../bindings/Measured";
import type { StoredCost } from "../bindings/StoredCost";
import type { StoredDriver } from "../bindings/StoredDriver";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { Reason } from "../bindings/Reason";
import { costBenefitOf, yearOf } from "./cb-engine";

export const targets: Targets = {
  response_minutes: 60,
  response_required_pct: 95,
  resolution_minutes: 1440,
  resolution_required_pct: 90,
  satisfaction_target_pct: 80,
};

function figures(f: Partial<Figures>): Figures {
  return {
    volume: 0,
    resolved: 0,
    response: { measured: 0, met: 0, pct: null, running: 0 },
    resolution: { measured: 0, met: 0, pct: null, running: 0 },
    csat: null,
    responses: 0,
    mean_score: null,
    response_rate: null,
    median_resolution_hours: null,
    p90_resolution_hours: null,
    reassignment_rate: null,
    reopen_rate: null,
    resolved_within_target_pct: null,
    mean_reassignments: null,
    mean_reopens: null,
    ...f,
  };
}

function checks(response: Check["light"], resolution: Check["light"], satisfaction: Check["light"]): Check[] {
  return [
    { measure: "response", required_pct: 95, target_minutes: 60, actual_pct: null, met: response === "grey" ? null : response === "green", light: response },
    { measure: "resolution", required_pct: 90, target_minutes: 1440, actual_pct: null, met: resolution === "grey" ? null : resolution === "green", light: resolution },
    { measure: "satisfaction", required_pct: 80, target_minutes: null, actual_pct: null, met: satisfaction === "grey" ? null : satisfaction === "green", light: satisfaction },
  ];
}

/** 1155 of 1200 responded in time: 96.25%, which must read `96.3%` (half away from zero). */
export const overall: Figures = figures({
  volume: 1284,
  resolved: 1201,
  response: { measured: 1200, met: 1155, pct: 96.25, running: 0 },
  resolution: { measured: 1200, met: 1032, pct: 86.0, running: 17 },
  csat: 82.37,
  responses: 312,
  mean_score: 4.13,
  response_rate: 25.98,
  median_resolution_hours: 5.24,
  p90_resolution_hours: 31.66,
  reassignment_rate: 12.3,
  reopen_rate: 2.1,
});

export const dashboard: Dashboard = {
  targets,
  metrics: {
    quarter: { year: 2026, q: 3 },
    overall,
    overall_checks: [
      { ...checks("green", "amber", "green")[0], actual_pct: 96.25, met: true },
      { ...checks("green", "amber", "green")[1], actual_pct: 86.0, met: false },
      { ...checks("green", "amber", "green")[2], actual_pct: 82.37, met: true },
    ],
    services: [
      {
        service_id: 1,
        code: "EMAIL",
        name: "电子邮件",
        figures: figures({
          volume: 512,
          resolved: 498,
          response: { measured: 500, met: 490, pct: 98.0, running: 0 },
          resolution: { measured: 498, met: 470, pct: 94.38, running: 0 },
          csat: 88.1,
          responses: 140,
          median_resolution_hours: 3.1,
        }),
        checks: checks("green", "green", "green"),
      },
      {
        service_id: 2,
        code: "NET",
        name: "网络接入",
        figures: figures({
          volume: 640,
          resolved: 580,
          response: { measured: 580, met: 540, pct: 93.1, running: 0 },
          resolution: { measured: 580, met: 450, pct: 77.59, running: 0 },
          csat: 74.0,
          responses: 172,
          median_resolution_hours: 8.75,
        }),
        checks: checks("amber", "red", "red"),
      },
      {
        service_id: 3,
        code: "ERP",
        name: "ERP 系统",
        figures: figures({
          volume: 132,
          resolved: 123,
          response: { measured: 120, met: 120, pct: 100, running: 0 },
          resolution: { measured: 122, met: 112, pct: 91.8, running: 0 },
          median_resolution_hours: 6.0,
        }),
        checks: checks("green", "green", "grey"),
      },
    ],
    priorities: [
      { priority: "1 - Critical", figures: figures({ volume: 40, response: { measured: 40, met: 40, pct: 100, running: 0 }, median_resolution_hours: 2.5 }) },
      { priority: "3 - Moderate", figures: figures({ volume: 1100, response: { measured: 1050, met: 1010, pct: 96.19, running: 0 } }) },
      { priority: null, figures: figures({ volume: 144 }) },
    ],
    trend: [],
    service_trends: [],
    standards_met: 6,
    standards_measured: 8,
    applied: [{ standard_id: 11, tickets: 498 }],
    options: { calendar: null, pauses: true },
  },
  charts: [
    {
      id: "response_trend",
      title: "响应达标率趋势",
      svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><text x="5" y="20" font-family="Noto Sans SC">96.3%</text></svg>',
    },
  ],
};

export const info: WorkspaceInfo = {
  path: "/home/manager/质量/sqm.sqm",
  settings: { organisation: "示例集团信息中心", lang: "zh", targets, time_zone: "Asia/Shanghai", pack_names_people: false },
  quarters: [
    { year: 2026, q: 3 },
    { year: 2026, q: 2 },
    { year: 2026, q: 1 },
    { year: 2025, q: 4 },
  ],
  latest_quarter: { year: 2026, q: 3 },
  tickets: 5120,
  services: 3,
  responses: 1204,
  imports: [],
};

export const emptyInfo: WorkspaceInfo = { ...info, quarters: [], latest_quarter: null, tickets: 0, services: 0, responses: 0 };

export const services: ServiceDetail[] = [
  {
    service: { id: 1, code: "EMAIL", name: "电子邮件", owner: "王芳", team: "服务支持团队" },
    standards: [
      {
        id: 11,
        service_id: 1,
        priority: null,
        effective_from: "2025-01-01",
        response_minutes: 60,
        response_required_pct: 95,
        resolution_minutes: 1440,
        resolution_required_pct: 90,
        satisfaction_target_pct: 80,
        calendar: "24x7",
        pause_states: ["Awaiting User Info", "Pending"],
      },
      {
        id: 12,
        service_id: 1,
        priority: "1 - Critical",
        effective_from: "2026-01-01",
        response_minutes: 15,
        response_required_pct: 98,
        resolution_minutes: 240,
        resolution_required_pct: 95,
        satisfaction_target_pct: 85,
        calendar: "24x7",
        pause_states: ["Awaiting User Info", "Pending"],
      },
    ],
    usage: { standards: 2, tickets: 1420, responses: 96 },
  },
  {
    service: { id: 2, code: "NET", name: "网络接入", owner: "李强", team: "服务交付团队" },
    standards: [],
    usage: { standards: 0, tickets: 2310, responses: 410 },
  },
  {
    service: { id: 3, code: "ERP", name: "ERP 系统", owner: "张伟", team: "应用支持" },
    standards: [],
    usage: { standards: 1, tickets: 0, responses: 0 },
  },
];

export const preview: ImportPreview = {
  file_name: "incident.csv",
  recognised: true,
  problem: null,
  format: "service_now",
  format_label: "ServiceNow incident list (field names)",
  event_log: false,
  headers: ["number", "opened_at", "priority", "business_service", "resolved_at", "assigned_to"],
  mapping: {
    columns: [
      { field: "key", column: "number" },
      { field: "opened", column: "opened_at" },
      { field: "resolved", column: "resolved_at" },
      { field: "priority", column: "priority" },
      { field: "service", column: "business_service" },
      { field: "assignee", column: "assigned_to" },
    ],
  },
  saved_mapping: false,
  date: {
    pattern: "DMY",
    label: "DD-MM-YYYY HH:MM",
    ambiguous: true,
    evidence: "no value has a day above 12 (e.g. '03-02-2016 09:15'): day-first assumed, please check",
    alternatives: ["YMD", "MDY"],
  },
  sample: [
    ["INC0000001", "03-02-2016 09:15", "10-02-2016 11:00", "3 - Moderate", "EMAIL", "王芳"],
    ["INC0000002", "04-02-2016 10:20", "", "1 - Critical", "NET", "李强"],
  ],
  sample_fields: ["key", "opened", "resolved", "priority", "service", "assignee"],
  file_bytes: 2_345_678,
};

export const rowErrors: RowError[] = [
  { file: "incident.csv", line: 17, column: 2, reason: "opened: '31-31-2016 10:00' is not a date in DD-MM-YYYY HH:MM" },
  { file: "incident.csv", line: 42, column: 1, reason: "key: empty" },
];

export const report: ImportReport = {
  run: {
    id: 7,
    file_name: "incident.csv",
    sha256: "ab".repeat(32),
    source: "servicenow",
    imported_at: "2026-10-02 09:30:00",
    rows_added: 24918,
    rows_updated: 80,
    rows_rejected: 2,
  },
  format_label: "ServiceNow incident list (field names)",
  date: preview.date,
  errors: rowErrors,
  services_created: ["EMAIL", "NET"],
  satisfaction_added: 0,
  seconds: 3.42,
};

// ---- business calendars (calendars screen, standard form, mock shell) ------------------------

const hm = (hours: number, minutes = 0) => hours * 3600 + minutes * 60;
const officeDay: Span[] = [
  { start: hm(9), end: hm(12) },
  { start: hm(13), end: hm(18) },
];

/** Mainland China's official days around 2026 (date, holiday `h` or make-up working day `w`, name). */
const chinaDays = `2025-10-01 h 国庆节|2025-10-02 h 国庆节|2025-10-03 h 国庆节|2025-10-04 h 国庆节|2025-10-05 h 国庆节|2025-10-06 h 中秋节|2025-10-07 h 国庆节|2025-10-08 h 国庆节|2025-10-11 w 国庆节|2026-01-01 h 元旦|2026-01-02 h 元旦|2026-01-03 h 元旦|2026-01-04 w 元旦|2026-02-14 w 春节|2026-02-15 h 春节|2026-02-16 h 春节|2026-02-17 h 春节|2026-02-18 h 春节|2026-02-19 h 春节|2026-02-20 h 春节|2026-02-21 h 春节|2026-02-22 h 春节|2026-02-23 h 春节|2026-02-28 w 春节|2026-04-04 h 清明节|2026-04-05 h 清明节|2026-04-06 h 清明节|2026-05-01 h 劳动节|2026-05-02 h 劳动节|2026-05-03 h 劳动节|2026-05-04 h 劳动节|2026-05-05 h 劳动节|2026-05-09 w 劳动节|2026-06-19 h 端午节|2026-06-20 h 端午节|2026-06-21 h 端午节|2026-09-20 w 国庆节|2026-09-25 h 中秋节|2026-09-26 h 中秋节|2026-09-27 h 中秋节|2026-10-01 h 国庆节|2026-10-02 h 国庆节|2026-10-03 h 国庆节|2026-10-04 h 国庆节|2026-10-05 h 国庆节|2026-10-06 h 国庆节|2026-10-07 h 国庆节|2026-10-10 w 国庆节`
  .split("|")
  .map((entry) => entry.split(" "));
const chinaNotes = (kind: string): DayNote[] => chinaDays.filter(([, k]) => k === kind).map(([date, , name]) => ({ date, name }));

export const calendar24x7: StoredCalendar = {
  id: 1,
  builtin: true,
  used_by: 12,
  def: { name: "24x7", tz: "UTC", week: Array.from({ length: 7 }, () => [{ start: 0, end: 86400 }]), holidays: [], workdays: [] },
};

export const chinaCalendar: StoredCalendar = {
  id: 2,
  builtin: true,
  used_by: 3,
  def: {
    name: "china",
    tz: "Asia/Shanghai",
    week: [officeDay, officeDay, officeDay, officeDay, officeDay, [], []],
    holidays: chinaNotes("h"),
    workdays: chinaNotes("w"),
  },
};

/** A custom calendar in use: the Shenzhen operations desk, Monday to Saturday, one holiday. */
export const opsCalendar: StoredCalendar = {
  id: 3,
  builtin: false,
  used_by: 1,
  def: {
    name: "深圳运维",
    tz: "Asia/Shanghai",
    week: [...Array.from({ length: 6 }, () => [{ start: hm(8), end: hm(20) }]), []],
    holidays: [{ date: "2026-10-01", name: "国庆节" }],
    workdays: [],
  },
};

/** A custom calendar nothing uses. */
export const londonCalendar: StoredCalendar = {
  id: 4,
  builtin: false,
  used_by: 0,
  def: {
    name: "London desk",
    tz: "Europe/London",
    week: [...Array.from({ length: 5 }, () => [{ start: hm(8, 30), end: hm(17) }]), [], []],
    holidays: [{ date: "2026-12-25", name: "Christmas Day" }],
    workdays: [],
  },
};

export const calendars: StoredCalendar[] = [calendar24x7, chinaCalendar, opsCalendar, londonCalendar];

/** What the core's `calendar_month` answers for `def` (holiday and make-up lists first, then the week). */
export function calendarMonthOf(def: CalendarDef, year: number, month: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  const pad = (n: number) => String(n).padStart(2, "0");
  const hours = (spans: Span[]) => spans.reduce((sum, s) => sum + s.end - s.start, 0) / 3600;
  for (let d = new Date(Date.UTC(year, month - 1, 1)); d.getUTCMonth() === month - 1; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const holiday = def.holidays.find((n) => n.date === date);
    const makeup = def.workdays.find((n) => n.date === date);
    const spans = def.week[(d.getUTCDay() + 6) % 7];
    if (holiday) days.push({ date, kind: "holiday", name: holiday.name, hours: 0 });
    else if (makeup) days.push({ date, kind: "makeup", name: makeup.name, hours: hours(def.week[0]) });
    else days.push({ date, kind: spans.length ? "working" : "weekend", name: "", hours: hours(spans) });
  }
  return days;
}

/** Holidays as read from a Hong Kong .ics file: 2026-10-01 is already in the China calendar. */
export const icsHolidays: DayNote[] = [
  { date: "2026-10-01", name: "National Day" },
  { date: "2026-12-25", name: "Christmas Day" },
  { date: "2026-12-26", name: "The first weekday after Christmas Day" },
  { date: "2026-12-25", name: "Christmas Day (duplicate event)" },
];

// ---- breach analysis and drill-down (issue 4) ----

function ticket(r: Partial<TicketRow> & Pick<TicketRow, "id" | "key" | "service" | "opened">): TicketRow {
  return {
    source: "servicenow",
    priority: "3 - Moderate",
    category: null,
    group: null,
    assignee: null,
    state: "Closed",
    first_response: null,
    resolved: null,
    business_hours: null,
    target_hours: 16,
    response_met: null,
    resolution_met: null,
    calendar: "china",
    standard_from: "2025-01-01",
    paused_hours: 0,
    ...r,
  };
}

/** Five tickets of 2026 Q3: breached, met, open and undecided ones, with and without pauses. */
export const ticketRows: TicketRow[] = [
  ticket({
    id: 10001, key: "INC0010001", service: "NET", priority: "2 - High", category: "网络", group: "网络运维组", assignee: "李强",
    opened: "2026-07-03 09:15", first_response: "2026-07-03 09:40", resolved: "2026-07-08 17:40",
    business_hours: 29.4, target_hours: 16, response_met: true, resolution_met: false, paused_hours: 3.5,
  }),
  ticket({
    id: 10002, key: "INC0010002", service: "NET", category: "无线", group: "网络运维组", assignee: "赵敏", state: "Resolved",
    opened: "2026-07-10 14:02", first_response: "2026-07-10 16:30", resolved: "2026-07-15 10:30",
    business_hours: 22.1, target_hours: 16, response_met: false, resolution_met: false,
  }),
  ticket({
    id: 10003, key: "INC0010003", service: "EMAIL", category: "邮箱", group: "服务台", state: "In Progress",
    opened: "2026-08-20 10:00", first_response: "2026-08-20 10:20",
    business_hours: 41.5, target_hours: 24, response_met: true, resolution_met: false, paused_hours: 6,
  }),
  ticket({
    id: 10004, key: "INC0010004", service: "ERP", priority: "1 - Critical", group: "应用支持组", assignee: "张伟",
    opened: "2026-08-01 08:30", first_response: "2026-08-01 08:41", resolved: "2026-08-01 12:10",
    business_hours: 3.7, target_hours: 4, response_met: true, resolution_met: true, calendar: "24x7", standard_from: "2026-01-01",
  }),
  ticket({
    id: 10005, key: "INC0010005", service: "EMAIL", priority: null, category: "邮箱", group: "服务台", assignee: "王芳", state: "Awaiting User Info",
    opened: "2026-09-28 16:45", business_hours: 1.2, target_hours: 24, paused_hours: 0.8,
  }),
];

export const drillResult: DrillResult = { total: ticketRows.length, rows: ticketRows };

export const breachReport: BreachReport = {
  analysis: {
    quarter: { year: 2026, q: 3 },
    response_breaches: 45,
    resolution_breaches: 168,
    resolution_measured: 1200,
    by_service: [
      { key: "NET", breaches: 130, measured: 580, pct: 22.41 },
      { key: "EMAIL", breaches: 28, measured: 498, pct: 5.62 },
      { key: "ERP", breaches: 10, measured: 122, pct: 8.2 },
    ],
    by_priority: [
      { key: "3 - Moderate", breaches: 120, measured: 1050, pct: 11.43 },
      { key: "2 - High", breaches: 40, measured: 100, pct: 40 },
      { key: null, breaches: 8, measured: 50, pct: 16 },
    ],
    by_category: [
      { key: "网络", breaches: 70, measured: 300, pct: 23.33 },
      { key: "无线", breaches: 60, measured: 280, pct: 21.43 },
      { key: "邮箱", breaches: 28, measured: 498, pct: 5.62 },
      { key: null, breaches: 10, measured: 122, pct: 8.2 },
    ],
    by_group: [
      { key: "网络运维组", breaches: 130, measured: 580, pct: 22.41 },
      { key: "服务台", breaches: 28, measured: 498, pct: 5.62 },
      { key: "应用支持组", breaches: 10, measured: 122, pct: 8.2 },
    ],
    by_assignee: [
      { key: "李强", breaches: 70, measured: 310, pct: 22.58 },
      { key: "赵敏", breaches: 60, measured: 270, pct: 22.22 },
      { key: null, breaches: 28, measured: 498, pct: 5.62 },
      { key: "张伟", breaches: 10, measured: 122, pct: 8.2 },
    ],
    longest: [
      { ticket_id: 10003, business_hours: 41.5, target_hours: 24, open: true },
      { ticket_id: 10001, business_hours: 29.4, target_hours: 16, open: false },
      { ticket_id: 10002, business_hours: 22.1, target_hours: 16, open: false },
    ],
    waits: [
      { state: "Awaiting User Info", breaches: 62, pct: 44.29 },
      { state: "In Progress", breaches: 48, pct: 34.29 },
      { state: "Assigned", breaches: 30, pct: 21.43 },
    ],
    without_history: 28,
  },
  longest: [ticketRows[2], ticketRows[0], ticketRows[1]],
};

// ---- people and competence (People screen, mock shell) ----
// The records as the core stores them; `peopleOf` derives the figures exactly as
// `sqm_core::people::calc` does, so effectiveness, the matrix, the due list and the hours always
// agree with the attendance and assessments here (and with edits in the mock shell).

export interface PeopleRecords {
  roles: Role[];
  staff: Staff[];
  courses: Course[];
  rewards: Reward[];
  matches: NameMatch[];
}

const noEffect: Effectiveness = { attended: 0, assessed: 0, mean_pre: null, mean_post: null, mean_gain: null, improved_pct: null };

/** `calc::effectiveness`: attended with both scores are measured; improved means post > pre. */
export function effectivenessOf(rows: Attendance[]): Effectiveness {
  const e = { ...noEffect };
  let pre = 0;
  let post = 0;
  let improved = 0;
  for (const a of rows.filter((x) => x.attended)) {
    e.attended += 1;
    if (a.pre !== null && a.post !== null) {
      e.assessed += 1;
      pre += a.pre;
      post += a.post;
      if (a.post > a.pre) improved += 1;
    }
  }
  if (e.assessed > 0) {
    e.mean_pre = pre / e.assessed;
    e.mean_post = post / e.assessed;
    e.mean_gain = (post - pre) / e.assessed;
    e.improved_pct = (improved * 100) / e.assessed;
  }
  return e;
}

const quarterOfDate = (date: string): Quarter => ({ year: Number(date.slice(0, 4)), q: Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1 });
const sameQ = (a: Quarter, b: Quarter) => a.year === b.year && a.q === b.q;
const norm = (s: string) => s.trim().toLowerCase();

/** The `people` answer for `rec` on `asOf` (people/calc.rs, workspace/people.rs). */
export function peopleOf(rec: PeopleRecords, asOf: string): People {
  const courses: Course[] = rec.courses.map((c) => {
    const sessions = c.sessions.map((s) => ({ ...s, effectiveness: effectivenessOf(s.attendance) }));
    return { ...c, sessions, effectiveness: effectivenessOf(sessions.flatMap((s) => s.attendance)) };
  });
  const holds = (a: { from: string; to: string | null }) => a.from <= asOf && (a.to === null || asOf <= a.to);
  const latest = (p: Staff, competence: string) =>
    p.assessments
      .filter((a) => a.assessed_on <= asOf && norm(a.competence) === norm(competence))
      .sort((a, b) => b.assessed_on.localeCompare(a.assessed_on) || b.id - a.id)[0];

  const names = new Map<string, string>();
  for (const r of rec.roles) for (const q of r.requirements) if (!names.has(norm(q.competence))) names.set(norm(q.competence), q.competence.trim());
  const competences = [...names.values()].sort();
  const roleIds = new Set(rec.roles.map((r) => r.id));
  const m: CompetenceMatrix = { as_of: asOf, competences, rows: [], required: 0, met: 0, gaps: 0, not_assessed: 0, by_role: [] };
  const active = rec.staff.filter((p) => p.active);
  const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const p of active.slice().sort((a, b) => byBytes(a.name, b.name) || byBytes(a.code, b.code))) {
    const held = [...new Set(p.assignments.filter((a) => holds(a) && roleIds.has(a.role_id)).map((a) => a.role_id))].sort((a, b) => a - b);
    if (held.length === 0) continue;
    const cells: MatrixCell[] = competences.map((c) => {
      const levels = rec.roles.filter((r) => held.includes(r.id)).flatMap((r) => r.requirements.filter((q) => norm(q.competence) === norm(c)).map((q) => q.level));
      const required = levels.length ? Math.max(...levels) : null;
      const last = latest(p, c);
      const assessed = last?.level ?? null;
      const status = required === null ? "not_required" : assessed === null ? "not_assessed" : assessed >= required ? "met" : "gap";
      return { required, assessed, assessed_on: last?.assessed_on ?? null, status };
    });
    const gaps = cells.filter((c) => c.status === "gap").length;
    const notAssessed = cells.filter((c) => c.status === "not_assessed").length;
    m.required += cells.filter((c) => c.required !== null).length;
    m.met += cells.filter((c) => c.status === "met").length;
    m.gaps += gaps;
    m.not_assessed += notAssessed;
    m.rows.push({ staff_id: p.id, name: p.name, team: p.team, role_ids: held, cells, gaps, not_assessed: notAssessed });
  }
  for (const r of rec.roles) {
    const holders = active.filter((p) => p.assignments.some((a) => a.role_id === r.id && holds(a)));
    for (const q of r.requirements.slice().sort((a, b) => norm(a.competence).localeCompare(norm(b.competence)))) {
      const last = holders.map((p) => latest(p, q.competence));
      const gaps = last.filter((a) => a !== undefined && a.level < q.level).length;
      const notAssessed = last.filter((a) => a === undefined).length;
      const n = holders.length;
      m.by_role.push({
        role_id: r.id,
        competence: names.get(norm(q.competence)) ?? q.competence,
        required: q.level,
        holders: n,
        gaps,
        not_assessed: notAssessed,
        short_pct: n > 0 ? ((gaps + notAssessed) * 100) / n : null,
      });
    }
  }

  const due: DueCourse[] = [];
  for (const row of m.rows) {
    row.cells.forEach((cell, i) => {
      if (cell.status !== "gap" && cell.status !== "not_assessed") return;
      for (const course of courses.filter((k) => k.competence.trim() !== "" && norm(k.competence) === norm(competences[i]))) {
        const booked = course.sessions.some(
          (s) => (cell.assessed_on === null || s.held_on >= cell.assessed_on) && s.attendance.some((a) => a.staff_id === row.staff_id),
        );
        if (!booked) {
          due.push({ staff_id: row.staff_id, name: row.name, competence: competences[i], required: cell.required ?? 0, assessed: cell.assessed, course_id: course.id, course: course.topic });
        }
      }
    });
  }

  const hoursBy = new Map<string, PersonHours>();
  for (const c of courses) {
    for (const s of c.sessions) {
      for (const a of s.attendance.filter((x) => x.attended)) {
        const quarter = quarterOfDate(s.held_on);
        const k = `${a.staff_id}/${quarter.year}/${quarter.q}`;
        const h = hoursBy.get(k) ?? { staff_id: a.staff_id, quarter, hours: 0 };
        h.hours += c.hours;
        hoursBy.set(k, h);
      }
    }
  }
  const hours = [...hoursBy.values()].sort((a, b) => a.staff_id - b.staff_id || a.quarter.year - b.quarter.year || a.quarter.q - b.quarter.q);

  const quarters: Quarter[] = [];
  for (let q = quarterOfDate(asOf), i = 0; i < 4; i++, q = q.q === 1 ? { year: q.year - 1, q: 4 } : { year: q.year, q: q.q - 1 }) quarters.unshift(q);
  const training = quarters.map((quarter) => {
    const held = courses.flatMap((c) => c.sessions.filter((s) => sameQ(quarterOfDate(s.held_on), quarter) && s.attendance.some((a) => a.attended)).map((s) => ({ c, s })));
    return {
      quarter,
      sessions: held.length,
      hours: held.reduce((sum, { c, s }) => sum + c.hours * s.attendance.filter((a) => a.attended).length, 0),
      cost_cents: held.reduce((sum, { c }) => sum + c.cost_cents, 0),
      effectiveness: effectivenessOf(held.flatMap(({ s }) => s.attendance)),
    };
  });

  return { as_of: asOf, roles: rec.roles, staff: rec.staff, courses, rewards: rec.rewards, matrix: m, due, hours, training, matches: rec.matches };
}

const req = (id: number, role_id: number, competence: string, level: number) => ({ id, role_id, competence, level });

const peopleRoles: Role[] = [
  {
    id: 1, code: "SQM", name_zh: "服务质量经理", name_en: "Service quality manager",
    duties_zh: "全面负责服务质量管理与协调：制定质量标准，监控与评估服务质量，组织季度评审，推动持续改进。",
    duties_en: "Overall quality management and coordination: sets the quality standards, monitors and evaluates service quality, runs the quarterly review and drives continual improvement.",
    team: "", builtin: true,
    requirements: [req(1, 1, "ITIL 流程", 4), req(2, 1, "数据分析", 4), req(3, 1, "用户沟通", 3), req(4, 1, "质量管理", 4)],
  },
  {
    id: 2, code: "DELIVERY", name_zh: "服务交付团队", name_en: "Service delivery team",
    duties_zh: "按照标准流程执行服务交付，确保在规定时间内响应并解决服务请求。",
    duties_en: "Delivers services by the standard process, responding to and resolving requests within the targets.",
    team: "", builtin: true,
    requirements: [req(5, 2, "ITIL 流程", 3), req(6, 2, "事件处理", 4), req(7, 2, "问题分析", 3)],
  },
  {
    id: 3, code: "SUPPORT", name_zh: "服务支持团队", name_en: "Service support team",
    duties_zh: "负责用户支持、收集用户反馈并处理问题，确认用户满意度。",
    duties_en: "User support, feedback collection and problem handling; confirms satisfaction with the user.",
    team: "", builtin: true,
    requirements: [req(8, 3, "ITIL 流程", 2), req(9, 3, "事件处理", 3), req(10, 3, "用户沟通", 4)],
  },
];

let nextRecordId = 100;
function person(id: number, code: string, name: string, team: string, roles: [number, string, string | null][], assessed: [string, number, string][], active = true): Staff {
  return {
    id, code, name, team, active,
    contact: id % 3 === 0 ? `1380000${String(id).padStart(4, "0")}` : `${code.toLowerCase()}@example.com`,
    assignments: roles.map(([role_id, from, to]) => ({ id: nextRecordId++, staff_id: id, role_id, from, to })),
    assessments: assessed.map(([competence, level, assessed_on]) => ({ id: nextRecordId++, staff_id: id, competence, level, assessed_on, assessor: "赵伟" })),
  };
}

const peopleStaff: Staff[] = [
  person(1, "E001", "赵伟", "服务台", [[1, "2024-01-15", null]], [["质量管理", 4, "2026-03-20"], ["数据分析", 3, "2026-03-20"], ["ITIL 流程", 4, "2025-12-10"]]),
  person(2, "E002", "钱芳", "桌面支持", [[2, "2023-03-01", null]], [["ITIL 流程", 2, "2026-03-18"], ["ITIL 流程", 3, "2026-05-10"], ["事件处理", 4, "2026-03-18"], ["问题分析", 2, "2026-03-18"]]),
  person(3, "E003", "孙磊", "网络与基础设施", [[2, "2022-06-01", null]], [["ITIL 流程", 3, "2026-03-18"], ["事件处理", 2, "2026-03-18"]]),
  person(4, "E004", "李娜", "应用支持", [[2, "2024-02-01", null], [3, "2025-07-01", null]], [["ITIL 流程", 3, "2026-03-19"], ["事件处理", 4, "2026-03-19"], ["问题分析", 3, "2026-03-19"], ["用户沟通", 2, "2026-06-01"]]),
  person(5, "E005", "周杰", "服务台", [[3, "2023-09-01", null]], [["用户沟通", 4, "2026-03-21"], ["事件处理", 3, "2026-03-21"], ["ITIL 流程", 2, "2026-03-21"]]),
  person(6, "E006", "吴敏", "服务台", [[3, "2025-01-02", null]], [["用户沟通", 3, "2026-06-15"], ["事件处理", 3, "2026-03-21"], ["ITIL 流程", 1, "2026-03-01"]]),
  person(7, "E007", "郑强", "桌面支持", [[2, "2021-05-10", "2024-12-31"], [3, "2025-01-01", null]], [["用户沟通", 4, "2026-06-10"], ["事件处理", 4, "2026-03-22"], ["ITIL 流程", 3, "2026-03-22"], ["问题分析", 2, "2024-06-30"]]),
  person(8, "E008", "王静", "网络与基础设施", [[2, "2024-07-01", null]], [["ITIL 流程", 1, "2026-08-01"], ["事件处理", 1, "2026-03-23"]]),
  person(9, "E009", "冯涛", "应用支持", [[3, "2022-11-15", null]], [["用户沟通", 5, "2026-03-24"], ["事件处理", 3, "2026-03-24"], ["ITIL 流程", 2, "2026-03-24"]]),
  person(10, "E010", "陈洁", "桌面支持", [[3, "2026-03-01", null]], []),
  person(11, "E011", "褚明", "应用支持", [[2, "2020-04-01", null]], [["ITIL 流程", 4, "2025-11-30"], ["事件处理", 5, "2025-11-30"], ["问题分析", 4, "2025-11-30"]]),
  person(12, "E012", "卫东", "网络与基础设施", [[2, "2019-08-01", "2025-06-30"]], [["事件处理", 3, "2025-03-01"]], false),
];

let attendanceId = 500;
function session(id: number, course_id: number, held_on: string, trainer: string, place: string, rows: [number, boolean, number | null, number | null][]) {
  return {
    id, course_id, held_on, trainer, place, effectiveness: noEffect,
    attendance: rows.map(([staff_id, attended, pre, post]) => ({ id: attendanceId++, session_id: id, staff_id, attended, pre, post })),
  };
}

const peopleCourses: Course[] = [
  {
    id: 1, code: "ITSM-101", topic: "ITSM 基础", competence: "ITIL 流程", hours: 8, cost_cents: 1_200_000, provider: "外部：信通培训中心", effectiveness: noEffect,
    sessions: [
      session(11, 1, "2026-04-16", "陈静", "总部 3 楼培训室", [[2, true, 60, 78], [5, true, 70, 82], [6, true, 55, 63], [9, true, 72, 70], [3, true, 65, null]]),
      session(12, 1, "2026-07-15", "陈静", "总部 3 楼培训室", [[8, true, 45, 71], [4, true, 68, 80], [10, true, null, 74], [7, true, 58, 77.5]]),
    ],
  },
  {
    id: 2, code: "COMM-201", topic: "用户沟通技巧", competence: "用户沟通", hours: 4, cost_cents: 350_050, provider: "内部讲师", effectiveness: noEffect,
    sessions: [session(21, 2, "2026-05-20", "刘洋", "线上 (Teams)", [[6, true, 62, 75], [7, true, 70, 79], [10, true, 50, 66], [4, false, null, null]])],
  },
  {
    id: 3, code: "PSM-301", topic: "问题解决方法", competence: "问题分析", hours: 6, cost_cents: 880_000, provider: "外部：某咨询公司", effectiveness: noEffect,
    sessions: [
      session(31, 3, "2026-09-10", "周敏", "总部 5 楼会议室", [[2, true, 58, 72], [11, true, 80, 85], [4, true, 61, 61]]),
      session(32, 3, "2026-12-10", "周敏", "总部 5 楼会议室", [[3, false, null, null], [8, false, null, null]]),
    ],
  },
];

const peopleRewards: Reward[] = [
  { id: 5, staff_id: 2, awarded_on: "2026-09-28", kind: "reward", amount_cents: null, points: 20, reason: "季度最佳服务之星", link_kind: null, link_ref: "" },
  { id: 3, staff_id: 11, awarded_on: "2026-09-05", kind: "reward", amount_cents: 150_000, points: null, reason: "协助解决 ERP 重大故障", link_kind: "ticket", link_ref: "INC0010004" },
  { id: 2, staff_id: 8, awarded_on: "2026-08-12", kind: "penalty", amount_cents: null, points: 5, reason: "重大事件响应超时", link_kind: "ticket", link_ref: "INC0010001" },
  { id: 1, staff_id: 5, awarded_on: "2026-07-10", kind: "reward", amount_cents: 80_000, points: 10, reason: "季度满意度 100%", link_kind: "metric", link_ref: "CSAT" },
  { id: 4, staff_id: 3, awarded_on: "2026-06-20", kind: "penalty", amount_cents: 20_000, points: null, reason: "用户投诉处理不当", link_kind: "complaint", link_ref: "TS-2026-031" },
];

export const peopleRecords: PeopleRecords = {
  roles: peopleRoles,
  staff: peopleStaff,
  courses: peopleCourses,
  rewards: peopleRewards,
  matches: [
    { kind: "assignee", name: "robot.monitor", staff_id: null, team: "" },
    { kind: "group", name: "网络运维组", staff_id: null, team: "网络与基础设施" },
  ],
};

/** The People screen on 2026-09-30: 11 active staff in the matrix, gaps, not assessed, 4 people due. */
export const peopleData: People = peopleOf(peopleRecords, "2026-09-30");

function perfRow(name: string, staff_id: number | null, volume: number, response: [number, number], resolution: [number, number], csat: [number, number] | null) {
  const pct = ([met, measured]: [number, number]) => (measured > 0 ? (met * 100) / measured : null);
  return {
    name,
    staff_id,
    matched: true,
    figures: figures({
      volume,
      resolved: resolution[1],
      response: { measured: response[1], met: response[0], pct: pct(response), running: 0 },
      resolution: { measured: resolution[1], met: resolution[0], pct: pct(resolution), running: 0 },
      csat: csat ? pct(csat) : null,
      responses: csat?.[1] ?? 0,
    }),
  };
}

/** Matched rows first, then by name (code point order), as the core sorts them. */
const perfOrder = <T extends { name: string; matched: boolean }>(rows: T[]) =>
  rows.sort((a, b) => Number(!a.matched) - Number(!b.matched) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** 2026 Q3 by team and person; one group and one assignee match nobody. */
export const performanceData: Performance = {
  quarter: { year: 2026, q: 3 },
  teams: perfOrder([
    perfRow("应用支持", null, 132, [120, 120], [112, 122], [30, 34]),
    perfRow("服务台", null, 512, [490, 500], [470, 498], [123, 140]),
    perfRow("桌面支持", null, 318, [301, 310], [266, 305], [70, 88]),
    perfRow("网络与基础设施", null, 264, [240, 262], [199, 258], [41, 60]),
    { ...perfRow("Network-Vendor", null, 58, [50, 58], [40, 57], null), matched: false },
  ]),
  people: perfOrder([
    perfRow("冯涛", 9, 61, [60, 61], [57, 60], [14, 15]),
    perfRow("李娜", 4, 44, [43, 44], [40, 43], [9, 11]),
    perfRow("钱芳", 2, 120, [117, 119], [108, 118], [33, 38]),
    perfRow("孙磊", 3, 96, [85, 95], [70, 94], [12, 20]),
    perfRow("王静", 8, 71, [60, 71], [49, 70], [10, 17]),
    perfRow("吴敏", 6, 150, [146, 149], [140, 148], [40, 44]),
    perfRow("郑强", 7, 102, [99, 101], [90, 99], [22, 28]),
    perfRow("周杰", 5, 181, [176, 180], [170, 179], [47, 52]),
    { ...perfRow("zhang.wei", null, 37, [30, 36], [25, 35], [3, 6]), matched: false },
  ]),
  unmatched: [
    { kind: "group", name: "Network-Vendor", tickets: 58 },
    { kind: "assignee", name: "zhang.wei", tickets: 37 },
  ],
};

export const peopleImportReport: PeopleImportReport = {
  file: "staff.xlsx",
  rows: 12,
  staff_added: 3,
  staff_updated: 9,
  assignments_added: 4,
  sessions_added: 0,
  attendance_added: 0,
  attendance_updated: 0,
};

/** `staff-bad.xlsx` of tests/fixtures/people, as `people_import` rejects it. */
export const peopleRowErrors: RowError[] = [
  { file: "staff-bad.xlsx", line: 3, column: 2, reason: "name: empty" },
  { file: "staff-bad.xlsx", line: 4, column: 5, reason: "active: 'maybe' is not yes/no (是/否)" },
  { file: "staff-bad.xlsx", line: 6, column: 1, reason: "code: 'E002' is already on line 3" },
];

// ---- cost-benefit (cost-benefit helper) ----

/** The demo case: 3 years at 8 % from 2025-10-01, measured against 2025 Q4. */
export const cbParams: CbParams = {
  horizon_years: 3,
  discount_rate: 0.08,
  start: "2025-10-01",
  baseline: { year: 2025, q: 4 },
  include_training_records: true,
};

const cbCost = (c: Partial<StoredCost> & Pick<StoredCost, "id" | "category" | "label" | "amount_cents">): StoredCost => ({
  currency: "CNY",
  recurring: false,
  from_year: 0,
  to_year: null,
  hours: null,
  hourly_cost_cents: null,
  note: "",
  ...c,
});

export const cbCosts: StoredCost[] = [
  cbCost({ id: 1, category: "tool_purchase", label: "ITSM 监控与报表工具许可", amount_cents: 18_000_000 }),
  cbCost({ id: 2, category: "tool_maintenance", label: "工具年度维护与订阅", amount_cents: 3_600_000, recurring: true, from_year: 1, to_year: 3 }),
  cbCost({ id: 3, category: "other", label: "满意度调查平台", amount_cents: 1_200_000, recurring: true, from_year: 1 }),
  cbCost({ id: 4, category: "process_time", label: "流程变更工时", amount_cents: 4_800_000, hours: 320, hourly_cost_cents: 15_000, note: "流程梳理、SOP 编写与宣贯" }),
];

export const cbDrivers: StoredDriver[] = [
  {
    id: 1,
    measured: true,
    driver: { kind: "time_saved", label: "缩短服务处理时间", minutes_saved_per_request: 12, requests_per_year: 19_000, hourly_cost_cents: 6_000, from_year: 1 },
  },
  {
    id: 2,
    measured: true,
    driver: { kind: "complaints_avoided", label: "减少用户投诉", complaints_avoided_per_year: 24, cost_per_complaint_cents: 200_000, from_year: 1 },
  },
  {
    id: 3,
    measured: false,
    driver: { kind: "other", label: "减少重复建设（工具整合）", amount_per_year_cents: 3_000_000, note: "停用两套旧的报表脚本与人工统计", from_year: 2 },
  },
];

/** The training records' costs as the core adds them: each held session's course cost, by year. */
export function trainingCostsOf(courses: Course[], p: CbParams): CategoryYear[] {
  const byYear = new Map<number, number>();
  for (const c of courses) {
    for (const s of c.sessions.filter((x) => x.attendance.some((a) => a.attended))) {
      const year = yearOf(p.start, s.held_on);
      if (year <= p.horizon_years) byYear.set(year, (byYear.get(year) ?? 0) + c.cost_cents);
    }
  }
  return [...byYear].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, cents }));
}

/** 2025 Q4 against 2026 Q3 (the dashboard's 5.24 h and 82.37 %): faster, but not by 20 %. */
export const cbMeasurement: Measured = {
  baseline: { year: 2025, q: 4 },
  current: { year: 2026, q: 3 },
  baseline_median_hours: 5.5,
  current_median_hours: 5.24,
  minutes_saved_per_request: (5.5 - 5.24) * 60,
  requests_per_year: 5120,
  baseline_csat: 74.1,
  current_csat: 82.37,
  efficiency_change_pct: ((5.24 - 5.5) / 5.5) * 100,
  satisfaction_change_pct: ((82.37 - 74.1) / 74.1) * 100,
  efficiency_target_met: false,
  satisfaction_target_met: true,
};

/** The demo's cost-benefit answer: expected clearly positive, measured just below zero NPV. */
export const costBenefit: CostBenefit = costBenefitOf(cbParams, cbCosts, cbDrivers, trainingCostsOf(peopleCourses, cbParams), cbMeasurement);

// ---- backups and the audit trail (backups/audit helper) ----

const BACKUP_DIR = `${info.path}-backups`;

/** A backup as the shell lists it: its name carries the time and the reason (`before_restore` → `before-restore`). */
export function backupOf(takenAt: string, reason: Reason, bytes: number, n = 0): BackupInfo {
  const stamp = takenAt.replace(/[-:]/g, "").replace("T", "-");
  const name = `${stamp}-${reason.replace("_", "-")}${n ? `-${n}` : ""}.sqm`;
  return { name, path: `${BACKUP_DIR}/${name}`, taken_at: takenAt, reason, bytes };
}

/** Thirteen backups, newest first: the newest 10 (Aug–Sep 2026) and the newest of each older month. */
export const backups: BackupInfo[] = [
  backupOf("2026-09-30T16:12:05", "manual", 18_874_368),
  backupOf("2026-09-30T09:30:12", "import", 18_612_224),
  backupOf("2026-09-28T11:05:40", "before_restore", 18_350_080),
  backupOf("2026-09-26T14:33:18", "import", 17_563_648),
  backupOf("2026-09-19T10:15:02", "import", 17_039_360),
  backupOf("2026-09-15T17:00:44", "manual", 16_777_216),
  backupOf("2026-09-12T09:01:30", "import", 16_515_072),
  backupOf("2026-09-05T15:22:10", "import", 15_990_784),
  backupOf("2026-08-29T09:45:01", "import", 15_466_496),
  backupOf("2026-08-22T11:30:20", "import", 14_942_208),
  backupOf("2026-07-31T17:05:12", "import", 13_631_488),
  backupOf("2026-06-30T16:42:33", "manual", 12_582_912),
  backupOf("2026-05-12T08:03:01", "migration", 11_272_192),
];

type Row = Record<string, string | number | null>;

/** The field changes of one audit entry, as `store::audit::changes` makes them from the row before and after. */
export function auditChanges(old: Row | null, now: Row | null): AuditEntry["changes"] {
  const o = old ?? {};
  const n = now ?? {};
  const fields = [...new Set([...Object.keys(o), ...Object.keys(n)])].sort();
  return fields
    .filter((f) => JSON.stringify(o[f]) !== JSON.stringify(n[f]))
    .map((f) => ({
      field: f,
      old: f in o ? JSON.stringify(o[f]) : null,
      new: f in n ? JSON.stringify(n[f]) : null,
    }));
}

/** Marks the deletions whose row has not come back (no later insert of the same key) as restorable, as the shell does. */
export function withRestorable(entries: AuditEntry[]): AuditEntry[] {
  return entries.map((e) => ({
    ...e,
    restorable:
      e.action === "delete" &&
      !entries.some((b) => b.record === e.record && b.record_key === e.record_key && b.id > e.id && b.action === "insert"),
  }));
}

type Change = [at: string, user: string, action: "insert" | "update" | "delete", record: string, key: string, old: Row | null, now: Row | null];

const staff13 = { id: 13, code: "E013", name: "蒋涛", team: "服务台", contact: "jiang.tao@example.cn", active: 1 };
const staff11 = { id: 11, code: "E011", name: "褚明", team: "应用支持", contact: "chu.ming@example.cn", active: 1 };
const assignment27 = { id: 27, staff_id: 11, role_id: 2, from_date: "2020-04-01", to_date: null };
const attendance61 = { id: 61, session_id: 4, staff_id: 11, attended: 1, pre_score: 62, post_score: 85 };
const reward9 = { id: 9, staff_id: 5, awarded_on: "2026-09-10", kind: "reward", amount_cents: 50000, points: 5, reason: "连续三个月满意度第一", link_kind: "metric", link_ref: "CSAT 2026-08" };
const cost5 = { id: 5, category: "other", label: "外部评审顾问", amount_cents: 3_000_000, currency: "CNY", recurring: 0, from_year: 0, to_year: null, hours: null, hourly_cost_cents: null, note: "" };
const requirement17 = { id: 17, role_id: 3, competence: "用户沟通", level: 3 };
const oldTargets = '{"response":{"minutes":60,"required_pct":95.0},"resolution":{"minutes":480,"required_pct":90.0},"satisfaction_pct":85.0}';
const newTargets = '{"response":{"minutes":30,"required_pct":95.0},"resolution":{"minutes":480,"required_pct":90.0},"satisfaction_pct":88.0}';

/** 32 changes of September 2026, oldest first (ids 101…132). */
const auditChangesLog: Change[] = [
  ["2026-09-01 09:12:04", "manager", "insert", "staff", "13", null, staff13],
  ["2026-09-01 09:12:04", "manager", "insert", "role_assignments", "31", null, { id: 31, staff_id: 13, role_id: 3, from_date: "2026-09-01", to_date: null }],
  ["2026-09-01 09:15:40", "manager", "update", "staff", "5", { contact: "zhou.jie@example.cn" }, { contact: "zhou.jie@corp.example.cn" }],
  ["2026-09-02 10:02:11", "manager", "insert", "courses", "7", null, { id: 7, code: "C07", topic: "重大事件沟通演练", competence: "用户沟通", hours: 4, cost_cents: 600000, provider: "内部" }],
  ["2026-09-02 10:03:55", "manager", "insert", "training_sessions", "12", null, { id: 12, course_id: 7, held_on: "2026-09-18", trainer: "赵伟", place: "三楼培训室" }],
  ["2026-09-03 14:20:00", "manager", "update", "settings", "organisation", { value: "示例集团信息中心" }, { value: "示例集团信息技术服务中心" }],
  ["2026-09-03 14:20:00", "manager", "update", "settings", "targets", { value: oldTargets }, { value: newTargets }],
  ["2026-09-05 11:30:12", "manager", "insert", "cost_items", "6", null, { id: 6, category: "tool_maintenance", label: "ITSM 平台年度维护", amount_cents: 4_800_000, currency: "CNY", recurring: 1, from_year: 1, to_year: null, hours: null, hourly_cost_cents: null, note: "按合同每年 9 月续费" }],
  ["2026-09-08 16:45:09", "manager", "update", "staff", "8", { team: "网络与基础设施" }, { team: "桌面支持" }],
  ["2026-09-10 09:05:33", "li.na", "insert", "competence_assessments", "44", null, { id: 44, staff_id: 8, competence: "ITIL 流程", level: 2, assessed_on: "2026-09-10", assessor: "李娜" }],
  ["2026-09-10 09:06:02", "li.na", "update", "competence_assessments", "44", { level: 2 }, { level: 3 }],
  ["2026-09-12 15:20:40", "manager", "delete", "rewards", "9", reward9, null],
  ["2026-09-13 08:50:17", "manager", "insert", "rewards", "9", null, reward9],
  ["2026-09-15 10:11:11", "manager", "update", "quality_standards", "11", { resolution_minutes: 480 }, { resolution_minutes: 240 }],
  ["2026-09-16 13:02:58", "manager", "insert", "services", "4", null, { id: 4, code: "HR", name: "人力资源系统", owner: "周杰", team: "应用支持" }],
  ["2026-09-18 17:40:21", "manager", "insert", "name_matches", "assignee:wu.min", null, { kind: "assignee", name: "wu.min", staff_id: 6, team: "" }],
  ["2026-09-20 10:00:00", "manager", "update", "cost_items", "3", { amount_cents: 1_200_000, note: "" }, { amount_cents: 1_500_000, note: "含两名顾问的差旅" }],
  ["2026-09-22 09:30:00", "manager", "insert", "calendar_days", "2:2026-10-11", null, { calendar_id: 2, date: "2026-10-11", kind: "workday", name: "国庆节调休" }],
  ["2026-09-24 14:02:18", "li.na", "delete", "staff", "11", staff11, null],
  ["2026-09-24 14:02:18", "li.na", "delete", "role_assignments", "27", assignment27, null],
  ["2026-09-24 14:02:18", "li.na", "delete", "attendance", "61", attendance61, null],
  ["2026-09-25 10:15:00", "manager", "update", "staff", "3", { active: 1 }, { active: 0 }],
  ["2026-09-26 14:33:20", "manager", "insert", "column_mappings", "9f2c4e7a1b0d83c6f5e2a9d4b7c1e08f3a6d2b9c4e7f1a0d8b3c6e5f2a9d4b7c", null, { headers_sha256: "9f2c4e7a1b0d83c6f5e2a9d4b7c1e08f3a6d2b9c4e7f1a0d8b3c6e5f2a9d4b7c", format: "service_now", mapping_json: '{"number":"Number","opened":"Opened","priority":"Priority","service":"Business service","assignee":"Assigned to","resolved":"Resolved"}', saved_at: "2026-09-26T14:33:20" }],
  ["2026-09-27 09:00:00", "manager", "delete", "staff", "12", { id: 12, code: "E012", name: "卫东", team: "网络与基础设施", contact: "", active: 0 }, null],
  ["2026-09-27 09:00:40", "manager", "insert", "staff", "14", null, { id: 14, code: "E014", name: "韩雪", team: "网络与基础设施", contact: "han.xue@example.cn", active: 1 }],
  ["2026-09-29 08:30:12", "manager", "update", "roles", "2", { duties_zh: "按照标准流程执行服务交付，确保在规定时间内响应并解决服务请求。" }, { duties_zh: "按照标准流程执行服务交付，确保在规定时间内响应并解决服务请求；每季度复盘超时工单并提出改进建议。" }],
  ["2026-09-29 16:10:00", "manager", "delete", "cost_items", "5", cost5, null],
  ["2026-09-30 10:20:05", "li.na", "update", "attendance", "88", { post_score: null }, { post_score: 86.5 }],
  ["2026-09-30 15:02:44", "manager", "delete", "competence_requirements", "17", requirement17, null],
  ["2026-09-30 15:40:09", "manager", "insert", "rewards", "10", null, { id: 10, staff_id: 9, awarded_on: "2026-09-30", kind: "penalty", amount_cents: null, points: -2, reason: "重大事件未按时升级", link_kind: "ticket", link_ref: "INC0012345" }],
  ["2026-09-30 16:05:51", "manager", "update", "staff", "13", { contact: "jiang.tao@example.cn" }, { contact: "" }],
  ["2026-09-30 16:30:26", "manager", "delete", "quality_standards", "15", { id: 15, service_id: 4, priority: "P1", effective_from: "2026-10-01", response_minutes: 30, response_required_pct: 95, resolution_minutes: 240, resolution_required_pct: 90, satisfaction_target_pct: 85, calendar: "中国工作日", pause_states: '["Awaiting User Info","Awaiting Caller","Pending","等待客户","等待用户"]' }, null],
];

/** The audit trail of the demo workspace, newest first (as `audit_list` answers). */
export const auditEntries: AuditEntry[] = withRestorable(
  auditChangesLog.map(([at, user, action, record, record_key, old, now], i) => ({
    id: 101 + i,
    at,
    user,
    action,
    record,
    record_key,
    changes: auditChanges(old, now),
    restorable: false,
  })),
).reverse();

/** The row an audit entry deleted, to put back (the mock's undo). */
export function deletedRow(e: AuditEntry): Row {
  return Object.fromEntries(e.changes.map((c) => [c.field, c.old === null ? null : JSON.parse(c.old)]));
}
// ---- end of the backups/audit helper's block ----
