// A fake Rust shell for looking at the UI in a plain browser (`/mock.html` on the dev server):
// every command answers from the test fixtures. Never part of the built app (only index.html is).

import { mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import type { Progress } from "../bindings/Progress";
import * as fx from "../test/fixtures";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const params = new URLSearchParams(location.search);
let info = params.has("empty") ? fx.emptyInfo : fx.info;
let services = structuredClone(fx.services);

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
      case "import_preview":
        return fx.preview;
      case "import_run":
        return importRun(args as { options: { valid_rows_only: boolean } });
      case "report_export":
        await sleep(800);
        return args.path;
      case "plugin:dialog|open":
        return "/home/manager/exports/incident.csv";
      case "plugin:dialog|save":
        return `/home/manager/${(args.options as { defaultPath?: string })?.defaultPath ?? "out"}`;
      case "plugin:dialog|ask":
      case "plugin:dialog|message":
        return true;
      case "plugin:opener|open_path":
        return null;
      default:
        throw { code: "internal", message: `the mock shell has no answer for ${cmd}`, rows: null };
    }
  },
  { shouldMockEvents: true },
);

await import("../main");
