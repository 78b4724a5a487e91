// Feedback and continual improvement on screen: metric names and units, score scales, the review
// meeting's findings composed from the pre-fill, the lists' filters, and deleting a record others
// may refer to. Pure apart from `t` (the UI language) and `deleteFeedback` (asks, then the shell).

import * as api from "../api";
import type { Action } from "../bindings/Action";
import type { ActionStatus } from "../bindings/ActionStatus";
import type { ActionView } from "../bindings/ActionView";
import type { Change } from "../bindings/Change";
import type { Complaint } from "../bindings/Complaint";
import type { ComplaintStatus } from "../bindings/ComplaintStatus";
import type { FeedbackKind } from "../bindings/FeedbackKind";
import type { MeetingPrefill } from "../bindings/MeetingPrefill";
import type { MetricKey } from "../bindings/MetricKey";
import type { Origin } from "../bindings/Origin";
import type { Quarter } from "../bindings/Quarter";
import type { Response } from "../bindings/Response";
import type { SatisfactionRow } from "../bindings/SatisfactionRow";
import type { TargetJudgement } from "../bindings/TargetJudgement";
import type { Severity } from "../bindings/Severity";
import { fmtCount, fmtDecimal, fmtPct, fmtQuarter, NOT_MEASURED, oneDecimal, quarterKey } from "./format";
import { i18n, measureLabel, t } from "./i18n.svelte";

// ---- metrics ---------------------------------------------------------------------------------

/** Every metric, in the core's order (`MetricKey::ALL`). */
export const METRICS: readonly MetricKey[] = [
  "response_attainment",
  "resolution_attainment",
  "csat",
  "mean_score",
  "response_rate",
  "median_resolution_hours",
  "p90_resolution_hours",
  "reassignment_rate",
  "reopen_rate",
  "volume",
  "resolved_per_staff",
  "complaints",
];

export const ORIGINS: readonly Origin[] = ["review", "complaint", "breach", "audit"];
export const ACTION_STATUSES: readonly ActionStatus[] = ["open", "in_progress", "done", "cancelled"];
export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = ["open", "investigating", "resolved", "closed"];
/** The channels a complaint arrives by (the core's list). */
export const COMPLAINT_CHANNELS = ["phone", "email", "in_person", "survey", "letter", "other"] as const;
/** Channels proposed for a satisfaction response (any other text is kept as typed). */
export const RESPONSE_CHANNELS = ["survey", "ticket", "phone", "email", "interview", "in_person"] as const;

/** How a metric's value reads: a percentage (0–100), hours, a 1–5 score, a count or a ratio. */
export type MetricUnit = "pct" | "hours" | "score" | "count" | "ratio";

export function metricUnit(k: MetricKey): MetricUnit {
  switch (k) {
    case "response_attainment":
    case "resolution_attainment":
    case "csat":
    case "response_rate":
    case "reassignment_rate":
    case "reopen_rate":
      return "pct";
    case "median_resolution_hours":
    case "p90_resolution_hours":
      return "hours";
    case "mean_score":
      return "score";
    case "volume":
    case "complaints":
      return "count";
    case "resolved_per_staff":
      return "ratio";
  }
}

/** Percentages are compared in points as well as relatively (the core's `is_pct`). */
export const isPctMetric = (k: MetricKey) => metricUnit(k) === "pct";

/** Higher is better (true), worse (false) or neither (volume): the core's `higher_is_better`. */
export function higherIsBetter(k: MetricKey): boolean | null {
  switch (k) {
    case "response_attainment":
    case "resolution_attainment":
    case "csat":
    case "mean_score":
    case "response_rate":
    case "resolved_per_staff":
      return true;
    case "median_resolution_hours":
    case "p90_resolution_hours":
    case "reassignment_rate":
    case "reopen_rate":
    case "complaints":
      return false;
    case "volume":
      return null;
  }
}

export const metricLabel = (k: MetricKey) => t(`fb.metric.${k}`);

