// The cost-benefit case on screen: a driver's yearly benefit and a cost's amount as the form shows
// them while typing (the core's rules, to the cent), and how results read (IRR, payback, the
// sensitivity inputs named from their stable keys, as the PDF names them).

import type { BenefitDriver } from "../bindings/BenefitDriver";
import type { CostCategory } from "../bindings/CostCategory";
import type { Irr } from "../bindings/Irr";
import type { StoredCost } from "../bindings/StoredCost";
import { fmtCount, fmtMoney, fmtPct, NOT_MEASURED } from "./format";
import { t, type MessageKey } from "./i18n.svelte";

export const CATEGORIES: CostCategory[] = ["training", "tool_purchase", "tool_maintenance", "process_time", "other"];
export const DRIVER_KINDS: BenefitDriver["kind"][] = ["time_saved", "complaints_avoided", "other"];
/** The longest horizon the core accepts, in years. */
export const MAX_HORIZON = 30;

/** `f64::round` of the core: half away from zero. */
export const roundCents = (v: number) => Math.sign(v) * Math.round(Math.abs(v)) + 0;

/**
 * A driver's benefit in one year, in cents, as `BenefitDriver::annual_benefit_cents` computes it:
 * minutes × requests × hourly cost ÷ 60 (dividing last), complaints × cost, or the amount.
 */
export function annualBenefitCents(d: BenefitDriver): number {
  switch (d.kind) {
    case "time_saved":
      return roundCents((d.minutes_saved_per_request * d.requests_per_year * d.hourly_cost_cents) / 60);
    case "complaints_avoided":
      return roundCents(d.complaints_avoided_per_year * d.cost_per_complaint_cents);
    case "other":
      return d.amount_per_year_cents;
  }
}

/** People's time: hours × hourly cost, rounded to the cent as `StoredCost::normalised` does. */
export const timeCostCents = (hours: number, hourlyCents: number) => roundCents(hours * hourlyCents);

export const categoryName = (c: CostCategory) => t(`cb.cat.${c}`);
export const kindName = (k: BenefitDriver["kind"]) => t(`cb.kind.${k}`);

/** A quantity as typed or measured: `19,000`, `12`, `15.6` (one decimal when not whole). */
export function fmtQuantity(v: number): string {
  if (!Number.isFinite(v)) return NOT_MEASURED;
  const r = Math.round(v * 10) / 10;
  if (Number.isInteger(r)) return fmtCount(r);
  const [whole, frac] = Math.abs(r).toFixed(1).split(".");
  return `${r < 0 ? "-" : ""}${fmtCount(Number(whole))}.${frac}`;
}

/** When a cost falls: `第 0 年一次性`, `第 1–3 年每年`, `第 1 年起每年（至期末）`. */
export function costWhen(c: Pick<StoredCost, "recurring" | "from_year" | "to_year">): string {
  if (!c.recurring) return t("cb.when.once", { year: c.from_year });
  return c.to_year === null ? t("cb.when.yearlyOpen", { from: c.from_year }) : t("cb.when.yearly", { from: c.from_year, to: c.to_year });
}

/** What a driver's quantities are: `12 分钟 × 19,000 次/年 × ¥60.00/小时`; '' for an amount given directly. */
export function driverQuantities(d: BenefitDriver): string {
  switch (d.kind) {
    case "time_saved":
      return t("cb.qty.time", {
        minutes: fmtQuantity(d.minutes_saved_per_request),
        requests: fmtQuantity(d.requests_per_year),
        rate: fmtMoney(d.hourly_cost_cents),
      });
    case "complaints_avoided":
      return t("cb.qty.complaints", { n: fmtQuantity(d.complaints_avoided_per_year), cost: fmtMoney(d.cost_per_complaint_cents) });
    case "other":
      return "";
  }
}

/** Years with two decimals (`2.17 年`), or `期内未回收` when the case does not pay back. */
export const fmtYears = (v: number | null) => (v === null ? t("cb.notRecovered") : t("cb.years", { n: v.toFixed(2) }));

/** The IRR as a percentage; `不存在` when there is none (the reason goes in a tooltip). */
export const fmtIrr = (irr: Irr) => (irr.kind === "rate" ? fmtPct(irr.rate * 100) : t("cb.irr.none"));

/** A rate as a fraction shown as a percentage: `8.0%`. */
export const fmtRate = (fraction: number) => fmtPct(fraction * 100);

/** Whether a sensitivity or break-even input is money (cents): a cost category or an hourly cost. */
export const isMoneyInput = (key: string) => key.startsWith("cost.") || key.endsWith("hourly_cost");

/** An input's value as it reads: money, the discount rate as a percentage, or a quantity. */
export function fmtInputValue(key: string, v: number): string {
  if (isMoneyInput(key) || key.endsWith(".cost_per_complaint") || key.endsWith(".amount")) return fmtMoney(roundCents(v));
  if (key === "discount_rate") return fmtRate(v);
  return fmtQuantity(v);
}

/**
 * A sensitivity or break-even input named in the UI language from its stable key
 * (`benefit.<i>.<input>`, `cost.<category>`, `discount_rate`); the engine's English label when
 * the key is one this UI does not know.
 */
export function inputLabel(key: string, drivers: BenefitDriver[], fallback: string): string {
  if (key === "discount_rate") return t("cb.input.discountRate");
  const cat = key.startsWith("cost.") ? key.slice(5) : null;
  if (cat !== null && (CATEGORIES as string[]).includes(cat)) return t("cb.input.category", { category: categoryName(cat as CostCategory) });
  const m = /^benefit\.(\d+)\.(\w+)$/.exec(key);
  const inputs = ["minutes", "requests", "hourly_cost", "complaints", "cost_per_complaint", "amount"];
  if (m && drivers[Number(m[1])] && inputs.includes(m[2])) {
    return t("cb.input.driver", { driver: drivers[Number(m[1])].label, input: t(`cb.input.${m[2]}` as MessageKey) });
  }
  return fallback;
}

/** `0.08` as the percentage the form edits: `8` (no binary noise such as 7.000000000000001). */
export const rateToPercent = (fraction: number) => Number((fraction * 100).toFixed(10));
/** The percentage typed back to the fraction the core keeps: `8` → `0.08`. */
export const percentToRate = (pct: number) => Number((pct / 100).toFixed(12));
