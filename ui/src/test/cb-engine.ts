// The cost-benefit engine of the core (costbenefit/finance.rs and workspace/costbenefit.rs) ported
// line by line, so the fixtures and the mock shell carry figures that add up as the real ones do.
// Test and mock-shell code only: the screen never computes a result itself.

import type { BenefitDriver } from "../bindings/BenefitDriver";
import type { BreakEven } from "../bindings/BreakEven";
import type { CategoryCost } from "../bindings/CategoryCost";
import type { CategoryYear } from "../bindings/CategoryYear";
import type { CbParams } from "../bindings/CbParams";
import type { CostBenefit } from "../bindings/CostBenefit";
import type { CostCategory } from "../bindings/CostCategory";
import type { CostItem } from "../bindings/CostItem";
import type { Evaluation } from "../bindings/Evaluation";
import type { Irr } from "../bindings/Irr";
import type { Measured } from "../bindings/Measured";
import type { Scenario } from "../bindings/Scenario";
import type { Sensitivity } from "../bindings/Sensitivity";
import type { StoredCost } from "../bindings/StoredCost";
import type { StoredDriver } from "../bindings/StoredDriver";

export interface Case {
  horizon: number;
  rate: number;
  costs: CostItem[];
  benefits: BenefitDriver[];
}

const CATEGORIES: CostCategory[] = ["training", "tool_purchase", "tool_maintenance", "process_time", "other"];
const CATEGORY_NAME: Record<CostCategory, string> = {
  training: "Training",
  tool_purchase: "Tool purchase",
  tool_maintenance: "Tool maintenance",
  process_time: "Process time",
  other: "Other",
};
const IRR_LOWER = -0.99;
const IRR_UPPER = 100;
const IRR_TOLERANCE = 1e-10;
const IRR_GRID_STEPS = 4000;
export const SWING = 0.2;

/** `f64::round`: half away from zero. */
const round = (v: number) => Math.sign(v) * Math.round(Math.abs(v)) + 0;

type Input = "minutes" | "requests" | "hourly_cost" | "complaints" | "cost_per_complaint" | "amount";
const INPUT_LABEL: Record<Input, string> = {
  minutes: "minutes saved per request",
  requests: "requests per year",
  hourly_cost: "hourly cost",
  complaints: "complaints avoided per year",
  cost_per_complaint: "cost per complaint",
  amount: "amount per year",
};

type Override =
  | { kind: "driver"; index: number; input: Input; value: number }
  | { kind: "category"; category: CostCategory; factor: number }
  | { kind: "rate"; rate: number };

function inputsOf(d: BenefitDriver): Input[] {
  switch (d.kind) {
    case "time_saved":
      return ["minutes", "requests", "hourly_cost"];
    case "complaints_avoided":
      return ["complaints", "cost_per_complaint"];
    case "other":
      return ["amount"];
  }
}

function inputValue(d: BenefitDriver, input: Input): number | null {
  switch (d.kind) {
    case "time_saved":
      if (input === "minutes") return d.minutes_saved_per_request;
      if (input === "requests") return d.requests_per_year;
      return input === "hourly_cost" ? d.hourly_cost_cents : null;
    case "complaints_avoided":
      if (input === "complaints") return d.complaints_avoided_per_year;
      return input === "cost_per_complaint" ? d.cost_per_complaint_cents : null;
    case "other":
      return input === "amount" ? d.amount_per_year_cents : null;
  }
}

function annualValue(d: BenefitDriver, replace?: [Input, number]): number {
  const pick = (input: Input) => (replace && replace[0] === input ? replace[1] : (inputValue(d, input) as number));
  switch (d.kind) {
    case "time_saved":
      return (pick("minutes") * pick("requests") * pick("hourly_cost")) / 60;
    case "complaints_avoided":
      return pick("complaints") * pick("cost_per_complaint");
    case "other":
      return pick("amount");
  }
}

/** `BenefitDriver::annual_benefit_cents`. */
export const annualBenefitCents = (d: BenefitDriver) => round(annualValue(d));

interface Schedule {
  byCategory: number[][];
  byDriver: number[][];
  cost: number[];
  benefit: number[];
  net: number[];
}

