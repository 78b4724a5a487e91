// People and competence on screen: role names in the UI language, who holds what on a date, the
// matrix cell colours, money typed by the user, and deleting a record others may refer to.

import * as api from "../api";
import type { Assignment } from "../bindings/Assignment";
import type { Attendance } from "../bindings/Attendance";
import type { MatrixCell } from "../bindings/MatrixCell";
import type { PeopleKind } from "../bindings/PeopleKind";
import type { Role } from "../bindings/Role";
import type { Staff } from "../bindings/Staff";
import { fmtDecimal } from "./format";
import { i18n, t } from "./i18n.svelte";

/** Today as `YYYY-MM-DD` on the user's clock (the date inputs' format). */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A role's name in the UI language, the other language when that one is empty. */
export function roleName(r: Role): string {
  const [first, second] = i18n.lang === "zh" ? [r.name_zh, r.name_en] : [r.name_en, r.name_zh];
  return first.trim() || second.trim() || r.code;
}

/** A role's duties in the UI language, the other language when that one is empty. */
export function roleDuties(r: Role): string {
  const [first, second] = i18n.lang === "zh" ? [r.duties_zh, r.duties_en] : [r.duties_en, r.duties_zh];
  return first.trim() || second.trim();
}

/** Whether the assignment holds on `date` (its `to` is the inclusive last day). */
export const holdsOn = (a: Assignment, date: string) => a.from <= date && (a.to === null || date <= a.to);

/** The ids of the roles `p` holds on `date`, without repeats. */
export function rolesHeld(p: Staff, date: string): number[] {
  return [...new Set(p.assignments.filter((a) => holdsOn(a, date)).map((a) => a.role_id))];
}

/** Every competence the roles require, as first written, sorted (the matrix's columns). */
export function requiredCompetences(roles: Role[]): string[] {
  const byKey = new Map<string, string>();
  for (const r of roles) {
    for (const q of r.requirements) {
      const key = q.competence.trim().toLowerCase();
      if (!byKey.has(key)) byKey.set(key, q.competence.trim());
    }
  }
  return [...byKey.values()].sort();
}

/** The distinct non-empty teams of the staff and the roles, sorted. */
export function teamsOf(staff: Staff[], roles: Role[] = []): string[] {
  const teams = new Set([...staff.map((p) => p.team.trim()), ...roles.map((r) => r.team.trim())].filter((x) => x !== ""));
  return [...teams].sort((a, b) => a.localeCompare(b, "zh-CN"));
}

/**
 * The CSS classes of a matrix cell: its status, and for a gap how far below (`gap-1` … `gap-3`,
 * three or more levels), so the red deepens with the gap.
 */
export function cellClasses(c: MatrixCell): string {
  if (c.status !== "gap") return `cell cell-${c.status}`;
  const depth = Math.min(3, Math.max(1, (c.required ?? 0) - (c.assessed ?? 0)));
  return `cell cell-gap gap-${depth}`;
}

/** What a matrix cell reads: `assessed/required`, `?` when not assessed, the level alone when not required. */
export function cellText(c: MatrixCell): string {
  if (c.status === "not_required") return c.assessed === null ? "" : String(c.assessed);
  return `${c.assessed ?? "?"}/${c.required ?? "?"}`;
}

/** An attendee's gain in score points (post − pre), if both were measured and they attended. */
export function gainOf(a: Attendance): number | null {
  return a.attended && a.pre !== null && a.post !== null ? a.post - a.pre : null;
}

/** A gain with its sign: `+12.5`, `-3.0`, `—`. */
export function fmtGain(v: number | null | undefined): string {
  const s = fmtDecimal(v);
  return typeof v === "number" && Number.isFinite(v) && v > 0 && s !== "0.0" ? `+${s}` : s;
}

// Money typed by the user lives in ./money (the Cost-benefit forms use it too).
export { moneyInput, parseMoney } from "./money";

/**
 * Deletes a record after the user confirmed it; when others refer to it, the shell answers
 * `in_use` naming them, and only a second confirmation deletes them too. False when the user
 * cancelled; other failures are thrown.
 */
export async function deleteRecord(kind: PeopleKind, id: number, what: string): Promise<boolean> {
  const title = t("people.delete.title");
  if (!(await api.confirmNative(t("people.delete.ask", { what }), title, t("common.delete"), t("common.cancel")))) return false;
  try {
    await api.peopleDelete(kind, id, false);
    return true;
  } catch (e) {
    const err = api.toApiError(e);
    if (err.code !== "in_use") throw err;
    const all = await api.confirmNative(
      t("people.delete.cascade", { what, detail: err.message }),
      title,
      t("people.delete.cascadeOk"),
      t("common.cancel"),
    );
    if (!all) return false;
    await api.peopleDelete(kind, id, true);
    return true;
  }
}
