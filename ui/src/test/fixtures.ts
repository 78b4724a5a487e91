// Realistic IPC answers for component tests: one organisation, three services, 2026 Q3.

import type { Check } from "../bindings/Check";
import type { Dashboard } from "../bindings/Dashboard";
import type { Figures } from "../bindings/Figures";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportReport } from "../bindings/ImportReport";
import type { RowError } from "../bindings/RowError";
import type { ServiceDetail } from "../bindings/ServiceDetail";
import type { Targets } from "../bindings/Targets";
import type { WorkspaceInfo } from "../bindings/WorkspaceInfo";

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
  settings: { organisation: "示例集团信息中心", lang: "zh", targets, time_zone: "Asia/Shanghai" },
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