/** The unit as a form shows it next to a value: `%`, `小时` / `h`, '' for counts and scores. */
export function metricUnitText(k: MetricKey): string {
  const u = metricUnit(k);
  return u === "pct" ? "%" : u === "hours" ? t("fb.unit.hours") : "";
}

/** A metric's value with its unit: `96.3%`, `12.5 小时`, `4.2`, `1,204`; `—` when not measured. */
export function fmtMetric(k: MetricKey, v: number | null | undefined): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return NOT_MEASURED;
  switch (metricUnit(k)) {
    case "pct":
      return fmtPct(v);
    case "hours":
      return `${fmtDecimal(v)} ${t("fb.unit.hours")}`;
    case "count":
      return fmtCount(v);
    default:
      return fmtDecimal(v);
  }
}

/** `+2.5`, `-3.0`, `0.0`: one decimal with a sign when it is not zero once rounded. */
function signedDecimal(v: number): string {
  const s = oneDecimal(v);
  return v > 0 && s !== "0.0" ? `+${s}` : s;
}

/** current − baseline in the metric's own unit: points for percentages (`+2.5 个百分点`), hours, counts. */
export function fmtAbsChange(k: MetricKey, abs: number | null | undefined): string {
  if (typeof abs !== "number" || !Number.isFinite(abs)) return NOT_MEASURED;
  switch (metricUnit(k)) {
    case "pct":
      return `${signedDecimal(abs)} ${t("fb.unit.points")}`;
    case "hours":
      return `${signedDecimal(abs)} ${t("fb.unit.hours")}`;
    case "count": {
      const n = Math.round(abs);
      return n > 0 ? `+${fmtCount(n)}` : fmtCount(n);
    }
    case "score":
      // A 1–5 mean moves by hundredths: one decimal would read 0.0.
      return signedFixed(abs, 2);
    default:
      return signedDecimal(abs);
  }
}

/** A relative change: `+12.3%`, `-24.7%`; `—` when it cannot be computed (baseline 0 or missing). */
export function fmtRelChange(rel: number | null | undefined): string {
  if (typeof rel !== "number" || !Number.isFinite(rel)) return NOT_MEASURED;
  return `${signedDecimal(rel)}%`;
}

/** `v` rounded half away from zero to `digits` decimals, with a sign when above zero. */
function signedFixed(v: number, digits: number): string {
  const f = 10 ** digits;
  const r = (Math.sign(v) * Math.round(Math.abs(v) * f)) / f;
  const s = (r === 0 ? 0 : r).toFixed(digits);
  return r > 0 ? `+${s}` : s;
}

/**
 * A programme target's change as its card shows it: like `fmtRelChange`, but with as many more
 * decimals (up to four) as it takes for the figure not to contradict the verdict — a CSAT rise of
 * 9.96% against a 10% target reads `+9.96%`, not `+10.0%` next to "not met".
 */
export function fmtJudgedChange(j: TargetJudgement, kind: "efficiency" | "satisfaction"): string {
  const c = j.change_pct;
  if (typeof c !== "number" || !Number.isFinite(c)) return NOT_MEASURED;
  for (let digits = 1; digits < 4; digits++) {
    const shown = Number(signedFixed(c, digits));
    const target = Number(signedFixed(j.target_pct, digits));
    const looksMet = kind === "efficiency" ? shown <= -target : shown >= target;
    if (j.met === null || looksMet === j.met) return `${signedFixed(c, digits)}%`;
  }
  return `${signedFixed(c, 4)}%`;
}

/** What a change means: better, worse, unchanged, neutral (a change in volume) or not measured. */
export type ChangeMark = "better" | "worse" | "unchanged" | "neutral" | "none";

export function changeMark(c: Change | null | undefined): ChangeMark {
  if (!c || c.abs === null) return "none";
  if (c.improved === true) return "better";
  if (c.improved === false) return "worse";
  return c.abs === 0 ? "unchanged" : "neutral";
}

