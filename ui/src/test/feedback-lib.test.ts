import { afterEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { Action } from "../bindings/Action";
import type { ActionView } from "../bindings/ActionView";
import type { Complaint } from "../bindings/Complaint";
import type { MeetingPrefill } from "../bindings/MeetingPrefill";
import type { MetricKey } from "../bindings/MetricKey";
import type { Response } from "../bindings/Response";
import type { SatisfactionRow } from "../bindings/SatisfactionRow";
import {
  addMonths,
  byCode,
  changeMark,
  decisionLines,
  deleteFeedback,
  filterActions,
  filterComplaints,
  filterResponses,
  findingsText,
  fmtAbsChange,
  fmtAchieved,
  fmtJudgedChange,
  fmtMetric,
  fmtRelChange,
  fmtScale,
  fmtScore,
  higherIsBetter,
  isPctMetric,
  isSatisfied,
  judgementLabel,
  meetingTitle,
  METRICS,
  metricLabel,
  metricUnit,
  metricUnitText,
  parseNumber,
  parseScaleKey,
  quarterOf,
  satisfactionGroups,
  scaleKey,
  totalLoss,
} from "../lib/feedback";
import { fmtMoney } from "../lib/format";
import { dictionaries, i18n } from "../lib/i18n.svelte";
import { moneyInput, parseMoney } from "../lib/money";

vi.mock("../api", () => import("./api-mock"));

afterEach(() => {
  i18n.lang = "zh";
});

describe("metrics", () => {
  it("follow the core's MetricKey: the twelve keys, which are percentages and which way is better", () => {
    // sqm_core::feedback::MetricKey::{ALL, is_pct, higher_is_better}
    const expected: [MetricKey, boolean, boolean | null][] = [
      ["response_attainment", true, true],
      ["resolution_attainment", true, true],
      ["csat", true, true],
      ["mean_score", false, true],
      ["response_rate", true, true],
      ["median_resolution_hours", false, false],
      ["p90_resolution_hours", false, false],
      ["reassignment_rate", true, false],
      ["reopen_rate", true, false],
      ["volume", false, null],
      ["resolved_per_staff", false, true],
      ["complaints", false, false],
    ];
    expect([...METRICS]).toEqual(expected.map(([k]) => k));
    for (const [k, pct, up] of expected) {
      expect(isPctMetric(k), k).toBe(pct);
      expect(higherIsBetter(k), k).toBe(up);
    }
    expect(METRICS.filter((k) => metricUnit(k) === "hours")).toEqual(["median_resolution_hours", "p90_resolution_hours"]);
  });

  it("have a human name in both languages and a unit", () => {
    for (const k of METRICS) {
      for (const lang of ["zh", "en"] as const) {
        const label = dictionaries[lang][`fb.metric.${k}`];
        expect(label, `${lang}:${k}`).toBeTruthy();
        expect(label).not.toContain("_");
      }
    }
    expect(metricLabel("median_resolution_hours")).toBe("解决时长中位数");
    i18n.lang = "en";
    expect(metricLabel("csat")).toBe("CSAT");
    expect(metricUnitText("reopen_rate")).toBe("%");
    expect(metricUnitText("p90_resolution_hours")).toBe("h");
    expect(metricUnitText("volume")).toBe("");
  });

  it("read values in their unit, never 0 for not measured", () => {
    expect(fmtMetric("csat", 86.05)).toBe("86.1%");
    expect(fmtMetric("median_resolution_hours", 11.94)).toBe("11.9 小时");
    expect(fmtMetric("mean_score", 4.24)).toBe("4.2");
    expect(fmtMetric("volume", 5120)).toBe("5,120");
    expect(fmtMetric("complaints", 0)).toBe("0");
    expect(fmtMetric("resolved_per_staff", 441.94)).toBe("441.9");
    expect(fmtMetric("csat", null)).toBe("—");
    expect(fmtMetric("complaints", null)).toBe("—");
    i18n.lang = "en";
    expect(fmtMetric("p90_resolution_hours", 49.8)).toBe("49.8 h");
  });

  it("give changes in points for percentages, in hours and counts otherwise, with a sign", () => {
    expect(fmtAbsChange("csat", 5.64)).toBe("+5.6 个百分点");
    expect(fmtAbsChange("reopen_rate", -3)).toBe("-3.0 个百分点");
    expect(fmtAbsChange("median_resolution_hours", -3.9)).toBe("-3.9 小时");
    expect(fmtAbsChange("volume", 100)).toBe("+100");
    expect(fmtAbsChange("complaints", -5)).toBe("-5");
    expect(fmtAbsChange("mean_score", -0.012)).toBe("-0.01");
    // A change that rounds to nothing has no sign.
    expect(fmtAbsChange("csat", 0.04)).toBe("0.0 个百分点");
    expect(fmtAbsChange("csat", null)).toBe("—");
    i18n.lang = "en";
    expect(fmtAbsChange("response_attainment", 3.2)).toBe("+3.2 pts");
    expect(fmtRelChange(-24.68)).toBe("-24.7%");
    expect(fmtRelChange(13.4)).toBe("+13.4%");
    expect(fmtRelChange(null)).toBe("—");
  });

  it("mark a change better, worse, unchanged, neutral or not measured", () => {
    expect(changeMark({ baseline: 1, current: 2, abs: 1, rel_pct: 100, improved: true })).toBe("better");
    expect(changeMark({ baseline: 2, current: 1, abs: -1, rel_pct: -50, improved: false })).toBe("worse");
    expect(changeMark({ baseline: 2, current: 2, abs: 0, rel_pct: 0, improved: null })).toBe("unchanged");
    expect(changeMark({ baseline: 2, current: 3, abs: 1, rel_pct: 50, improved: null })).toBe("neutral");
    expect(changeMark({ baseline: null, current: 3, abs: null, rel_pct: null, improved: null })).toBe("none");
    expect(changeMark(null)).toBe("none");
    expect([fmtAchieved(true), fmtAchieved(false), fmtAchieved(null)]).toEqual(["✓", "✗", "—"]);
  });

  it("never show a programme change that contradicts its verdict", () => {
    const sat = (change_pct: number | null, met: boolean | null) => ({ metric: "csat" as const, target_pct: 10, change_pct, met });
    const eff = (change_pct: number | null, met: boolean | null) => ({ metric: "median_resolution_hours" as const, target_pct: 20, change_pct, met });
    expect(fmtJudgedChange(sat(9.96, false), "satisfaction")).toBe("+9.96%");
    expect(fmtJudgedChange(sat(9.999, false), "satisfaction")).toBe("+9.999%");
    expect(fmtJudgedChange(sat(10.04, true), "satisfaction")).toBe("+10.0%");
    expect(fmtJudgedChange(sat(7.94, false), "satisfaction")).toBe("+7.9%");
    expect(fmtJudgedChange(eff(-19.96, false), "efficiency")).toBe("-19.96%");
    expect(fmtJudgedChange(eff(-24.68, true), "efficiency")).toBe("-24.7%");
    expect(fmtJudgedChange(sat(null, null), "satisfaction")).toBe("—");
  });
});

describe("numbers and money typed in forms", () => {
  it("parses numbers, refusing text", () => {
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("  ")).toBeNull();
    expect(parseNumber("82.5")).toBe(82.5);
    expect(parseNumber("82,5")).toBe(82.5);
    expect(parseNumber(" 90% ")).toBe(90);
    expect(parseNumber("-3")).toBe(-3);
    expect(parseNumber(".5")).toBe(0.5);
    expect(parseNumber("abc")).toBeUndefined();
    expect(parseNumber("1.2.3")).toBeUndefined();
    expect(parseNumber("12h")).toBeUndefined();
  });

  it("turns a loss in yuan into exact cents and back", () => {
    expect(parseMoney("18,500")).toBe(1_850_000);
    expect(parseMoney("¥960.05")).toBe(96_005);
    expect(parseMoney("0.1")).toBe(10);
    expect(parseMoney("")).toBeNull();
    expect(parseMoney("12.345")).toBeUndefined();
    expect(moneyInput(96_005)).toBe("960.05");
    expect(moneyInput(null)).toBe("");
  });

  it("adds the complaints' losses up in cents and counts the ones not estimated (0 is an estimate)", () => {
    const c = (loss_cents: number | null) => ({ loss_cents }) as Complaint;
    // 0.10 + 0.20 yuan: exact in cents, unlike floating yuan.
    const sum = totalLoss([c(10), c(20), c(null), c(0), c(1_850_000)]);
    expect(sum).toEqual({ cents: 1_850_030, unknown: 1 });
    expect(fmtMoney(sum.cents)).toBe("¥18,500.30");
    expect(totalLoss([])).toEqual({ cents: 0, unknown: 0 });
  });

  it("adds months to a date, keeping the day where the month has it", () => {
    expect(addMonths("2026-09-30", 3)).toBe("2026-12-30");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2023-11-30", 3)).toBe("2024-02-29");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("not a date", 3)).toBe("not a date");
  });
});

