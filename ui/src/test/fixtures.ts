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