/** ✓ reached the target, ✗ did not, — not judged yet. */
export const fmtAchieved = (v: boolean | null | undefined) => (v === true ? "✓" : v === false ? "✗" : NOT_MEASURED);

// ---- numbers typed in forms ------------------------------------------------------------------

/**
 * A number as typed (`82.5`, `82,5`, ` 12 `, `90%`): `null` when empty, `undefined` when it is not
 * a number.
 */
export function parseNumber(text: string): number | null | undefined {
  const s = text.trim().replace(/[%％]$/, "").trim().replace(",", ".");
  if (s === "") return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

/** A number as a form shows it: as short as it is exact, '' for none. */
export const numberInput = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? String(v) : "");

// ---- satisfaction scores ---------------------------------------------------------------------

export interface Scale {
  min: number;
  max: number;
}

/** The scales a response or a survey import can use; 0–1 is yes/no. */
export const SCALES: readonly Scale[] = [
  { min: 1, max: 5 },
  { min: 1, max: 10 },
  { min: 0, max: 10 },
  { min: 0, max: 1 },
];

export const scaleKey = (s: Scale) => `${s.min}-${s.max}`;

export function parseScaleKey(key: string): Scale | null {
  const m = /^(-?\d+)-(-?\d+)$/.exec(key);
  return m ? { min: Number(m[1]), max: Number(m[2]) } : null;
}

/** `1–5`, or `是/否` / `yes/no` for 0–1. */
export const fmtScale = (s: Scale) => (s.min === 0 && s.max === 1 ? t("fb.scale.yesno") : `${s.min}–${s.max}`);

/** A score as its scale reads it: `4 / 1–5`, `7.5 / 0–10`, `是` / `否` on a yes/no scale. */
export function fmtScore(r: { score: number; scale_min: number; scale_max: number }): string {
  if (r.scale_min === 0 && r.scale_max === 1 && (r.score === 0 || r.score === 1)) {
    return r.score === 1 ? t("common.yes") : t("common.no");
  }
  const score = Number.isInteger(r.score) ? String(r.score) : oneDecimal(r.score);
  return `${score} / ${r.scale_min}–${r.scale_max}`;
}

/** Satisfied = one of the top two points of the scale, yes on a yes/no scale (the core's `Scale::is_satisfied`). */
export function isSatisfied(score: number, s: Scale): boolean {
  return s.max - s.min <= 1 ? score >= s.max : score >= s.max - 1;
}

/** The score placed on 0–1 of its scale, so 2 of 1–5 and 3 of 1–10 compare (the core's `normalised`). */
export const normalised = (r: { score: number; scale_min: number; scale_max: number }) =>
  (r.score - r.scale_min) / (r.scale_max - r.scale_min);

/** The scores a scale offers, for the response form's choice. */
export function scaleSteps(s: Scale): number[] {
  const out: number[] = [];
  for (let v = s.min; v <= s.max; v++) out.push(v);
  return out;
}

/** An interviewer's judgement, 1–5: 非常不满意 … 非常满意. */
export const judgementLabel = (n: number) => (n >= 1 && n <= 5 && Number.isInteger(n) ? t(`fb.judgement.${n as 1 | 2 | 3 | 4 | 5}`) : String(n));

/** A channel's name in the UI language when it is one SQM knows, else as recorded. */
export function channelLabel(channel: string): string {
  const key = `fb.channel.${channel}`;
  return key in CHANNEL_KEYS ? t(key as ChannelKey) : channel;
}
/** Where an imported response came from, as the user knows it: ServiceNow, Jira, 问卷导入. */
export function sourceLabel(source: string): string {
  switch (source) {
    case "servicenow":
      return "ServiceNow";
    case "jira":
      return "Jira";
    case "survey":
      return t("fb.source.survey");
    default:
      return source;
  }
}