describe("scores", () => {
  it("count the top two points of a scale as satisfied, yes of a yes/no scale (the core's Scale)", () => {
    expect(isSatisfied(4, { min: 1, max: 5 })).toBe(true);
    expect(isSatisfied(3.9, { min: 1, max: 5 })).toBe(false);
    expect(isSatisfied(9, { min: 1, max: 10 })).toBe(true);
    expect(isSatisfied(8, { min: 0, max: 10 })).toBe(false);
    expect(isSatisfied(1, { min: 0, max: 1 })).toBe(true);
    expect(isSatisfied(0, { min: 0, max: 1 })).toBe(false);
  });

  it("read a score on its scale", () => {
    const r = (score: number, scale_min: number, scale_max: number) => ({ score, scale_min, scale_max });
    expect(fmtScore(r(4, 1, 5))).toBe("4 / 1–5");
    expect(fmtScore(r(7.5, 0, 10))).toBe("7.5 / 0–10");
    expect(fmtScore(r(1, 0, 1))).toBe("是");
    expect(fmtScore(r(0, 0, 1))).toBe("否");
    expect(fmtScale({ min: 1, max: 10 })).toBe("1–10");
    expect(fmtScale({ min: 0, max: 1 })).toBe("是/否 (0–1)");
    expect(parseScaleKey(scaleKey({ min: 0, max: 10 }))).toEqual({ min: 0, max: 10 });
    expect(parseScaleKey("five")).toBeNull();
  });

  it("name the interview judgements 1–5", () => {
    expect([1, 2, 3, 4, 5].map(judgementLabel)).toEqual(["非常不满意", "不满意", "一般", "满意", "非常满意"]);
    i18n.lang = "en";
    expect(judgementLabel(5)).toBe("Very satisfied");
    expect(judgementLabel(7)).toBe("7");
  });
});

