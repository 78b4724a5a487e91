// Small helpers for the screen's SVG charts: text that fits a width, and round axis ticks.

/** Roughly how wide `s` is at `size` px in the UI font: CJK a full em, Latin about 0.56 em. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : /[ilI.,:;'|]/.test(ch) ? size * 0.3 : size * 0.56;
  return w;
}

/** `s`, cut with an ellipsis so that it fits `max` px at `size` px. */
export function fitText(s: string, max: number, size: number): string {
  if (textWidth(s, size) <= max) return s;
  let out = "";
  for (const ch of s) {
    if (textWidth(`${out}${ch}…`, size) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/** About `count` round values spanning [lo, hi] (1, 2 or 5 × a power of ten apart). */
export function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Money on a chart: `¥37.5万`, `-¥6,239` in Chinese, `¥375.5k` in English; exact money stays in tables. */
export function fmtMoneyShort(cents: number, lang: "zh" | "en"): string {
  const yuan = cents / 100;
  const a = Math.abs(yuan);
  const sign = yuan < 0 && Math.round(a) !== 0 ? "-" : "";
  const one = (v: number) => String(Math.round(v * 10) / 10);
  const whole = (v: number) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (lang === "zh") return a >= 10_000 ? `${sign}¥${one(a / 10_000)}万` : `${sign}¥${whole(a)}`;
  if (a >= 1_000_000) return `${sign}¥${one(a / 1_000_000)}M`;
  return a >= 1_000 ? `${sign}¥${one(a / 1_000)}k` : `${sign}¥${whole(a)}`;
}
