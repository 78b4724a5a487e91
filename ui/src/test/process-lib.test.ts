import { afterEach, describe, expect, it } from "vitest";
import type { AssessmentMapping } from "../bindings/AssessmentMapping";
import type { Dimension } from "../bindings/Dimension";
import type { ProcessMap } from "../bindings/ProcessMap";
import type { Questionnaire } from "../bindings/Questionnaire";
import type { SopVersion } from "../bindings/SopVersion";
import type { StepTimes } from "../bindings/StepTimes";
import { i18n } from "../lib/i18n.svelte";
import {
  answersFrom,
  boundText,
  bottleneckBars,
  bottleneckTable,
  changeClass,
  conformanceHeadline,
  dimensionMean,
  emptyStep,
  fmtSigned,
  fmtTarget,
  fmtTargetValue,
  isIsoDate,
  linesToList,
  mapItem,
  mappedItem,
  move,
  nextCode,
  nextVersion,
  parseTarget,
  parseValues,
  quarterRange,
  removeAt,
  variantPath,
  versionProblems,
} from "../lib/process";

afterEach(() => {
  i18n.lang = "zh";
});

describe("quarterRange", () => {
  it.each([
    [{ year: 2026, q: 1 }, "2026-01-01", "2026-03-31"],
    [{ year: 2026, q: 2 }, "2026-04-01", "2026-06-30"],
    [{ year: 2026, q: 3 }, "2026-07-01", "2026-09-30"],
    [{ year: 2026, q: 4 }, "2026-10-01", "2026-12-31"],
    [{ year: 2024, q: 1 }, "2024-01-01", "2024-03-31"],
  ])("%o runs from %s to %s inclusive", (q, start, end) => {
    expect(quarterRange(q)).toEqual({ start, end });
  });
});

describe("isIsoDate", () => {
  it.each([
    ["2026-02-28", true],
    ["2024-02-29", true],
    ["2026-02-29", false],
    ["2026-13-01", false],
    ["2026-1-01", false],
    ["", false],
    [" 2026-09-30 ", true],
  ])("%s → %s", (s, ok) => expect(isIsoDate(s)).toBe(ok));
});

describe("moving and removing", () => {
  const list = ["a", "b", "c", "d"];
  it.each([
    [1, -1, ["b", "a", "c", "d"]],
    [1, 1, ["a", "c", "b", "d"]],
    [0, -1, ["a", "b", "c", "d"]],
    [3, 1, ["a", "b", "c", "d"]],
    [3, -1, ["a", "b", "d", "c"]],
    [5, -1, ["a", "b", "c", "d"]],
  ])("moves index %i by %i", (i, by, want) => {
    expect(move(list, i, by)).toEqual(want);
  });
  it("never changes the list it was given", () => {
    move(list, 0, 1);
    removeAt(list, 0);
    expect(list).toEqual(["a", "b", "c", "d"]);
    expect(removeAt(list, 2)).toEqual(["a", "b", "d"]);
  });
});

describe("lines and targets", () => {
  it("reads one item per line, trimmed, blanks dropped", () => {
    expect(linesToList("  New \r\n\nActive\n  \nResolved\nClosed\n")).toEqual(["New", "Active", "Resolved", "Closed"]);
    expect(linesToList("")).toEqual([]);
  });
  it.each([
    ["", null],
    ["  ", null],
    ["0.5", 0.5],
    ["24", 24],
    ["1,5", 1.5],
    ["0", undefined],
    ["-2", undefined],
    ["abc", undefined],
    ["1e3", undefined],
  ])("target %j → %j", (s, want) => expect(parseTarget(s)).toBe(want));
  it("writes a target as the PDF does: minutes under an hour, else hours", () => {
    expect(fmtTarget(0.5)).toBe("30 分钟");
    expect(fmtTarget(0.25)).toBe("15 分钟");
    expect(fmtTarget(24)).toBe("24 小时");
    expect(fmtTarget(1.5)).toBe("1.5 小时");
    expect(fmtTarget(null)).toBe("—");
    expect(fmtTargetValue(1 / 3)).toBe("0.33");
    expect(fmtTargetValue(0.125)).toBe("0.13");
    i18n.lang = "en";
    expect(fmtTarget(40)).toBe("40 h");
    expect(fmtTarget(0.25)).toBe("15 min");
  });
});

