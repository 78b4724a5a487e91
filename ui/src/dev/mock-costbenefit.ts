// The Cost-benefit commands of the mock shell: the demo case of `fixtures` (cbParams, cbCosts,
// cbDrivers), edited in memory and evaluated by the fixtures' port of the core's engine.
// `?cbempty`: no costs or drivers yet.

import type { CbParams } from "../bindings/CbParams";
import type { StoredCost } from "../bindings/StoredCost";
import type { StoredDriver } from "../bindings/StoredDriver";
import { costBenefitOf, normalisedCost } from "../test/cb-engine";
import * as fx from "../test/fixtures";

const params = new URLSearchParams(location.search);
let cbParams: CbParams = structuredClone(fx.cbParams);
let costs: StoredCost[] = params.has("cbempty") ? [] : structuredClone(fx.cbCosts);
let drivers: StoredDriver[] = params.has("cbempty") ? [] : structuredClone(fx.cbDrivers);
let nextId = 100;

const invalid = (message: string) => ({ code: "invalid", message: `invalid: ${message}`, rows: null });

function upsert<T extends { id: number | null }>(list: T[], item: T): T[] {
  return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
}

function evaluate(hasTickets: boolean) {
  const measurement = hasTickets ? { ...fx.cbMeasurement, baseline: cbParams.baseline ?? fx.cbMeasurement.baseline } : null;
  const training = params.has("cbempty") ? [] : fx.trainingCostsOf(fx.peopleRecords.courses, cbParams);
  return costBenefitOf(cbParams, costs, drivers, training, measurement);
}

/** The answer to a Cost-benefit command, or `undefined` when `cmd` is not one. */
export function costBenefitCommand(cmd: string, args: Record<string, any>, hasTickets: boolean): unknown {
  switch (cmd) {
    case "cost_benefit":
      return evaluate(hasTickets);
    case "cb_params_set": {
      const p = args.params as CbParams;
      if (!Number.isInteger(p.horizon_years) || p.horizon_years < 1 || p.horizon_years > 30) {
        throw invalid(`horizon: ${p.horizon_years} years is outside 1–30`);
      }
      if (!(p.discount_rate > -1 && p.discount_rate <= 1)) throw invalid(`discount rate: ${p.discount_rate} is outside −100%…100%`);
      cbParams = p;
      return null;
    }
    case "cost_save": {
      const c = normalisedCost(args.cost as StoredCost);
      if (!c.label) throw invalid("cost item: label: empty");
      const id = c.id ?? nextId++;
      costs = upsert(costs, { ...c, id });
      return id;
    }
    case "cost_delete":
      costs = costs.filter((c) => c.id !== args.id);
      return null;
    case "driver_save": {
      const d = args.driver as StoredDriver;
      if (d.driver.from_year < 1) throw invalid(`benefit #1 "${d.driver.label}": from_year must be at least 1 (year 0 is the investment moment)`);
      const id = d.id ?? nextId++;
      drivers = upsert(drivers, { ...d, id });
      return id;
    }
    case "driver_delete":
      drivers = drivers.filter((d) => d.id !== args.id);
      return null;
    case "cost_benefit_export":
      return args.path;
    default:
      return undefined;
  }
}
