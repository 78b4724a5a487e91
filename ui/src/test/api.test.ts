// The one file that talks to the shell: command names and argument keys exactly as the Rust
// handlers expect them (Tauri maps snake_case parameters to camelCase keys), and errors as ApiError.

import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as api from "../api";
import { cbCosts, cbDrivers, cbParams, info, preview, report, rowErrors } from "./fixtures";

type Call = { cmd: string; args: unknown };
let calls: Call[] = [];
let answer: (cmd: string, args: unknown) => unknown = () => null;

beforeEach(() => {
  calls = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    return answer(cmd, args);
  });
});
afterEach(() => clearMocks());

describe("commands", () => {
  it.each<[string, () => Promise<unknown>, string, unknown]>([
    ["app_state", () => api.appState(), "app_state", {}],
    ["workspace_new", () => api.workspaceNew("/w/a.sqm"), "workspace_new", { path: "/w/a.sqm" }],
    ["workspace_open", () => api.workspaceOpen("/w/a.sqm"), "workspace_open", { path: "/w/a.sqm" }],
    ["workspace_open_demo", () => api.workspaceOpenDemo(), "workspace_open_demo", {}],
    ["workspace_save_copy", () => api.workspaceSaveCopy("/w/b.sqm"), "workspace_save_copy", { path: "/w/b.sqm" }],
    ["settings_set", () => api.settingsSet(info.settings), "settings_set", { settings: info.settings }],
    ["dashboard", () => api.dashboard({ year: 2026, q: 3 }, "zh"), "dashboard", { quarter: { year: 2026, q: 3 }, lang: "zh" }],
    ["dashboard (latest)", () => api.dashboard(null, "en"), "dashboard", { quarter: null, lang: "en" }],
    ["services_list", () => api.servicesList(), "services_list", {}],
    ["service_delete", () => api.serviceDelete(4, true), "service_delete", { id: 4, cascade: true }],
    ["standard_delete", () => api.standardDelete(9), "standard_delete", { id: 9 }],
    ["people (today)", () => api.people(null), "people", { asOf: null }],
    ["people (as of)", () => api.people("2026-06-30"), "people", { asOf: "2026-06-30" }],
    [
      "people_save",
      () => api.peopleSave({ record: "staff", id: null, code: "E013", name: "蒋涛", team: "", contact: "", active: true }),
      "people_save",
      { record: { record: "staff", id: null, code: "E013", name: "蒋涛", team: "", contact: "", active: true } },
    ],
    ["people_delete", () => api.peopleDelete("staff", 3, true), "people_delete", { kind: "staff", id: 3, cascade: true }],
    [
      "name_match_save",
      () => api.nameMatchSave({ kind: "assignee", name: "zhang.wei", staff_id: 1, team: "" }),
      "name_match_save",
      { m: { kind: "assignee", name: "zhang.wei", staff_id: 1, team: "" } },
    ],
    ["name_match_delete", () => api.nameMatchDelete("group", "网络运维组"), "name_match_delete", { kind: "group", name: "网络运维组" }],
    ["performance", () => api.performance({ year: 2026, q: 3 }), "performance", { quarter: { year: 2026, q: 3 } }],
    ["people_import", () => api.peopleImport("attendance", "/a.xlsx"), "people_import", { kind: "attendance", path: "/a.xlsx" }],
    ["cost_benefit", () => api.costBenefit(), "cost_benefit", {}],
    ["cb_params_set", () => api.cbParamsSet(cbParams), "cb_params_set", { params: cbParams }],
    ["cost_save", () => api.costSave(cbCosts[3]), "cost_save", { cost: cbCosts[3] }],
    ["cost_delete", () => api.costDelete(4), "cost_delete", { id: 4 }],
    ["driver_save", () => api.driverSave(cbDrivers[0]), "driver_save", { driver: cbDrivers[0] }],
    ["driver_delete", () => api.driverDelete(2), "driver_delete", { id: 2 }],
    ["cost_benefit_export", () => api.costBenefitExport("en", "/cb.xlsx"), "cost_benefit_export", { lang: "en", path: "/cb.xlsx" }],
    [
      "table_export",
      () => api.tableExport("/t.xlsx", { title: "服务", columns: ["量"], rows: [[{ kind: "number", value: 1234, format: "integer", decimals: 0 }]] }),
      "table_export",
      { path: "/t.xlsx", table: { title: "服务", columns: ["量"], rows: [[{ kind: "number", value: 1234, format: "integer", decimals: 0 }]] } },
    ],
    ["chart_export", () => api.chartExport("/c.png", "<svg/>"), "chart_export", { path: "/c.png", svg: "<svg/>" }],
    ["backups_list", () => api.backupsList(), "backups_list", {}],
    ["backup_now", () => api.backupNow(), "backup_now", {}],
    ["backup_restore", () => api.backupRestore("20260930-142501-import.sqm"), "backup_restore", { name: "20260930-142501-import.sqm" }],
    ["audit_list (all)", () => api.auditList(null, null, 200), "audit_list", { record: null, beforeId: null, limit: 200 }],
    ["audit_list (page)", () => api.auditList("staff", 131, 200), "audit_list", { record: "staff", beforeId: 131, limit: 200 }],
    ["audit_restore", () => api.auditRestore(42), "audit_restore", { id: 42 }],
    ["audit_export", () => api.auditExport("/a.xlsx"), "audit_export", { path: "/a.xlsx" }],
    ["feedback (latest)", () => api.feedback(null), "feedback", { quarter: null }],
    ["feedback", () => api.feedback({ year: 2026, q: 2 }), "feedback", { quarter: { year: 2026, q: 2 } }],
    [
      "feedback_save",
      () =>
        api.feedbackSave({
          record: "interview",
          id: null,
          held_on: "2026-09-01",
          department: "财务部",
          interviewee: "刘敏",
          service_id: null,
          notes: "",
          judgement: 4,
        }),
      "feedback_save",
      {
        record: { record: "interview", id: null, held_on: "2026-09-01", department: "财务部", interviewee: "刘敏", service_id: null, notes: "", judgement: 4 },
      },
    ],
    ["feedback_delete", () => api.feedbackDelete("meeting", 2, true), "feedback_delete", { kind: "meeting", id: 2, cascade: true }],
    [
      "programme_set",
      () => api.programmeSet({ baseline: { year: 2025, q: 4 }, targets: { efficiency_pct: 20, satisfaction_pct: 10 } }),
      "programme_set",
      { programme: { baseline: { year: 2025, q: 4 }, targets: { efficiency_pct: 20, satisfaction_pct: 10 } } },
    ],
    [
      "survey_import",
      () => api.surveyImport("/s.xlsx", { scale_min: 1, scale_max: 10, channel: "survey" }),
      "survey_import",
      { path: "/s.xlsx", options: { scale_min: 1, scale_max: 10, channel: "survey" } },
    ],
    [
      "import_run",
      () => api.importRun("/x.csv", { format: null, date_format: "DMY", mapping: null, valid_rows_only: true }),
      "import_run",
      { path: "/x.csv", options: { format: null, date_format: "DMY", mapping: null, valid_rows_only: true } },
    ],
    [
      "mapping_save",
      () => api.mappingSave(preview.headers, "service_now", preview.mapping),
      "mapping_save",
      { headers: preview.headers, format: "service_now", mapping: preview.mapping },
    ],
    [
      "report_export",
      () => api.reportExport({ year: 2026, q: 3 }, "en", "/r.pdf"),
      "report_export",
      { quarter: { year: 2026, q: 3 }, lang: "en", path: "/r.pdf" },
    ],
  ])("%s", async (_name, run, cmd, args) => {
    await run();
    expect(calls).toHaveLength(1);
    expect(calls[0].cmd).toBe(cmd);
    expect(calls[0].args ?? {}).toEqual(args);
  });

  it("returns the shell's answer", async () => {
    answer = (cmd) => (cmd === "import_run" ? report : null);
    await expect(api.importRun("/x.csv", { format: null, date_format: null, mapping: null, valid_rows_only: false })).resolves.toEqual(report);
  });
});

describe("errors", () => {
  it("turns `{code, message, rows}` into an ApiError", async () => {
    answer = () => {
      throw { code: "rejected_rows", message: "2 rows rejected, nothing imported", rows: rowErrors };
    };
    const err = await api.appState().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(api.ApiError);
    expect(err).toMatchObject({ code: "rejected_rows", message: "2 rows rejected, nothing imported", rows: rowErrors });
  });

  it("gives errors without rows an empty list", async () => {
    answer = () => {
      throw { code: "in_use", message: "service 1 is referenced by other records", rows: null };
    };
    await expect(api.serviceDelete(1, false)).rejects.toMatchObject({ code: "in_use", rows: [] });
  });

  it("reads Tauri's own string rejections as `internal`", async () => {
    answer = () => {
      throw "command dashbord not found";
    };
    await expect(api.appState()).rejects.toMatchObject({ code: "internal", message: "command dashbord not found" });
  });
});
