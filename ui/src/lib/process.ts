// Service processes and the current-state assessment on screen: the period of a quarter, steps
// moved and edited, lists typed one item per line, milestone and group names, the figures the
// step-time, map and assessment tabs show, and the column mapping of an imported survey.
// Pure apart from `t` / `i18n` (the UI language).

import type { AssessmentMapping } from "../bindings/AssessmentMapping";
import type { Dimension } from "../bindings/Dimension";
import type { Group } from "../bindings/Group";
import type { Milestone } from "../bindings/Milestone";
import type { ProcessKind } from "../bindings/ProcessKind";
import type { ProcessMap } from "../bindings/ProcessMap";
import type { Quarter } from "../bindings/Quarter";
import type { Questionnaire } from "../bindings/Questionnaire";
import type { SopStep } from "../bindings/SopStep";
import type { SopVersion } from "../bindings/SopVersion";
import type { StepTimes } from "../bindings/StepTimes";
import type { TableData } from "../bindings/TableData";
import { fmtCount, fmtPct, NOT_MEASURED, oneDecimal } from "./format";
import { i18n, t, type MessageKey } from "./i18n.svelte";

// ---- the period ------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");

/** The first and last day (inclusive) of a quarter, as `YYYY-MM-DD`. */
export function quarterRange(q: Quarter): { start: string; end: string } {
  const first = (q.q - 1) * 3 + 1;
  const last = first + 2;
  // Day 0 of the next month is the last day of this one (UTC: no daylight-saving surprises).
  const days = new Date(Date.UTC(q.year, last, 0)).getUTCDate();
  return { start: `${q.year}-${pad(first)}-01`, end: `${q.year}-${pad(last)}-${pad(days)}` };
}

/** Whether `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// ---- lists -----------------------------------------------------------------------------------

/** A copy of `list` with the item at `index` moved by `by` places (−1 up, +1 down); unchanged at the ends. */
export function move<T>(list: readonly T[], index: number, by: number): T[] {
  const out = [...list];
  const to = index + by;
  if (index < 0 || index >= out.length || to < 0 || to >= out.length || by === 0) return out;
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

/** A copy of `list` without the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Text typed one item per line as a list: trimmed, blank lines dropped. */
export function linesToList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export const listToLines = (list: readonly string[]) => list.join("\n");

// ---- processes and steps ---------------------------------------------------------------------

export const PROCESS_KINDS: readonly ProcessKind[] = ["request", "delivery", "monitoring", "evaluation", "other"];
export const MILESTONES: readonly Milestone[] = ["opened", "assigned", "responded", "resolved", "closed", "feedback"];

export const milestoneLabel = (m: Milestone | null | undefined) => (m ? t(`proc.milestone.${m}` as MessageKey) : NOT_MEASURED);
export const kindLabel = (k: ProcessKind) => t(`proc.kind.${k}` as MessageKey);
export const groupLabel = (g: Group) => t(`proc.group.${g}` as MessageKey);

/** A name in the UI language, the other language when that one is empty. */
export function localName(zh: string, en: string): string {
  const [first, second] = i18n.lang === "zh" ? [zh, en] : [en, zh];
  return first.trim() || second.trim();
}

/** The bound milestones of a step: `首次分配 → 首次响应`, `— → 开单` for a point, `—` when unbound. */
export function boundText(from: Milestone | null, to: Milestone | null): string {
  if (!from && !to) return NOT_MEASURED;
  return `${milestoneLabel(from)} → ${milestoneLabel(to)}`;
}

export function emptyStep(): SopStep {
  return {
    name_zh: "",
    name_en: "",
    owner_role_id: null,
    owner_text: "",
    inputs: "",
    outputs: "",
    checklist: [],
    target_hours: null,
    from: null,
    to: null,
  };
}

/**
 * A step target typed in hours: `null` for blank, the number when it is > 0, `undefined` when it
 * is not a positive number (the form says so).
 */
export function parseTarget(text: string): number | null | undefined {
  const s = text.trim().replace(",", ".");
  if (s === "") return null;
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/** A target as typed back into the form: `0.5`, `24`, `''`. */
export const targetText = (v: number | null) => (v === null ? "" : String(v));

/**
 * A step target as the manager set it, without the unit: `0.25`, `0.5`, `24` (at most two
 * decimals; a target is an input, not a measured figure, so it is not rounded to one decimal);
 * `—` without a target.
 */
export function fmtTargetValue(v: number | null | undefined): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return NOT_MEASURED;
  return String(Number((Math.sign(v) * Math.round(Math.abs(v) * 100)) / 100));
}

/**
 * A step target as the PDF prints it (the core's `fmt_duration`): minutes under an hour
 * (`15 分钟` / `15 min`), else hours without a needless `.0` (`24 小时`, `1.5 小时` / `24 h`);
 * `—` without a target. Exact, so 15 minutes never reads as 0.3 h.
 */
export function fmtTarget(v: number | null | undefined): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return NOT_MEASURED;
  const minutes = Math.round(v * 60);
  const zh = i18n.lang === "zh";
  if (minutes < 60) return `${minutes}${zh ? " 分钟" : " min"}`;
  const hours = minutes % 60 === 0 ? String(minutes / 60) : oneDecimal(minutes / 60);
  return `${hours}${zh ? " 小时" : " h"}`;
}