describe("version labels and codes", () => {
  it.each([
    ["1.0", [], "1.1"],
    ["1.9", [], "1.10"],
    ["2", [], "3"],
    ["1.0", ["1.0", "1.1"], "1.2"],
    ["draft", [], "draft-2"],
  ])("after %s (taken %j) proposes %s", (v, taken, want) => expect(nextVersion(v, taken)).toBe(want));
  it("finds the next free code", () => {
    expect(nextCode("D", ["D1", "D2", "D4"])).toBe("D3");
    expect(nextCode("Q5-", [])).toBe("Q5-1");
  });
});

describe("checking a version", () => {
  const v = (over: Partial<SopVersion>): SopVersion => ({
    id: 1,
    process_id: 1,
    version: "1.0",
    effective_from: "2026-01-01",
    approver: "",
    approved_on: null,
    notes: "",
    expected_states: [],
    steps: [{ ...emptyStep(), name_zh: "提交" }],
    ...over,
  });
  it("accepts a complete version", () => expect(versionProblems(v({}))).toEqual([]));
  it("names each problem once", () => {
    expect(
      versionProblems(
        v({
          version: " ",
          effective_from: "2026-02-30",
          approved_on: "x",
          steps: [emptyStep(), emptyStep(), { ...emptyStep(), name_en: "Same", from: "closed", to: "closed" }],
        }),
      ),
    ).toEqual(["proc.sop.versionRequired", "proc.sop.effectiveInvalid", "proc.sop.approvedInvalid", "proc.step.nameRequired", "proc.step.boundsInvalid"]);
  });
});

describe("figures", () => {
  it.each([
    [4.25, "+4.3", "up"],
    [-3.04, "-3.0", "down"],
    [0.04, "0.0", ""],
    [-0.04, "0.0", ""],
    [null, "—", ""],
  ])("%j reads %s (%s)", (v, text, cls) => {
    expect(fmtSigned(v)).toBe(text);
    expect(changeClass(v)).toBe(cls);
  });

  it("joins a variant's path with arrows", () => {
    expect(variantPath(["New", "Active", "Resolved", "Closed"])).toBe("New → Active → Resolved → Closed");
    expect(variantPath(["New"])).toBe("New");
  });

  it("names a step's milestones", () => {
    expect(boundText("assigned", "responded")).toBe("首次分配 → 首次响应");
    expect(boundText(null, "opened")).toBe("— → 开单");
    expect(boundText(null, null)).toBe("—");
    i18n.lang = "en";
    expect(boundText("responded", "closed")).toBe("first response → closed");
  });

  const map = (pct: number | null): ProcessMap => ({
    cases: 500,
    events: 2100,
    states: [],
    starts: [],
    ends: [],
    transitions: [],
    variants: [],
    conformance_pct: pct,
    conforming_cases: 412,
    expected: ["New", "Active", "Resolved", "Closed"],
  });
  it("says the conformance headline, none when not measured", () => {
    expect(conformanceHeadline(map(82.4))).toBe("符合 SOP 的工单 82.4%（412 / 500）");
    expect(conformanceHeadline(map(82.35))).toBe("符合 SOP 的工单 82.4%（412 / 500）");
    expect(conformanceHeadline(map(null))).toBeNull();
    i18n.lang = "en";
    expect(conformanceHeadline(map(82.4))).toBe("Tickets following the SOP 82.4% (412 / 500)");
  });

  const st: StepTimes = {
    steps: [],
    missed_tickets: 12,
    bottleneck: [
      { pos: 1, name_zh: "确认并分配", name_en: "Confirmed and assigned", share_pct: 10.04, hours: 6 },
      { pos: 2, name_zh: "响应", name_en: "Responded", share_pct: null, hours: 0 },
      { pos: 3, name_zh: "解决并确认", name_en: "Resolved and confirmed", share_pct: 70.25, hours: 42.125 },
    ],
    unaccounted_pct: 19.71,
    feedback_coverage_pct: 40,
    resolved_tickets: 100,
  };
  it("lists the bottleneck's steps then the unaccounted rest; not measured stays empty", () => {
    expect(bottleneckBars(st)).toEqual([
      { key: "step-1", label: "2. 确认并分配", share: 10.04, hours: 6 },
      { key: "step-2", label: "3. 响应", share: null, hours: null },
      { key: "step-3", label: "4. 解决并确认", share: 70.25, hours: 42.125 },
      { key: "unaccounted", label: "未归入任何步骤", share: 19.71, hours: null },
    ]);
    const table = bottleneckTable(st, "流程瓶颈");
    expect(table.columns).toEqual(["步骤", "占比", "工作小时"]);
    expect(table.rows[1]).toEqual([{ kind: "text", value: "3. 响应" }, { kind: "empty" }, { kind: "empty" }]);
    expect(table.rows[2][1]).toEqual({ kind: "number", value: 70.3, format: "percent", decimals: 1 });
    expect(table.rows[2][2]).toEqual({ kind: "number", value: 42.1, format: "decimal", decimals: 1 });
  });
});