function schedule(c: Case, change?: Override): Schedule {
  const years = c.horizon + 1;
  const byCategory = Array.from({ length: years }, () => CATEGORIES.map(() => 0));
  for (const item of c.costs) {
    const amount = change?.kind === "category" && change.category === item.category ? round(item.amount_cents * change.factor) : item.amount_cents;
    const last = item.recurring ? Math.min(item.to_year ?? c.horizon, c.horizon) : item.from_year;
    for (let y = item.from_year; y <= last; y++) byCategory[y][CATEGORIES.indexOf(item.category)] += amount;
  }
  const byDriver = c.benefits.map((d, i) => {
    const replace: [Input, number] | undefined = change?.kind === "driver" && change.index === i ? [change.input, change.value] : undefined;
    const annual = round(annualValue(d, replace));
    return Array.from({ length: years }, (_, y) => (y >= d.from_year ? annual : 0));
  });
  const cost = byCategory.map((row) => row.reduce((s, x) => s + x, 0));
  const benefit = cost.map((_, y) => byDriver.reduce((s, row) => s + row[y], 0));
  return { byCategory, byDriver, cost, benefit, net: benefit.map((b, y) => b - cost[y]) };
}

const discount = (net: number[], rate: number) => net.map((cents, t) => cents / (1 + rate) ** t);
const npv = (net: number[], rate: number) => discount(net, rate).reduce((s, x) => s + x, 0);
function npvWith(c: Case, change: Override) {
  return npv(schedule(c, change).net, change.kind === "rate" ? change.rate : c.rate);
}

const nonZero = (cents: number[]): CategoryCost[] =>
  CATEGORIES.map((category, i) => ({ category, cents: cents[i] })).filter((x) => x.cents !== 0);
const totals = (s: Schedule) => CATEGORIES.map((_, i) => s.byCategory.reduce((sum, row) => sum + row[i], 0));

function signChanges(net: number[]): number {
  const signs = net.filter((c) => c !== 0).map((c) => c > 0);
  return signs.slice(1).filter((s, i) => s !== signs[i]).length;
}

function bisect(f: (r: number) => number, low: number, high: number, lowNegative: boolean): number {
  for (let i = 0; i < 200; i++) {
    if (high - low <= IRR_TOLERANCE) break;
    const mid = low + (high - low) / 2;
    const v = f(mid);
    if (v === 0) return mid;
    if (v < 0 === lowNegative) low = mid;
    else high = mid;
  }
  return low + (high - low) / 2;
}

function irr(net: number[]): Irr {
  const changes = signChanges(net);
  if (changes === 0) return { kind: "none", reason: "the cash flows never change sign" };
  const f = (r: number) => npv(net, r);
  const [lo, hi] = [Math.log(1 + IRR_LOWER), Math.log(1 + IRR_UPPER)];
  const grid = (i: number) => (i === 0 ? IRR_LOWER : i === IRR_GRID_STEPS ? IRR_UPPER : Math.exp(lo + ((hi - lo) * i) / IRR_GRID_STEPS) - 1);
  let best: number | null = null;
  const keep = (root: number) => {
    if (best === null || Math.abs(root) < Math.abs(best)) best = root;
  };
  let prev: [number, number] = [IRR_LOWER, f(IRR_LOWER)];
  if (prev[1] === 0) keep(prev[0]);
  for (let i = 1; i <= IRR_GRID_STEPS; i++) {
    const r = grid(i);
    const v = f(r);
    if (v === 0) keep(r);
    else if (prev[1] !== 0 && prev[1] < 0 !== v < 0) keep(bisect(f, prev[0], r, prev[1] < 0));
    prev = [r, v];
  }
  if (best === null) {
    return { kind: "none", reason: "the cash flows change sign, but no discount rate between -99% and 10000% makes the NPV zero" };
  }
  return { kind: "rate", rate: best, multiple: changes > 1 };
}

function payback(cum: number[]): number | null {
  let last = -1;
  cum.forEach((c, i) => {
    if (c < 0) last = i;
  });
  if (last < 0) return 0;
  if (last + 1 >= cum.length) return null;
  const before = cum[last];
  return last + -before / (cum[last + 1] - before);
}