/** The next version label proposed for a duplicate: `1.0` → `1.1`, `2` → `3`, else `<v>-copy`. */
export function nextVersion(v: string, taken: readonly string[] = []): string {
  const m = /^(.*?)(\d+)$/.exec(v.trim());
  let candidate = m ? `${m[1]}${Number(m[2]) + 1}` : `${v.trim()}-2`;
  while (taken.includes(candidate)) {
    const n = /^(.*?)(\d+)$/.exec(candidate);
    candidate = n ? `${n[1]}${Number(n[2]) + 1}` : `${candidate}-2`;
  }
  return candidate;
}

/** A new, empty SOP version of a process (version 1.0, effective `from`). */
export function blankVersion(processId: number, from: string): SopVersion {
  return {
    id: null,
    process_id: processId,
    version: "1.0",
    effective_from: from,
    approver: "",
    approved_on: null,
    notes: "",
    expected_states: [],
    steps: [],
  };
}

/** What the form checks before saving a version: the message keys of what is wrong. */
export function versionProblems(v: SopVersion): MessageKey[] {
  const out: MessageKey[] = [];
  if (!v.version.trim()) out.push("proc.sop.versionRequired");
  if (!isIsoDate(v.effective_from)) out.push("proc.sop.effectiveInvalid");
  if (v.approved_on !== null && !isIsoDate(v.approved_on)) out.push("proc.sop.approvedInvalid");
  v.steps.forEach((s) => {
    if (!s.name_zh.trim() && !s.name_en.trim()) {
      if (!out.includes("proc.step.nameRequired")) out.push("proc.step.nameRequired");
    }
    if (s.from !== null && s.from === s.to && !out.includes("proc.step.boundsInvalid")) out.push("proc.step.boundsInvalid");
  });
  return out;
}

// ---- step times ------------------------------------------------------------------------------

/** A signed number of points with one decimal: `+4.2`, `-3.1`, `0.0`, `—`. */
export function fmtSigned(v: number | null | undefined): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return NOT_MEASURED;
  const s = oneDecimal(v);
  return v > 0 && s !== "0.0" ? `+${s}` : s;
}

/** The colour of a change: better (up), worse (down) or neither. */
export function changeClass(v: number | null | undefined): "up" | "down" | "" {
  if (typeof v !== "number" || !Number.isFinite(v)) return "";
  const r = Number(oneDecimal(v));
  return r > 0 ? "up" : r < 0 ? "down" : "";
}

/** One bar of the bottleneck: a measured step, a not-measured one (share null), or the unaccounted rest. */
export interface BottleneckBar {
  key: string;
  label: string;
  share: number | null;
  hours: number | null;
}

/** The bottleneck's bars: each step, then the time no measured step covers. */
export function bottleneckBars(st: StepTimes): BottleneckBar[] {
  const bars: BottleneckBar[] = st.bottleneck.map((b) => ({
    key: `step-${b.pos}`,
    label: `${b.pos + 1}. ${localName(b.name_zh, b.name_en)}`,
    share: b.share_pct,
    hours: b.share_pct === null ? null : b.hours,
  }));
  if (st.unaccounted_pct !== null) bars.push({ key: "unaccounted", label: t("proc.bn.unaccounted"), share: st.unaccounted_pct, hours: null });
  return bars;
}