const resp = (id: number, service_id: number, comment: string, ticket_key = ""): Response => ({
  id,
  service_id,
  channel: "survey",
  source: "manual",
  responded_on: "2026-09-01",
  score: 3,
  scale_min: 1,
  scale_max: 5,
  satisfied: false,
  comment,
  ticket_key,
});

describe("filters", () => {
  const responses = [resp(1, 1, "VPN 下午掉线"), resp(2, 2, "vpn 已恢复，速度很快"), resp(3, 2, "邮件延迟", "INC0015231"), resp(4, 1, "")];

  it("search the comments and ticket keys, every word, any case, within a service", () => {
    const ids = (q: string, serviceId: number | null = null) => filterResponses(responses, { query: q, serviceId }).map((r) => r.id);
    expect(ids("")).toEqual([1, 2, 3, 4]);
    expect(ids("VPN")).toEqual([1, 2]);
    expect(ids("vpn 恢复")).toEqual([2]);
    expect(ids("  vpn   ", 1)).toEqual([1]);
    expect(ids("inc0015231")).toEqual([3]);
    expect(ids("", 1)).toEqual([1, 4]);
    expect(ids("打印")).toEqual([]);
  });

  it("filter complaints by status, severity and the quarter received", () => {
    const c = (id: number, received_on: string, status: Complaint["status"], severity: Complaint["severity"]) =>
      ({ id, received_on, status, severity }) as Complaint;
    const list = [c(1, "2026-09-24", "open", "high"), c(2, "2026-07-01", "resolved", "high"), c(3, "2026-06-30", "open", "low")];
    const ids = (f: Parameters<typeof filterComplaints>[1]) => filterComplaints(list, f).map((x) => x.id);
    expect(ids({ status: null, severity: null, quarter: null })).toEqual([1, 2, 3]);
    expect(ids({ status: "open", severity: null, quarter: null })).toEqual([1, 3]);
    expect(ids({ status: "open", severity: "high", quarter: null })).toEqual([1]);
    expect(ids({ status: null, severity: null, quarter: { year: 2026, q: 3 } })).toEqual([1, 2]);
    expect(quarterOf("2026-06-30")).toEqual({ year: 2026, q: 2 });
    expect(quarterOf("2026-10-01")).toEqual({ year: 2026, q: 4 });
    expect(quarterOf("2026-13-01")).toBeNull();
  });

  it("show overdue actions alone, by status, in register order", () => {
    const v = (id: number, code: string, status: Action["status"], overdue: boolean) =>
      ({ action: { id, code, status } as Action, overdue, after: [], measured: null, achieved: null, change: null }) as ActionView;
    const list = [v(1, "CSI-010", "open", true), v(2, "CSI-9", "in_progress", true), v(3, "CSI-002", "done", false), v(4, "CSI-011", "open", false)];
    expect(filterActions(list, { overdueOnly: true, status: null }).map((a) => a.action.id)).toEqual([1, 2]);
    expect(filterActions(list, { overdueOnly: true, status: "open" }).map((a) => a.action.id)).toEqual([1]);
    expect(filterActions(list, { overdueOnly: false, status: "open" }).map((a) => a.action.id)).toEqual([1, 4]);
    expect(list.slice().sort(byCode).map((a) => a.action.code)).toEqual(["CSI-002", "CSI-9", "CSI-010", "CSI-011"]);
  });

  it("group the satisfaction rows by service, newest quarter first, all services last", () => {
    const row = (service_id: number | null, code: string, year: number, q: number): SatisfactionRow => ({
      service_id,
      code,
      name: code,
      quarter: { year, q },
      responses: 1,
      csat: null,
      mean_score: null,
      response_rate: null,
    });
    const groups = satisfactionGroups([row(null, "", 2026, 2), row(null, "", 2026, 3), row(1, "EMAIL", 2025, 4), row(1, "EMAIL", 2026, 3), row(2, "NET", 2026, 3)]);
    expect(groups.map((g) => g.service_id)).toEqual([1, 2, null]);
    expect(groups[0].rows.map((r) => `${r.quarter.year}Q${r.quarter.q}`)).toEqual(["2026Q3", "2025Q4"]);
    expect(groups[2].rows.map((r) => r.quarter.q)).toEqual([3, 2]);
  });
});