type ChannelKey = `fb.channel.${(typeof RESPONSE_CHANNELS)[number] | (typeof COMPLAINT_CHANNELS)[number]}`;
const CHANNEL_KEYS: Record<string, true> = Object.fromEntries(
  [...RESPONSE_CHANNELS, ...COMPLAINT_CHANNELS].map((c) => [`fb.channel.${c}`, true]),
);

// ---- the satisfaction table ------------------------------------------------------------------

export interface SatisfactionGroup {
  service_id: number | null;
  code: string;
  name: string;
  /** Newest quarter first. */
  rows: SatisfactionRow[];
}

/** The rows grouped by service (in the order they come), the overall group last; newest quarter first. */
export function satisfactionGroups(rows: SatisfactionRow[]): SatisfactionGroup[] {
  const groups = new Map<number | null, SatisfactionGroup>();
  for (const r of rows) {
    let g = groups.get(r.service_id);
    if (!g) {
      g = { service_id: r.service_id, code: r.code, name: r.name, rows: [] };
      groups.set(r.service_id, g);
    }
    g.rows.push(r);
  }
  const byQuarter = (a: SatisfactionRow, b: SatisfactionRow) => b.quarter.year - a.quarter.year || b.quarter.q - a.quarter.q;
  const out = [...groups.values()].map((g) => ({ ...g, rows: g.rows.slice().sort(byQuarter) }));
  return [...out.filter((g) => g.service_id !== null), ...out.filter((g) => g.service_id === null)];
}

export const sameQuarter = (a: Quarter | null | undefined, b: Quarter | null | undefined) =>
  !!a && !!b && a.year === b.year && a.q === b.q;

/** The quarter a `YYYY-MM-DD` date falls in. */
export function quarterOf(date: string): Quarter | null {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), q: Math.floor((month - 1) / 3) + 1 } : null;
}

/** `YYYY-MM-DD` plus `n` months, the day kept where the month has it (else its last day). */
export function addMonths(date: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const months = Number(m[1]) * 12 + (Number(m[2]) - 1) + n;
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), last);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// ---- filters ---------------------------------------------------------------------------------

export interface ResponseFilter {
  /** Words looked for in the comment and the ticket key, case-insensitive; every word must be found. */
  query: string;
  serviceId: number | null;
}