export function evaluate(c: Case): Evaluation {
  const s = schedule(c);
  let cumulative = 0;
  let cumDisc = 0;
  const cums: number[] = [];
  const cumsDisc: number[] = [];
  const flows = discount(s.net, c.rate).map((d, year) => {
    cumulative += s.net[year];
    cumDisc += d;
    cums.push(cumulative);
    cumsDisc.push(round(cumDisc));
    return {
      year,
      cost_cents: s.cost[year],
      benefit_cents: s.benefit[year],
      net_cents: s.net[year],
      cumulative_cents: cumulative,
      discounted_net_cents: round(d),
      cumulative_discounted_cents: round(cumDisc),
      cost_by_category: nonZero(s.byCategory[year]),
    };
  });
  const total_cost_cents = s.cost.reduce((a, b) => a + b, 0);
  const total_benefit_cents = s.benefit.reduce((a, b) => a + b, 0);
  const net = total_benefit_cents - total_cost_cents;
  return {
    flows,
    total_cost_cents,
    total_benefit_cents,
    net_benefit_cents: net,
    roi_pct: total_cost_cents !== 0 ? (net / total_cost_cents) * 100 : null,
    npv_cents: cumsDisc[cumsDisc.length - 1] ?? 0,
    irr: irr(s.net),
    payback_years: payback(cums),
    discounted_payback_years: payback(cumsDisc),
    cost_by_category: nonZero(totals(s)),
    benefit_by_driver: c.benefits.map((d, i) => ({ label: d.label, cents: s.byDriver[i].reduce((a, b) => a + b, 0) })),
  };
}

type Varied = { kind: "driver"; index: number; input: Input } | { kind: "category"; category: CostCategory } | { kind: "rate" };

function inputsAll(c: Case, s: Schedule, forSensitivity: boolean): Varied[] {
  const out: Varied[] = c.benefits.flatMap((d, index) =>
    inputsOf(d)
      .filter((input) => forSensitivity || input === "minutes" || input === "requests" || input === "complaints")
      .map((input) => ({ kind: "driver" as const, index, input })),
  );
  const t = totals(s);
  out.push(...CATEGORIES.filter((_, i) => t[i] !== 0).map((category) => ({ kind: "category" as const, category })));
  if (forSensitivity) out.push({ kind: "rate" });
  return out;
}

const keyOf = (v: Varied) =>
  v.kind === "driver" ? `benefit.${v.index}.${v.input}` : v.kind === "category" ? `cost.${v.category}` : "discount_rate";
function labelOf(v: Varied, c: Case) {
  if (v.kind === "driver") return `${c.benefits[v.index]?.label ?? ""}: ${INPUT_LABEL[v.input]}`;
  if (v.kind === "category") return v.category === "other" ? "Other costs" : `${CATEGORY_NAME[v.category]} costs`;
  return "Discount rate";
}
function baseOf(v: Varied, c: Case, s: Schedule) {
  if (v.kind === "driver") return inputValue(c.benefits[v.index], v.input) ?? 0;
  if (v.kind === "category") return totals(s)[CATEGORIES.indexOf(v.category)];
  return c.rate;
}
function scaled(v: Varied, c: Case, factor: number): Override | null {
  if (v.kind === "driver") return { ...v, value: (inputValue(c.benefits[v.index], v.input) ?? 0) * factor };
  if (v.kind === "category") return { ...v, factor };
  const rate = c.rate * factor;
  return rate > -1 ? { kind: "rate", rate } : null;
}
function at(v: Varied, value: number, base: number): Override {
  if (v.kind === "driver") return { ...v, value };
  if (v.kind === "category") return { ...v, factor: value / base };
  return { kind: "rate", rate: value };
}