describe("review meetings", () => {
  const view = (code: string, title: string, owner: number | null, due_on: string, overdue: boolean): ActionView => ({
    action: {
      id: Number(code.slice(4)),
      code,
      title,
      description: "",
      origin: "review",
      meeting_id: null,
      owner_staff_id: owner,
      due_on,
      status: "open",
      done_on: null,
      metric: null,
      service_id: null,
      baseline_quarter: null,
      baseline_value: null,
      target_value: null,
    },
    overdue,
    after: [],
    measured: null,
    achieved: null,
    change: null,
  });
  const prefill: MeetingPrefill = {
    quarter: { year: 2026, q: 3 },
    standards_met: 7,
    standards_measured: 9,
    missed: [
      { service_id: 2, code: "NET", name: "网络接入", measure: "satisfaction", required_pct: 80, actual_pct: 60 },
      { service_id: 3, code: "ERP", name: "ERP 系统", measure: "resolution", required_pct: 90, actual_pct: null },
    ],
    falling: [{ service_id: 2, code: "NET", name: "网络接入", metric: "median_resolution_hours", previous: 10.2, current: 12.64 }],
    open_actions: [view("CSI-003", "ERP 问题升级流程梳理", 11, "2026-08-31", true), view("CSI-007", "推广远程协助工具", null, "2026-12-31", false)],
  };
  const staff = new Map([[11, "褚明"]]);

  it("compose the findings from the quarter's data, overdue actions marked", () => {
    expect(findingsText(prefill, staff)).toBe(
      [
        "一、质量标准：2026年第3季度达标 7 / 9 项。",
        "- NET 网络接入 · 满意度：实际 60.0%，要求 80.0%",
        "- ERP ERP 系统 · 解决：实际 —，要求 90.0%",
        "",
        "二、较上季度下滑的指标：",
        "- NET 网络接入 · 解决时长中位数：10.2 小时 → 12.6 小时",
        "",
        "三、未完成的改进措施 2 项（其中逾期 1 项）：",
        "- CSI-003 ERP 问题升级流程梳理（负责人：褚明，截止 2026-08-31，已逾期）",
        "- CSI-007 推广远程协助工具（负责人：未指定，截止 2026-12-31）",
      ].join("\n"),
    );
  });

  it("compose them in English too", () => {
    i18n.lang = "en";
    const text = findingsText(prefill, staff);
    expect(text).toContain("1. Quality standards: 7 of 9 met in 2026 Q3.");
    expect(text).toContain("- NET 网络接入 · Satisfaction: 60.0% against 80.0% required");
    expect(text).toContain("- NET 网络接入 · Median resolution time: 10.2 h → 12.6 h");
    expect(text).toContain("3. Improvement actions still open: 2 (1 overdue):");
    expect(text).toContain("- CSI-003 ERP 问题升级流程梳理 (owner: 褚明, due 2026-08-31, OVERDUE)");
    expect(text).toContain("- CSI-007 推广远程协助工具 (owner: none, due 2026-12-31)");
    expect(meetingTitle({ year: 2026, q: 3 })).toBe("2026Q3 service quality review");
  });

  it("say so when there is nothing to report", () => {
    const quiet: MeetingPrefill = { ...prefill, standards_met: 9, missed: [], falling: [], open_actions: [] };
    expect(findingsText(quiet, staff)).toBe(
      ["一、质量标准：2026年第3季度达标 9 / 9 项。", "全部达标。", "", "二、较上季度没有明显下滑的指标。", "", "三、没有未完成的改进措施。"].join("\n"),
    );
    expect(findingsText({ ...quiet, standards_met: 0, standards_measured: 0 }, staff).split("\n")[0]).toBe("一、质量标准：2026年第3季度没有可评判的质量标准。");
    expect(meetingTitle({ year: 2026, q: 3 })).toBe("2026Q3 服务质量评审会");
  });

  it("take one decision per non-empty line", () => {
    expect(decisionLines("  调整派单规则 \r\n\r\n推广远程协助\n   \n")).toEqual(["调整派单规则", "推广远程协助"]);
    expect(decisionLines("")).toEqual([]);
  });
});

