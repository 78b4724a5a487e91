// Money as the user types it: exact cents, never a float amount (the People and Cost-benefit forms).

/**
 * Money as typed (`1,234.5`, `¥ 800`) in cents; `null` when empty, `undefined` when it is not an
 * amount of at most two decimals.
 */
export function parseMoney(text: string): number | null | undefined {
  const s = text.replace(/[\s,，¥￥]/g, "");
  if (s === "") return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** Cents as the money input shows them: `1234.50`, '' for none. */
export const moneyInput = (cents: number | null) => (cents === null ? "" : (cents / 100).toFixed(2));