export function filterResponses(responses: Response[], f: ResponseFilter): Response[] {
  const words = f.query.trim().toLowerCase().split(/\s+/).filter((w) => w !== "");
  return responses.filter((r) => {
    if (f.serviceId !== null && r.service_id !== f.serviceId) return false;
    const text = `${r.comment}\n${r.ticket_key}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export interface ComplaintFilter {
  status: ComplaintStatus | null;
  severity: Severity | null;
  /** Only those received in this quarter. */
  quarter: Quarter | null;
}

export function filterComplaints(complaints: Complaint[], f: ComplaintFilter): Complaint[] {
  return complaints.filter(
    (c) =>
      (f.status === null || c.status === f.status) &&
      (f.severity === null || c.severity === f.severity) &&
      (f.quarter === null || sameQuarter(quarterOf(c.received_on), f.quarter)),
  );
}

/** The estimated losses added up in exact cents, and how many complaints have no estimate. */
export function totalLoss(complaints: Complaint[]): { cents: number; unknown: number } {
  let cents = 0;
  let unknown = 0;
  for (const c of complaints) {
    if (c.loss_cents === null) unknown += 1;
    else cents += c.loss_cents;
  }
  return { cents, unknown };
}

export interface ActionFilter {
  overdueOnly: boolean;
  status: ActionStatus | null;
}

export function filterActions(actions: ActionView[], f: ActionFilter): ActionView[] {
  return actions.filter((a) => (!f.overdueOnly || a.overdue) && (f.status === null || a.action.status === f.status));
}

/** Register order: by code, numbers compared as numbers (CSI-9 before CSI-10). */
export function byActionCode(a: Action, b: Action): number {
  return a.code.localeCompare(b.code, "en", { numeric: true }) || a.id - b.id;
}

export const byCode = (a: ActionView, b: ActionView) => byActionCode(a.action, b.action);

// ---- review meetings -------------------------------------------------------------------------

/** The decisions, one per non-empty line. */
export const decisionLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** `2026Q3 服务质量评审会` / `2026Q3 service quality review`. */
export const meetingTitle = (q: Quarter) => t("fb.meeting.defaultTitle", { quarter: quarterKey(q) });

const serviceLabel = (code: string, name: string) => [code, name].filter((s) => s.trim() !== "").join(" ");

/**
 * The findings a new review meeting starts with, from the quarter's data: the standards met,
 * each missed standard (actual against required), each service figure that fell since the
 * previous quarter, and the actions still open (overdue ones marked). `staff` names the owners.
 */
export function findingsText(p: MeetingPrefill, staff: Map<number, string>): string {
  const lines: string[] = [];
  const quarter = fmtQuarter(p.quarter, i18n.lang);
  if (p.standards_measured === 0) {
    lines.push(t("fb.findings.noStandards", { quarter }));
  } else {
    lines.push(t("fb.findings.standards", { quarter, met: p.standards_met, measured: p.standards_measured }));
    if (p.missed.length === 0) lines.push(t("fb.findings.allMet"));
    for (const m of p.missed) {
      lines.push(
        t("fb.findings.missed", {
          service: serviceLabel(m.code, m.name),
          measure: measureLabel(m.measure),
          actual: fmtPct(m.actual_pct),
          required: fmtPct(m.required_pct),
        }),
      );
    }
  }
  lines.push("");
  if (p.falling.length === 0) {
    lines.push(t("fb.findings.noFalling"));
  } else {
    lines.push(t("fb.findings.fallingTitle"));
    for (const f of p.falling) {
      lines.push(
        t("fb.findings.falling", {
          service: serviceLabel(f.code, f.name),
          metric: metricLabel(f.metric),
          previous: fmtMetric(f.metric, f.previous),
          current: fmtMetric(f.metric, f.current),
        }),
      );
    }
  }
  lines.push("");
  if (p.open_actions.length === 0) {
    lines.push(t("fb.findings.noActions"));
  } else {
    const overdue = p.open_actions.filter((a) => a.overdue).length;
    lines.push(t("fb.findings.actionsTitle", { n: p.open_actions.length, overdue }));
    for (const v of p.open_actions) {
      const a = v.action;
      const owner = a.owner_staff_id === null ? t("fb.findings.noOwner") : (staff.get(a.owner_staff_id) ?? `#${a.owner_staff_id}`);
      const vars = { code: a.code, title: a.title, owner, due: a.due_on };
      lines.push(v.overdue ? t("fb.findings.actionOverdue", vars) : t("fb.findings.action", vars));
    }
  }
  return lines.join("\n");
}

// ---- deleting --------------------------------------------------------------------------------

/**
 * Deletes a record after the user confirmed it; when others refer to it, the shell answers
 * `in_use` naming them, and only a second confirmation deletes it anyway (their references to it
 * are cleared; they stay). False when the user cancelled; other failures are thrown.
 */
export async function deleteFeedback(kind: FeedbackKind, id: number, what: string): Promise<boolean> {
  const title = t("fb.delete.title");
  if (!(await api.confirmNative(t("fb.delete.ask", { what }), title, t("common.delete"), t("common.cancel")))) return false;
  try {
    await api.feedbackDelete(kind, id, false);
    return true;
  } catch (e) {
    const err = api.toApiError(e);
    if (err.code !== "in_use") throw err;
    const go = await api.confirmNative(t("fb.delete.cascade", { what, detail: err.message }), title, t("fb.delete.cascadeOk"), t("common.cancel"));
    if (!go) return false;
    await api.feedbackDelete(kind, id, true);
    return true;
  }
}