/** The bottleneck as a table for export. */
export function bottleneckTable(st: StepTimes, title: string): TableData {
  return {
    title,
    columns: [t("proc.st.step"), t("proc.bn.share"), t("proc.bn.hours")],
    rows: bottleneckBars(st).map((b) => [
      { kind: "text", value: b.label },
      b.share === null ? { kind: "empty" } : { kind: "number", value: Number(oneDecimal(b.share)), format: "percent", decimals: 1 },
      b.hours === null ? { kind: "empty" } : { kind: "number", value: Number(oneDecimal(b.hours)), format: "decimal", decimals: 1 },
    ]),
  };
}

// ---- the process map -------------------------------------------------------------------------

export const ARROW = " → ";
export const variantPath = (path: readonly string[]) => path.join(ARROW);

/** `符合 SOP 的工单 82.4%（412 / 500）`; null when conformance is not measured. */
export function conformanceHeadline(map: ProcessMap): string | null {
  if (map.conformance_pct === null) return null;
  return t("proc.map.conformance", { pct: fmtPct(map.conformance_pct), n: fmtCount(map.conforming_cases), m: fmtCount(map.cases) });
}

// ---- the assessment --------------------------------------------------------------------------

/** Every item of the questionnaire by id, with its dimension. */
export function itemIndex(q: Questionnaire): Map<number, { dimension: Dimension; code: string }> {
  const out = new Map<number, { dimension: Dimension; code: string }>();
  for (const d of q.dimensions) for (const it of d.items) if (it.id !== null) out.set(it.id, { dimension: d, code: it.code });
  return out;
}

/** Answers as a map item id → score. */
export const answerMap = (answers: readonly [number, number][]) => new Map(answers.map(([id, s]) => [id, s]));

/** Scores typed per item (blank = unanswered) as the respondent's answers, in questionnaire order; null when one is not 1–5. */
export function answersFrom(q: Questionnaire, typed: Record<number, string>): [number, number][] | null {
  const out: [number, number][] = [];
  for (const d of q.dimensions) {
    for (const it of d.items) {
      if (it.id === null) continue;
      const s = (typed[it.id] ?? "").trim();
      if (s === "") continue;
      if (!/^[1-5]$/.test(s)) return null;
      out.push([it.id, Number(s)]);
    }
  }
  return out;
}

/** The mean answer of a respondent in a dimension (raw scores, reverse items turned: 6 − s), one decimal; `—` without answers. */
export function dimensionMean(d: Dimension, answers: Map<number, number>): string {
  let sum = 0;
  let n = 0;
  for (const it of d.items) {
    const s = it.id === null ? undefined : answers.get(it.id);
    if (s === undefined) continue;
    sum += it.reverse ? 6 - s : s;
    n++;
  }
  return n === 0 ? NOT_MEASURED : oneDecimal(sum / n);
}

/** The item code a header maps to ('' = not mapped). */
export function mappedItem(m: AssessmentMapping, header: string): string {
  return m.items.find(([h]) => h === header)?.[1] ?? "";
}

/** A copy of the mapping with `header` mapped to `code` ('' removes it); one header per item. */
export function mapItem(m: AssessmentMapping, header: string, code: string): AssessmentMapping {
  const items = m.items.filter(([h, c]) => h !== header && (code === "" || c !== code));
  if (code !== "") items.push([header, code]);
  return { ...m, items };
}

/** The values meaning IT staff, typed comma- or line-separated. */
export function parseValues(text: string): string[] {
  return [...new Set(text.split(/[,，;\n]/).map((s) => s.trim()).filter((s) => s !== ""))];
}

/** Every item code of the questionnaire, in order. */
export const itemCodes = (q: Questionnaire) => q.dimensions.flatMap((d) => d.items.map((i) => i.code));

/** The next free code with a prefix: `D5`, `Q5-1`. */
export function nextCode(prefix: string, taken: readonly string[], start = 1): string {
  for (let n = start; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}