describe("deleteFeedback", () => {
  it("does nothing when the user cancels", async () => {
    vi.mocked(api.confirmNative).mockResolvedValueOnce(false);
    expect(await deleteFeedback("interview", 3, "x")).toBe(false);
    expect(api.feedbackDelete).not.toHaveBeenCalled();
  });

  it("asks again when the record is referenced, then deletes with cascade", async () => {
    vi.mocked(api.confirmNative).mockResolvedValue(true);
    vi.mocked(api.feedbackDelete)
      .mockRejectedValueOnce(new api.ApiError("in_use", "review meeting 2 is referenced by other records: 4 improvement actions"))
      .mockResolvedValueOnce(undefined);
    expect(await deleteFeedback("meeting", 2, "评审会议“2026Q2”")).toBe(true);
    expect(vi.mocked(api.feedbackDelete).mock.calls).toEqual([
      ["meeting", 2, false],
      ["meeting", 2, true],
    ]);
    expect(vi.mocked(api.confirmNative).mock.calls[1][0]).toContain("4 improvement actions");
  });

  it("stops after the second question when the user declines, and rethrows other errors", async () => {
    vi.mocked(api.confirmNative).mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    vi.mocked(api.feedbackDelete).mockRejectedValueOnce(new api.ApiError("in_use", "used"));
    expect(await deleteFeedback("action", 7, "CSI-007")).toBe(false);
    expect(api.feedbackDelete).toHaveBeenCalledTimes(1);

    vi.mocked(api.confirmNative).mockResolvedValueOnce(true);
    vi.mocked(api.feedbackDelete).mockRejectedValueOnce(new api.ApiError("not_found", "gone"));
    await expect(deleteFeedback("action", 7, "CSI-007")).rejects.toMatchObject({ code: "not_found" });
  });
});