describe("the assessment", () => {
  const d1: Dimension = {
    id: 1,
    code: "D1",
    name_zh: "服务质量不稳定",
    name_en: "Unstable service quality",
    evidence: "stability",
    items: [
      { id: 11, code: "Q1-1", text_zh: "a", text_en: "a", reverse: false },
      { id: 12, code: "Q1-2", text_zh: "b", text_en: "b", reverse: true },
      { id: 13, code: "Q1-3", text_zh: "c", text_en: "c", reverse: false },
    ],
  };
  const q: Questionnaire = { dimensions: [d1, { ...d1, id: 2, code: "D2", items: [{ id: 21, code: "Q2-1", text_zh: "d", text_en: "d", reverse: false }] }] };

  it("takes the scores typed per item in questionnaire order, blank = unanswered, else 1–5 only", () => {
    expect(answersFrom(q, { 21: "2", 11: "4", 12: " ", 13: "5" })).toEqual([
      [11, 4],
      [13, 5],
      [21, 2],
    ]);
    expect(answersFrom(q, {})).toEqual([]);
    expect(answersFrom(q, { 11: "6" })).toBeNull();
    expect(answersFrom(q, { 11: "2.5" })).toBeNull();
  });

  it("means a respondent's answers in a dimension, reverse items as 6 − s", () => {
    // 4, 6 − 1 = 5, unanswered → (4 + 5) / 2 = 4.5
    expect(dimensionMean(d1, new Map([[11, 4], [12, 1]]))).toBe("4.5");
    expect(dimensionMean(d1, new Map())).toBe("—");
  });

  const mapping: AssessmentMapping = { ref_column: "ID", group_column: "身份", it_values: ["IT"], items: [["第1题", "Q1-1"], ["第2题", "Q1-2"]] };
  it("maps one header per item and unmaps with ''", () => {
    expect(mappedItem(mapping, "第2题")).toBe("Q1-2");
    expect(mappedItem(mapping, "其他")).toBe("");
    // Q1-1 moves to 第3题: 第1题 loses it.
    expect(mapItem(mapping, "第3题", "Q1-1").items).toEqual([["第2题", "Q1-2"], ["第3题", "Q1-1"]]);
    expect(mapItem(mapping, "第2题", "").items).toEqual([["第1题", "Q1-1"]]);
    expect(mapping.items).toHaveLength(2);
  });

  it("reads the IT values comma- or line-separated, without repeats", () => {
    expect(parseValues(" IT, IT人员，IT\n信息部 ;")).toEqual(["IT", "IT人员", "信息部"]);
    expect(parseValues("")).toEqual([]);
  });
});
