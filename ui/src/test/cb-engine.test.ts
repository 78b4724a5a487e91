// The fixtures' cost-benefit engine against the core's worked examples (tests/costbenefit.rs,
// computed by numpy-financial), so the mock's figures are the ones the app would show.

import { describe, expect, it } from "vitest";
import type { CostItem } from "../bindings/CostItem";
import { breakEven, evaluate, sensitivity, type Case } from "./cb-engine";
import { costBenefit } from "./fixtures";

const oneOff = (category: CostItem["category"], label: string, amount_cents: number, year: number): CostItem => ({
  category,
  label,
  amount_cents,
  recurring: false,
  from_year: year,
  to_year: null,
});

// (1) of the worked examples: 3 years at 8 %.
const case1: Case = {
  horizon: 3,
  rate: 0.08,
  costs: [
    oneOff("training", "Agent training", 2_000_000, 0),
    oneOff("tool_purchase", "Self-service portal", 3_000_000, 0),
    { category: "tool_maintenance", label: "Portal maintenance", amount_cents: 500_000, recurring: true, from_year: 1, to_year: null },
  ],
  benefits: [
    { kind: "time_saved", label: "Password resets", minutes_saved_per_request: 6, requests_per_year: 2000, hourly_cost_cents: 9000, from_year: 1 },
    { kind: "complaints_avoided", label: "Fewer escalations", complaints_avoided_per_year: 40, cost_per_complaint_cents: 25_000, from_year: 1 },
  ],
};

describe("cost-benefit engine of the fixtures", () => {
  it("evaluates worked example 1 as numpy-financial does", () => {
    const e = evaluate(case1);
    expect(e.flows.map((f) => f.net_cents)).toEqual([-5_000_000, 2_300_000, 2_300_000, 2_300_000]);
    expect(e.flows.map((f) => f.discounted_net_cents)).toEqual([-5_000_000, 2_129_630, 1_971_879, 1_825_814]);
    expect(e.flows.map((f) => f.cumulative_discounted_cents)).toEqual([-5_000_000, -2_870_370, -898_491, 927_323]);
    expect(e.npv_cents).toBe(927_323);
    expect(e.roi_pct).toBeCloseTo(29.23076923076923, 12);
    expect(e.irr.kind === "rate" && e.irr.rate).toBeCloseTo(0.18010334667230943, 9);
    expect(e.payback_years).toBeCloseTo(2.1739130434782608, 12);
    expect(e.discounted_payback_years).toBeCloseTo(2.4921043435968833, 12);
  });

  it("ranks the sensitivity rows and solves break-even as the core does", () => {
    expect(sensitivity(case1).map((s) => [s.key, s.npv_low_cents, s.npv_high_cents])).toEqual([
      ["benefit.0.hourly_cost", -432, 1_855_078],
      ["benefit.0.minutes", -432, 1_855_078],
      ["benefit.0.requests", -432, 1_855_078],
      ["cost.tool_purchase", 1_527_323, 327_323],
      ["benefit.1.complaints", 411_904, 1_442_742],
      ["benefit.1.cost_per_complaint", 411_904, 1_442_742],
      ["cost.training", 1_327_323, 527_323],
      ["cost.tool_maintenance", 1_185_033, 669_613],
      ["discount_rate", 1_102_710, 760_280],
    ]);
    const be = breakEven(case1);
    expect(be.map((b) => b.key)).toEqual([
      "benefit.0.minutes",
      "benefit.0.requests",
      "benefit.1.complaints",
      "cost.training",
      "cost.tool_purchase",
      "cost.tool_maintenance",
    ]);
    expect(be[0].break_even_value).toBeCloseTo(4.800558567438804, 9);
    expect(be[5].break_even_value).toBeCloseTo(2_579_497.2893050765, 5);
  });

  it("gives the demo case the figures the screen tests rely on", () => {
    const e = costBenefit.expected!.evaluation;
    // ¥180,000 + ¥48,000 in year 0, then ¥36,000 + ¥12,000 a year, plus the training records.
    expect(e.flows[0].cost_cents).toBe(22_800_000);
    // 12 min ÷ 60 × 19,000 × ¥60 = ¥228,000 and 24 × ¥2,000 = ¥48,000 a year; ¥30,000 from year 2.
    expect(e.flows.map((f) => f.benefit_cents)).toEqual([0, 27_600_000, 30_600_000, 30_600_000]);
    expect(costBenefit.expected!.sensitivity.length).toBeGreaterThan(5);
    expect(costBenefit.measured).not.toBeNull();
  });
});
