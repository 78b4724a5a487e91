// A fake Rust shell for looking at the UI in a plain browser (`/mock.html` on the dev server):
// every command answers from the test fixtures. Never part of the built app (only index.html is).

import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { Progress } from "../bindings/Progress";
import type { DrillMeasure } from "../bindings/DrillMeasure";
import type { DrillScope } from "../bindings/DrillScope";
import * as fx from "../test/fixtures";
import { peopleCommand } from "./mock-people";
import { costBenefitCommand } from "./mock-costbenefit";
import { backupsCommand } from "./mock-backups";
import { feedbackStore } from "./mock-feedback";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const params = new URLSearchParams(location.search);
let info = params.has("empty") ? fx.emptyInfo : fx.info;
let services = structuredClone(fx.services);
let calendars = structuredClone(fx.calendars);
const feedbackCommand = feedbackStore(params.has("reject"));

async function importRun(args: { options: { valid_rows_only: boolean } }) {
  const total = fx.preview.file_bytes;
  for (let i = 1; i <= 10; i++) {
    const p: Progress = { rows: i * 2500, bytes: (total * i) / 10, total_bytes: total, rows_per_sec: 41234, phase: i < 4 ? "scan" : "write" };
    await emit("import-progress", p);
    await sleep(250);
  }
  if (!args.options.valid_rows_only && params.has("reject")) {
    throw { code: "rejected_rows", message: "2 rows rejected, nothing imported; first: incident.csv:17:2: …", rows: fx.rowErrors };
  }
  return fx.report;
}

/** The fixture tickets that fit a drill-down (the mock's numbers need not add up to the figures). */
function drill(scope: DrillScope, measure: DrillMeasure) {
  const code = scope.kind === "service" ? services.find((d) => d.service.id === scope.value)?.service.code : undefined;
  const rows = fx.ticketRows.filter((r) => {
    const inScope =
      scope.kind === "overall" ||
      (scope.kind === "service" && r.service === code) ||
      (scope.kind !== "service" && r[scope.kind] === scope.value);
    if (!inScope) return false;
    switch (measure) {
      case "volume":
        return true;
      case "resolved":
        return r.resolved !== null;
      case "response_met":
      case "resolution_met":
        return r[measure] === true;
      case "response_breached":
        return r.response_met === false;
      case "resolution_breached":
        return r.resolution_met === false;
      case "response_running":
        return r.response_met === null;
      case "resolution_running":
        return r.resolution_met === null;
    }
  });
  return { total: rows.length, rows };
}

mockIPC(
  async (cmd, raw) => {
    const args = (raw ?? {}) as Record<string, any>;
    switch (cmd) {
      case "app_state":
        return info;
      case "workspace_open_demo":
      case "workspace_open":
      case "workspace_new":
        info = fx.info;
        return info;
      case "workspace_save_copy":
      case "app_ready":
        return null;
      case "settings_set":
        info = { ...info, settings: args.settings };
        return info;
      case "dashboard":
        await sleep(150);
        return { ...fx.dashboard, metrics: { ...fx.dashboard.metrics, quarter: args.quarter ?? fx.dashboard.metrics.quarter } };
      case "services_list":
        return services;
      case "service_delete":
        services = services.filter((d) => d.service.id !== args.id);
        return null;
      case "breaches":
        await sleep(150);
        return { ...fx.breachReport, analysis: { ...fx.breachReport.analysis, quarter: args.quarter ?? fx.breachReport.analysis.quarter } };
      case "drill":
        await sleep(100);
        return drill(args.scope, args.measure);
      case "calendars_list":
        return calendars;
      case "calendar_save": {
        const old = calendars.find((c) => c.id === args.id);
        if (calendars.some((c) => c.def.name === args.def.name && c.id !== args.id)) {
          throw { code: "invalid", message: `invalid: a calendar named '${args.def.name}' exists`, rows: null };
        }
        const saved = { id: old?.id ?? Math.max(...calendars.map((c) => c.id)) + 1, builtin: old?.builtin ?? false, used_by: old?.used_by ?? 0, def: args.def };
        calendars = old ? calendars.map((c) => (c.id === old.id ? saved : c)) : [...calendars, saved];
        return saved;
      }
      case "calendar_delete": {
        const c = calendars.find((x) => x.id === args.id);
        if (c && c.used_by > 0) {
          throw { code: "in_use", message: `calendar '${c.def.name}' is used by ${c.used_by} quality standard version(s)`, rows: null };
        }
        calendars = calendars.filter((x) => x.id !== args.id);
        return null;
      }
      case "calendar_month":
        return fx.calendarMonthOf(args.def, args.year, args.month);
      case "calendar_ics":
        return fx.icsHolidays;
      case "standard_create":
      case "standard_update": {
        const standard = { id: args.id ?? Date.now(), ...args.input };
        services = services.map((d) =>
          d.service.id !== standard.service_id
            ? d
            : { ...d, standards: [...d.standards.filter((s) => s.id !== standard.id), standard] },
        );
        return standard;
      }
      case "import_preview":
        return fx.preview;
      case "import_run":
        return importRun(args as { options: { valid_rows_only: boolean } });
      case "report_export":
        await sleep(800);
        return args.path;
      case "table_export":
      case "chart_export": {
        await sleep(300);
        const ext = String(args.path).split(".").pop()?.toLowerCase();
        const ok = cmd === "table_export" ? ext === "csv" || ext === "xlsx" : ext === "svg" || ext === "png";
        if (!ok) throw { code: "invalid", message: `invalid: ${args.path}: unsupported file type`, rows: null };
        return args.path;
      }
      case "plugin:dialog|open":
        return "/home/manager/exports/incident.csv";
      case "plugin:dialog|save":
        return `/home/manager/${(args.options as { defaultPath?: string })?.defaultPath ?? "out"}`;
      case "plugin:dialog|ask":
        return true;
      case "plugin:dialog|message":
        // `ask` with custom labels answers yes when the shell returns the OK label.
        return (args.buttons as { OkCancelCustom?: [string, string] } | undefined)?.OkCancelCustom?.[0] ?? "Yes";
      case "plugin:opener|open_path":
        return null;
      default: {
        await sleep(50);
        const answer = peopleCommand(cmd, args, params.has("reject"));
        if (answer !== undefined) return answer;
        const cb = costBenefitCommand(cmd, args, info.tickets > 0);
        if (cb !== undefined) return cb;
        const bk = backupsCommand(cmd, args);
        if (bk !== undefined) return bk;
        const fb = feedbackCommand(cmd, args);
        if (fb !== undefined) return fb;
        throw { code: "internal", message: `the mock shell has no answer for ${cmd}`, rows: null };
      }
    }
  },
  { shouldMockEvents: true },
);

await import("../main");

// `?screen=calendars&click=calendar-edit-china`: opens a screen and presses buttons (by test id, or
// `css:<selector>`), so a headless browser can take a screenshot of any screen.
if (params.has("screen")) {
  for (const id of [`nav-${params.get("screen")}`, ...params.getAll("click")]) {
    for (let tries = 0; tries < 50; tries++) {
      const el = document.querySelector<HTMLButtonElement>(id.startsWith("css:") ? id.slice(4) : `[data-testid="${id}"]`);
      if (el && !el.disabled) {
        el.click();
        break;
      }
      await sleep(100);
    }
  }
}
