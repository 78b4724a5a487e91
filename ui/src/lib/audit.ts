// How the audit trail and the backups read: record types and actions by name, field values as the
// manager typed them (JSON strings without quotes, null as —), times without the ISO `T`.

import type { AuditEntry } from "../bindings/AuditEntry";
import type { FieldChange } from "../bindings/FieldChange";
import { NOT_MEASURED } from "./format";
import { t, type MessageKey } from "./i18n.svelte";

/** The audited tables, in the shell's order (`store::audit::AUDITED`): the record type filter. */
export const AUDIT_RECORDS = [
  "settings",
  "services",
  "quality_standards",
  "calendars",
  "calendar_days",
  "column_mappings",
  "roles",
  "staff",
  "role_assignments",
  "competence_requirements",
  "competence_assessments",
  "courses",
  "training_sessions",
  "attendance",
  "rewards",
  "name_matches",
  "cost_items",
  "benefit_drivers",
  "interviews",
  "complaints",
  "review_meetings",
  "review_attendees",
  "improvement_actions",
  "satisfaction_responses",
] as const;

/** A table's name as the manager says it; an unknown one as it is. */
export function recordLabel(record: string): string {
  const key = `audit.record.${record}`;
  return (AUDIT_RECORDS as readonly string[]).includes(record) ? t(key as MessageKey) : record;
}

export type AuditAction = "insert" | "update" | "delete";

/** `insert` → 新增 / Added; an unknown action as it is. */
export function actionLabel(action: string): string {
  return action === "insert" || action === "update" || action === "delete" ? t(`audit.action.${action}`) : action;
}

/**
 * One value of a change (JSON text) as it reads: a string without its quotes, a number or boolean
 * as written, absent or JSON null as `—`, an empty string as （空）, objects and arrays as compact JSON;
 * text that is not JSON as it is.
 */
export function fmtAuditValue(json: string | null): string {
  if (json === null) return NOT_MEASURED;
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return json;
  }
  if (v === null) return NOT_MEASURED;
  if (typeof v === "string") return v === "" ? t("audit.emptyValue") : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

/**
 * The values a change shows: an update both sides (`old → new`), an insert what was written, a
 * delete what was removed.
 */
export function changeValues(action: string, c: FieldChange): { old: string | null; new: string | null } {
  if (action === "insert") return { old: null, new: fmtAuditValue(c.new) };
  if (action === "delete") return { old: fmtAuditValue(c.old), new: null };
  return { old: fmtAuditValue(c.old), new: fmtAuditValue(c.new) };
}

/** A change on one line: `team: 网络与基础设施 → 桌面支持` (update), `name: 蒋涛` (insert, delete). */
export function changeText(action: string, c: FieldChange): string {
  const v = changeValues(action, c);
  if (v.old !== null && v.new !== null) return `${c.field}: ${v.old} → ${v.new}`;
  return `${c.field}: ${v.new ?? v.old}`;
}

/** `2026-09-30T16:12:05` → `2026-09-30 16:12` (a backup's time; its file name keeps the seconds). */
export function fmtTakenAt(takenAt: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(takenAt);
  return m ? `${m[1]} ${m[2]}` : takenAt;
}

/** The folder a backup lies in (its path without the file name). */
export function folderOf(path: string, name: string): string {
  return path.endsWith(name) ? path.slice(0, path.length - name.length).replace(/[\\/]$/, "") : path;
}

/** What an undo asks about and reports: the entry's record type, key, time and user. */
export function entryVars(e: AuditEntry): Record<string, string> {
  return { record: recordLabel(e.record), key: e.record_key, at: e.at, user: e.user };
}

/**
 * How many of an entry's changes to show before "n more": an insert or a delete lists every field,
 * so it is cut after about `budget` characters (at least 3 fields, never hiding just one); an
 * update shows all it changed.
 */
export function foldedCount(action: string, changes: FieldChange[], budget = 180): number {
  if (action === "update") return changes.length;
  let used = 0;
  let n = 0;
  for (const c of changes) {
    used += changeText(action, c).length + 3;
    if (used > budget && n >= 3) break;
    n += 1;
  }
  return n >= changes.length - 1 ? changes.length : n;
}
