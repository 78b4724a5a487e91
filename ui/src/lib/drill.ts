// Drill-down: what a clicked figure stands for (whose tickets, which measure) and how it is named
// in the ticket list's title and in the tooltip of the figure.

import type { DrillMeasure } from "../bindings/DrillMeasure";
import type { DrillScope } from "../bindings/DrillScope";
import type { TicketRow } from "../bindings/TicketRow";
import { fmtCount } from "./format";
import { t, type MessageKey } from "./i18n.svelte";

/** A figure the user clicked: the tickets to list, and the name of whose they are. */
export interface DrillRequest {
  scope: DrillScope;
  measure: DrillMeasure;
  /** Whose tickets, as the screen names them (`NET`, `优先级：1 - Critical`, `全部服务`). */
  label: string;
}

export const measureName = (m: DrillMeasure) => t(`drill.measure.${m}` as MessageKey);

/** The name of a scope; a service is named by its code, which the caller knows. */
export function scopeLabel(scope: DrillScope, serviceCode?: string): string {
  switch (scope.kind) {
    case "overall":
      return t("drill.scope.overall");
    case "service":
      return serviceCode ?? String(scope.value);
    case "priority":
      return scope.value === null ? t("dash.priorities.none") : t("drill.scope.priority", { value: scope.value });
    default:
      return t(`drill.scope.${scope.kind}`, { value: scope.value ?? t("drill.none") });
  }
}

/** The tooltip of a clickable figure: what opens, and how many tickets. */
export function drillHint(req: DrillRequest, n: number): string {
  return t("drill.open", { what: `${req.label} · ${measureName(req.measure)}`, n: fmtCount(n) });
}

/** Ticket list columns, in display order; `csv` is the value written when copying. */
export type TicketColumn =
  | "key"
  | "service"
  | "priority"
  | "category"
  | "opened"
  | "resolved"
  | "business_hours"
  | "target_hours"
  | "response_met"
  | "resolution_met"
  | "paused_hours"
  | "calendar"
  | "assignee"
  | "group"
  | "state";

/** The value a column sorts by: strings, numbers, or null (always sorted last). */
export function sortValue(row: TicketRow, col: TicketColumn): string | number | null {
  switch (col) {
    case "response_met":
    case "resolution_met": {
      const v = row[col];
      // Breached first when ascending: that is what a manager looks for.
      return v === null ? null : v ? 1 : 0;
    }
    default:
      return row[col];
  }
}

/** Compares two rows by a column; nulls go last whatever the direction. */
export function compareRows(a: TicketRow, b: TicketRow, col: TicketColumn, dir: 1 | -1): number {
  const x = sortValue(a, col);
  const y = sortValue(b, col);
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
  return String(x).localeCompare(String(y), "zh-CN", { numeric: true }) * dir;
}

/** Whether a row matches a free-text filter (case-insensitive, over the text columns). */
export function matchesFilter(row: TicketRow, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  const fields = [row.key, row.service, row.priority, row.category, row.group, row.assignee, row.state, row.calendar, row.opened, row.resolved];
  return fields.some((v) => v !== null && v.toLowerCase().includes(f));
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows as CSV (header line first, CRLF line ends as spreadsheets expect). */
export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
