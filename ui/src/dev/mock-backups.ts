// The Backups and Audit log commands of the mock shell: the backups and audit trail of `fixtures`,
// changed in memory as the shell changes them (retention, a "before restore" backup, an undone
// deletion logged as an insert and refused while what it belongs to is still deleted).
// `?nobackups`: no backups yet; `?auditmany`: 240 more (older) entries, so "load more" shows.

import type { AuditEntry } from "../bindings/AuditEntry";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { Reason } from "../bindings/Reason";
import * as fx from "../test/fixtures";

const params = new URLSearchParams(location.search);
let backups: BackupInfo[] = params.has("nobackups") ? [] : structuredClone(fx.backups);
let audit: AuditEntry[] = structuredClone(fx.auditEntries);
if (params.has("auditmany")) audit = [...audit, ...initialLoad(240)];

/** The mock's clock: 2026-09-30, a minute later at every backup or undo. */
let minute = 17 * 60 + 20;
function now(sep: "T" | " "): string {
  minute += 1;
  const hh = String(Math.floor(minute / 60) % 24).padStart(2, "0");
  const mm = String(minute % 60).padStart(2, "0");
  return `2026-09-30${sep}${hh}:${mm}:07`;
}

/** The entries a first staff and attendance load would have left in August (ids 100 down). */
function initialLoad(n: number): AuditEntry[] {
  return Array.from({ length: n }, (_, i) => {
    const id = 100 - i;
    const staff = (i % 12) + 1;
    const row = { id: 400 + n - i, session_id: 1 + (i % 6), staff_id: staff, attended: 1, pre_score: 55 + (i % 30), post_score: 70 + (i % 25) };
    return {
      id,
      at: `2026-08-${String(28 - Math.floor(i / 10)).padStart(2, "0")} 10:${String(59 - (i % 60)).padStart(2, "0")}:00`,
      user: "manager",
      action: "insert",
      record: "attendance",
      record_key: String(row.id),
      changes: fx.auditChanges(null, row),
      restorable: false,
    };
  });
}

/** Keeps the newest 10 and the newest of each month (`backup::prune`). */
function prune(list: BackupInfo[]): BackupInfo[] {
  const months = new Set<string>();
  return list.filter((b, i) => {
    const month = b.taken_at.slice(0, 7);
    const firstOfMonth = !months.has(month);
    months.add(month);
    return i < 10 || firstOfMonth;
  });
}

function take(reason: Reason): BackupInfo {
  const b = fx.backupOf(now("T"), reason, (backups[0]?.bytes ?? 18_000_000) + 65_536);
  backups = prune([b, ...backups]);
  return b;
}

const invalid = (message: string) => ({ code: "invalid", message: `invalid: ${message}`, rows: null });

/** The table a foreign-key field points into. */
const PARENTS: Record<string, string> = {
  staff_id: "staff",
  role_id: "roles",
  session_id: "training_sessions",
  course_id: "courses",
  service_id: "services",
  calendar_id: "calendars",
};

function restore(id: number) {
  const e = audit.find((x) => x.id === id);
  if (!e) throw { code: "not_found", message: `not found: audit entry ${id}`, rows: null };
  if (!e.restorable) throw invalid(`audit entry ${id} is not a deletion that can be undone`);
  const row = fx.deletedRow(e);
  for (const [field, table] of Object.entries(PARENTS)) {
    const parent = row[field];
    if (parent === undefined || parent === null) continue;
    if (audit.some((x) => x.record === table && x.record_key === String(parent) && x.restorable)) {
      throw invalid(
        `cannot restore this ${e.record} row: FOREIGN KEY constraint failed — restore what it belongs to first (it was deleted with it), or it exists again`,
      );
    }
  }
  const back: AuditEntry = {
    id: Math.max(...audit.map((x) => x.id)) + 1,
    at: now(" "),
    user: "manager",
    action: "insert",
    record: e.record,
    record_key: e.record_key,
    changes: fx.auditChanges(null, row),
    restorable: false,
  };
  audit = fx.withRestorable([back, ...audit]);
}

/** The answer to a Backups or Audit log command, or `undefined` when `cmd` is not one. */
export function backupsCommand(cmd: string, args: Record<string, any>): unknown {
  switch (cmd) {
    case "backups_list":
      return structuredClone(backups);
    case "backup_now":
      return take("manual");
    case "backup_restore": {
      if (!backups.some((b) => b.name === args.name)) throw { code: "not_found", message: `not found: backup ${args.name}`, rows: null };
      return take("before_restore");
    }
    case "audit_list": {
      const list = audit.filter((e) => (args.record === null || e.record === args.record) && (args.beforeId === null || e.id < args.beforeId));
      return structuredClone(list.slice(0, args.limit));
    }
    case "audit_restore":
      restore(args.id);
      return null;
    case "audit_export":
      return args.path;
    default:
      return undefined;
  }
}
