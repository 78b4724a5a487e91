// How numbers read in the UI: the same rules as the core's `report/format.rs` (PDF, charts, CLI),
// so a figure on the dashboard matches the PDF and `sqm metrics` digit for digit.

import type { Lang } from "../bindings/Lang";
import type { Quarter } from "../bindings/Quarter";

/** What is shown for a figure that was not measured: never `0`. */
export const NOT_MEASURED = "—";

function finite(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * One decimal, rounding half away from zero like Rust's `f64::round` in the core
 * (`(v * 10).round() / 10`, then `{:.1}`). JS `Math.round` rounds half towards +∞, so the sign is
 * taken out first; the multiply by 10 is the same IEEE operation as in Rust, so ties agree.
 */
export function oneDecimal(v: number): string {
  const r = (Math.sign(v) * Math.round(Math.abs(v) * 10)) / 10;
  // Avoid "-0.0" for tiny negatives, as the core does.
  return (r === 0 ? 0 : r).toFixed(1);
}

/** A percentage (0–100) with one decimal: `96.3%`; `—` when not measured. */
export function fmtPct(v: number | null | undefined): string {
  return finite(v) ? `${oneDecimal(v)}%` : NOT_MEASURED;
}

/** A plain figure with one decimal (a mean score): `4.2`; `—` when not measured. */
export function fmtDecimal(v: number | null | undefined): string {
  return finite(v) ? oneDecimal(v) : NOT_MEASURED;
}

/** Hours with one decimal and no unit (the label carries it): `12.5`; `—` when not measured. */
export const fmtHours = fmtDecimal;

/** A count with thousands separators: `12,345`; `—` when not measured. */
export function fmtCount(v: number | null | undefined): string {
  if (!finite(v)) return NOT_MEASURED;
  const n = Math.round(Math.abs(v));
  const digits = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return v < 0 && n !== 0 ? `-${digits}` : digits;
}

/** A duration target in minutes as the manager says it: `1 h`, `24 h`, `1 h 30 min`, `45 min`. */
export function fmtMinutes(minutes: number, lang: Lang): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hu = lang === "zh" ? " 小时" : " h";
  const mu = lang === "zh" ? " 分钟" : " min";
  if (h === 0) return `${m}${mu}`;
  if (m === 0) return `${h}${hu}`;
  return `${h}${hu} ${m}${mu}`;
}

/** `2026年第3季度` (zh) or `2026 Q3` (en). */
export function fmtQuarter(q: Quarter, lang: Lang): string {
  return lang === "zh" ? `${q.year}年第${q.q}季度` : `${q.year} Q${q.q}`;
}

/** A stable string key for a quarter, for `<select>` values: `2026Q3`. */
export function quarterKey(q: Quarter): string {
  return `${q.year}Q${q.q}`;
}

export function parseQuarterKey(key: string): Quarter | null {
  const m = /^(\d{4})Q([1-4])$/.exec(key);
  return m ? { year: Number(m[1]), q: Number(m[2]) } : null;
}

/** Money from exact cents, as the PDF prints it (`report::fmt_money`): `¥12,345.60`; `—` when there is none. */
export function fmtMoney(cents: number | null | undefined): string {
  if (!finite(cents)) return NOT_MEASURED;
  const c = Math.round(Math.abs(cents));
  const whole = fmtCount(Math.floor(c / 100));
  const sign = cents < 0 && c !== 0 ? "-" : "";
  return `${sign}¥${whole}.${String(c % 100).padStart(2, "0")}`;
}

/** File sizes in the import screen: `1.2 MB`. */
export function fmtBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${oneDecimal(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${oneDecimal(bytes / (1024 * 1024))} MB`;
  return `${oneDecimal(bytes / (1024 * 1024 * 1024))} GB`;
}