export function sensitivity(c: Case, swing = SWING): Sensitivity[] {
  const s = schedule(c);
  const rows: Sensitivity[] = [];
  for (const v of inputsAll(c, s, true)) {
    const low = scaled(v, c, 1 - swing);
    const high = scaled(v, c, 1 + swing);
    if (!low || !high) continue;
    const npv_low_cents = round(npvWith(c, low));
    const npv_high_cents = round(npvWith(c, high));
    if (npv_low_cents !== npv_high_cents) rows.push({ key: keyOf(v), label: labelOf(v, c), base_value: baseOf(v, c, s), npv_low_cents, npv_high_cents });
  }
  const width = (r: Sensitivity) => Math.abs(r.npv_high_cents - r.npv_low_cents);
  return rows.sort((a, b) => width(b) - width(a) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function breakEven(c: Case): BreakEven[] {
  const s = schedule(c);
  return inputsAll(c, s, false).map((v) => {
    const base = baseOf(v, c, s);
    const x1 = base > 0 ? base : 1;
    const npv0 = npvWith(c, at(v, 0, base));
    const npv1 = npvWith(c, at(v, x1, base));
    const slope = (npv1 - npv0) / x1;
    const value = -npv0 / slope;
    return {
      key: keyOf(v),
      label: labelOf(v, c),
      base_value: base,
      break_even_value: slope !== 0 && Number.isFinite(value) && value >= 0 ? value + 0 : null,
    };
  });
}

export function scenario(params: CbParams, costs: CostItem[], benefits: BenefitDriver[]): Scenario {
  const c: Case = { horizon: params.horizon_years, rate: params.discount_rate, costs, benefits };
  return { costs, benefits, evaluation: evaluate(c), sensitivity: sensitivity(c), break_even: breakEven(c) };
}

/** `StoredCost::normalised`: the amount from hours × hourly cost when both are given. */
export function normalisedCost(c: StoredCost): StoredCost {
  const amount = c.hours !== null && c.hourly_cost_cents !== null ? round(c.hours * c.hourly_cost_cents) : c.amount_cents;
  return { ...c, label: c.label.trim(), note: c.note.trim(), currency: c.currency.trim().toUpperCase() || "CNY", amount_cents: amount };
}

/** The cash-flow year of a date: 0 on or before the start, k for (start + k−1 years, start + k years]. */
export function yearOf(start: string, date: string): number {
  if (date <= start) return 0;
  const [y, m, d] = start.split("-");
  for (let k = 1; k <= 200; k++) {
    if (date <= `${Number(y) + k}-${m}-${d}`) return k;
  }
  return 201;
}

/** `measured_drivers`: time saved takes the measured minutes and requests; complaints keep theirs. */
function measuredDrivers(drivers: StoredDriver[], m: Measured, notes: string[]): BenefitDriver[] {
  let complaints = false;
  let clamped = false;
  const out = drivers.map(({ driver: d, measured }): BenefitDriver => {
    if (!measured) return d;
    if (d.kind === "time_saved") {
      const minutes = m.minutes_saved_per_request ?? 0;
      if (minutes < 0) clamped = true;
      return { ...d, minutes_saved_per_request: Math.max(0, minutes), requests_per_year: m.requests_per_year };
    }
    if (d.kind === "complaints_avoided") complaints = true;
    return d;
  });
  if (clamped) notes.push("measured: resolution got slower than the baseline, so no time is counted as saved");
  if (complaints) notes.push("measured: the workspace keeps no complaint records yet, so complaints avoided keep their expected value");
  return out;
}

/** `Workspace::cost_benefit`, given what the workspace measured (`null`: no tickets). */
export function costBenefitOf(
  params: CbParams,
  costs: StoredCost[],
  drivers: StoredDriver[],
  training: CategoryYear[],
  measurement: Measured | null,
): CostBenefit {
  const trainingRows = params.include_training_records ? training.filter((t) => t.year <= params.horizon_years) : [];
  const items: CostItem[] = [
    ...costs.map(({ category, label, amount_cents, recurring, from_year, to_year }) => ({ category, label, amount_cents, recurring, from_year, to_year })),
    ...trainingRows.map((t) => ({
      category: "training" as const,
      label: `training records, year ${t.year}`,
      amount_cents: t.cents,
      recurring: false,
      from_year: t.year,
      to_year: null,
    })),
  ];
  const notes: string[] = [];
  const tryScenario = (which: string, benefits: BenefitDriver[]) => {
    const problem = check(params, items, benefits);
    if (problem) {
      notes.push(`${which}: ${problem}`);
      return null;
    }
    return scenario(params, items, benefits);
  };
  let expected: Scenario | null = null;
  if (items.length === 0 && drivers.length === 0) notes.push("no costs or benefit drivers yet");
  else expected = tryScenario("expected", drivers.map((d) => d.driver));
  let measured: Scenario | null = null;
  if (!measurement) notes.push("measured: the workspace has no tickets to measure yet");
  else if (expected) measured = tryScenario("measured", measuredDrivers(drivers, measurement, notes));
  return { params, costs, drivers, training_from_records: trainingRows, expected, measured, measurement, notes };
}

/** The part of `validate` a case edited in the mock can break: years against the horizon. */
function check(params: CbParams, costs: CostItem[], benefits: BenefitDriver[]): string | null {
  const h = params.horizon_years;
  for (const [i, c] of costs.entries()) {
    if (c.from_year > h) return `invalid: cost #${i + 1} "${c.label}": from_year ${c.from_year} is beyond the horizon of ${h} years`;
  }
  for (const [i, d] of benefits.entries()) {
    if (d.from_year > h) return `invalid: benefit #${i + 1} "${d.label}": from_year ${d.from_year} is beyond the horizon of ${h} years`;
  }
  return null;
}
