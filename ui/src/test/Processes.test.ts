import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { AssessmentImportPreview } from "../bindings/AssessmentImportPreview";
import type { AssessmentView } from "../bindings/AssessmentView";
import type { ProcessDoc } from "../bindings/ProcessDoc";
import type { ProcessView } from "../bindings/ProcessView";
import type { Respondent } from "../bindings/Respondent";
import type { SopStep } from "../bindings/SopStep";
import { i18n } from "../lib/i18n.svelte";
import Processes from "../screens/Processes.svelte";
import { info, peopleData } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

// ---- fixtures: the demo's request process, one quarter measured, two assessments ----------------

const step = (name_zh: string, name_en: string, owner_text: string, target_hours: number | null, from: SopStep["from"], to: SopStep["to"]): SopStep => ({
  name_zh,
  name_en,
  owner_role_id: null,
  owner_text,
  inputs: "",
  outputs: "",
  checklist: [],
  target_hours,
  from,
  to,
});

const reqSteps: SopStep[] = [
  step("提交", "Submitted", "用户", null, null, "opened"),
  step("确认并分配", "Confirmed and assigned", "服务支持团队", 0.5, "opened", "assigned"),
  { ...step("响应", "Responded", "服务支持团队", 0.5, "assigned", "responded"), checklist: ["联系用户", "确认影响范围"] },
  step("解决并确认", "Resolved and confirmed", "服务交付团队", 24, "responded", "closed"),
  step("反馈记录", "Feedback recorded", "服务质量经理", 40, "closed", "feedback"),
];

const docs: ProcessDoc[] = [
  {
    process: { id: 1, code: "REQ", kind: "request", name_zh: "服务请求流程", name_en: "Service request process", description: "从提交到反馈的五步流程" },
    versions: [
      {
        id: 12,
        process_id: 1,
        version: "1.1",
        effective_from: "2026-07-01",
        approver: "赵伟",
        approved_on: "2026-06-20",
        notes: "",
        expected_states: ["New", "Active", "Resolved", "Closed"],
        steps: reqSteps,
      },
      {
        id: 11,
        process_id: 1,
        version: "1.0",
        effective_from: "2025-01-01",
        approver: "赵伟",
        approved_on: null,
        notes: "",
        expected_states: ["New", "Active", "Resolved", "Closed"],
        steps: reqSteps.slice(0, 4),
      },
    ],
    in_force: 12,
  },
  {
    process: { id: 2, code: "DLV", kind: "delivery", name_zh: "服务交付流程", name_en: "Service delivery process", description: "" },
    versions: [],
    in_force: null,
  },
];

const view: ProcessView = {
  query: { start: "2026-07-01", end: "2026-09-30", service_id: null, priority: null },
  sop_label: "REQ v1.1",
  step_times: {
    steps: [
      { pos: 0, name_zh: "提交", name_en: "Submitted", from: null, to: "opened", target_hours: null, measured: false, tickets: 0, median_hours: null, p90_hours: null, within_target_pct: null },
      { pos: 1, name_zh: "确认并分配", name_en: "Confirmed and assigned", from: "opened", to: "assigned", target_hours: 0.5, measured: false, tickets: 0, median_hours: null, p90_hours: null, within_target_pct: null },
      { pos: 2, name_zh: "响应", name_en: "Responded", from: "assigned", to: "responded", target_hours: 0.5, measured: true, tickets: 1234, median_hours: 0.42, p90_hours: 1.35, within_target_pct: 81.25 },
      { pos: 3, name_zh: "解决并确认", name_en: "Resolved and confirmed", from: "responded", to: "closed", target_hours: 24, measured: true, tickets: 1180, median_hours: 9.05, p90_hours: 30.5, within_target_pct: 88.04 },
      { pos: 4, name_zh: "反馈记录", name_en: "Feedback recorded", from: "closed", to: "feedback", target_hours: 40, measured: true, tickets: 0, median_hours: 0, p90_hours: 0, within_target_pct: 100 },
    ],
    missed_tickets: 57,
    bottleneck: [
      { pos: 1, name_zh: "确认并分配", name_en: "Confirmed and assigned", share_pct: null, hours: 0 },
      { pos: 2, name_zh: "响应", name_en: "Responded", share_pct: 12.46, hours: 80.5 },
      { pos: 3, name_zh: "解决并确认", name_en: "Resolved and confirmed", share_pct: 71.2, hours: 460 },
    ],
    unaccounted_pct: 16.34,
    feedback_coverage_pct: 23.55,
    resolved_tickets: 1200,
  },
  map: {
    cases: 500,
    events: 2210,
    states: ["New", "Active", "Awaiting User Info", "Resolved", "Closed"],
    starts: [500, 0, 0, 0, 0],
    ends: [0, 0, 0, 12, 488],
    transitions: [
      { from: "New", to: "Active", count: 498, cases: 498, median_hours: 0.75 },
      { from: "Active", to: "Resolved", count: 470, cases: 460, median_hours: 8.04 },
      { from: "Resolved", to: "Closed", count: 488, cases: 488, median_hours: null },
    ],
    variants: [
      { path: ["New", "Active", "Resolved", "Closed"], cases: 400, share_pct: 80, conforms: true },
      { path: ["New", "Active", "Resolved", "Active", "Resolved", "Closed"], cases: 10, share_pct: 2, conforms: false },
    ],
    conformance_pct: 82.4,
    conforming_cases: 412,
    expected: ["New", "Active", "Resolved", "Closed"],
  },
  map_svg: '<svg xmlns="http://www.w3.org/2000/svg" data-testid="map-svg" viewBox="0 0 10 10"><text>New</text></svg>',
  services: [
    [1, "EMAIL 电子邮件"],
    [2, "NET 网络接入"],
  ],
  priorities: ["P1", "P2", "P3"],
};

const dimension = (id: number, code: string, name_zh: string, items: [number, string, boolean][]) => ({
  id,
  code,
  name_zh,
  name_en: code,
  evidence: "none" as const,
  items: items.map(([iid, icode, reverse]) => ({ id: iid, code: icode, text_zh: `题目 ${icode}`, text_en: `Item ${icode}`, reverse })),
});

const questionnaire = {
  dimensions: [
    { ...dimension(1, "D1", "服务质量不稳定", [[11, "Q1-1", false], [12, "Q1-2", true]]), evidence: "stability" as const },
    { ...dimension(2, "D2", "缺乏标准化流程", [[21, "Q2-1", false]]), evidence: "standardisation" as const },
  ],
};

const score = (dimension_id: number, code: string, overall: number | null, it: number | null, business: number | null) => ({
  dimension_id,
  code,
  name_zh: code,
  name_en: code,
  evidence: "none" as const,
  overall,
  it,
  business,
  gap: it !== null && business !== null ? it - business : null,
  answers: 80,
});

const assessmentView: AssessmentView = {
  questionnaire,
  assessments: [
    { assessment: { id: 1, title: "基线评估", held_on: "2025-09-15", notes: "" }, respondents: 40, it_respondents: 12, business_respondents: 28 },
    { assessment: { id: 2, title: "年度复评", held_on: "2026-09-10", notes: "" }, respondents: 41, it_respondents: 13, business_respondents: 28 },
  ],
  baseline: { assessment_id: 1, respondents: 40, it_respondents: 12, business_respondents: 28, dimensions: [], overall: 41.2 },
  latest: { assessment_id: 2, respondents: 41, it_respondents: 13, business_respondents: 28, dimensions: [], overall: 55.6 },
  rows: [
    {
      code: "D1",
      name_zh: "服务质量不稳定",
      name_en: "Unstable service quality",
      baseline: score(1, "D1", 38.75, 50, 33.3),
      latest: score(1, "D1", 52.5, 60, 48.75),
      change: 13.75,
      evidence: { evidence: "stability", value: 4.2, text_zh: "月度解决达成率变异系数均值 4.2%（最高 网络 9.1%）", text_en: "Mean CV of monthly resolution attainment 4.2% (highest NET 9.1%)" },
    },
    {
      code: "D2",
      name_zh: "缺乏标准化流程",
      name_en: "No standard process",
      baseline: score(2, "D2", 60, 70, 55),
      latest: score(2, "D2", 57.5, 65, 50),
      change: -2.5,
      evidence: { evidence: "standardisation", value: 82.4, text_zh: "符合 SOP 的工单 82.4%", text_en: "82.4% of tickets follow the SOP" },
    },
  ],
  radar_svg: '<svg xmlns="http://www.w3.org/2000/svg" data-testid="radar-svg" viewBox="0 0 10 10"></svg>',
};

const respondents: Respondent[] = [
  { id: 201, ref: "R001", group: "it", answers: [[11, 4], [12, 2], [21, 5]] },
  { id: 202, ref: "R002", group: "business", answers: [[11, 2]] },
];

const preview: AssessmentImportPreview = {
  headers: ["序号", "身份", "Q1-1", "Q1-2", "第3题"],
  rows: 40,
  mapping: { ref_column: "序号", group_column: "身份", it_values: ["IT"], items: [["Q1-1", "Q1-1"], ["Q1-2", "Q1-2"]] },
  saved: false,
};

beforeEach(() => {
  i18n.lang = "zh";
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 8, 30, 10, 0));
  vi.mocked(api.processes).mockResolvedValue(structuredClone(docs));
  vi.mocked(api.people).mockResolvedValue(structuredClone(peopleData));
  vi.mocked(api.processView).mockResolvedValue(structuredClone(view));
  vi.mocked(api.assessmentView).mockResolvedValue(structuredClone(assessmentView));
  vi.mocked(api.respondents).mockResolvedValue(structuredClone(respondents));
  vi.mocked(api.sopVersionSave).mockResolvedValue(12);
  vi.mocked(api.sopVersionDuplicate).mockResolvedValue(13);
  vi.mocked(api.confirmNative).mockResolvedValue(true);
});

afterEach(() => {
  vi.useRealTimers();
});

async function open(tab?: string) {
  render(Processes, { props: { info, revision: 0, quarter: { year: 2026, q: 3 } } });
  await screen.findByTestId("sop-editor");
  if (tab) await fireEvent.click(screen.getByTestId(`processes-tab-${tab}`));
}

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const cells = (row: HTMLElement) => [...row.querySelectorAll("td")].map((c) => c.textContent?.trim());

describe("SOP library", () => {
  it("lists the processes with the version in force and opens it in the editor", async () => {
    await open();
    expect(cells(screen.getByTestId("process-row-REQ"))).toEqual(["REQ", "服务请求流程", "服务请求", "1.1"]);
    expect(cells(screen.getByTestId("process-row-DLV"))).toEqual(["DLV", "服务交付流程", "服务交付", "—"]);
    expect(screen.getByTestId("version-row-1.1").textContent).toContain("现行");
    expect(screen.getByTestId("version-row-1.0").textContent).not.toContain("现行");
    expect(input("sop-version").value).toBe("1.1");
    expect((screen.getByTestId("sop-expected") as HTMLTextAreaElement).value).toBe("New\nActive\nResolved\nClosed");
    expect(input("step-name-zh-2").value).toBe("响应");
    expect(input("step-target-3").value).toBe("24");
    // The flow is drawn from the steps.
    expect(within(screen.getByTestId("sop-flow")).getAllByRole("listitem").filter((li) => li.dataset.testid?.startsWith("flow-box"))).toHaveLength(5);
    // Roles from People are offered as owners.
    const roleOptions = [...(screen.getByTestId("step-role-0") as HTMLSelectElement).options].map((o) => o.textContent);
    expect(roleOptions).toContain("服务质量经理");
  });

  it("saves an edited step with the steps in their new order", async () => {
    await open();
    await fireEvent.input(input("step-name-zh-2"), { target: { value: " 响应用户 " } });
    await fireEvent.input(input("step-target-2"), { target: { value: "1.5" } });
    await fireEvent.click(screen.getByTestId("step-details-2"));
    await fireEvent.input(screen.getByTestId("step-checklist-2"), { target: { value: "联系用户\n\n 记录首次响应 \n" } });
    // 响应 up to second place, then the fourth step (解决并确认) down to the end.
    await fireEvent.click(screen.getByTestId("step-up-2"));
    await fireEvent.click(screen.getByTestId("step-down-3"));
    expect(screen.getByTestId("sop-dirty")).toBeTruthy();
    expect(within(screen.getByTestId("flow-box-1")).getByText("响应用户")).toBeTruthy();
    // The second step's owner: a role from People.
    await fireEvent.change(screen.getByTestId("step-role-1"), { target: { value: "3" } });
    await fireEvent.click(screen.getByTestId("sop-save"));
    await waitFor(() => expect(api.sopVersionSave).toHaveBeenCalledTimes(1));
    const saved = vi.mocked(api.sopVersionSave).mock.calls[0][0];
    expect(saved.id).toBe(12);
    expect(saved.version).toBe("1.1");
    expect(saved.steps.map((s) => s.name_zh)).toEqual(["提交", "响应用户", "确认并分配", "反馈记录", "解决并确认"]);
    expect(saved.steps[1]).toEqual({
      name_zh: "响应用户",
      name_en: "Responded",
      owner_role_id: 3,
      owner_text: "服务支持团队",
      inputs: "",
      outputs: "",
      checklist: ["联系用户", "记录首次响应"],
      target_hours: 1.5,
      from: "assigned",
      to: "responded",
    });
    expect(saved.steps[0].target_hours).toBeNull();
    expect(saved.steps[3].to).toBe("feedback");
    await waitFor(() => expect(api.processes).toHaveBeenCalledTimes(2));
  });

  it("adds and deletes steps, and does not save a step without a name or a bad target", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("step-delete-0"));
    await fireEvent.click(screen.getByTestId("step-add"));
    expect(input("step-name-zh-4").value).toBe("");
    await fireEvent.input(input("step-target-4"), { target: { value: "-1" } });
    await fireEvent.click(screen.getByTestId("sop-save"));
    expect(screen.getByTestId("sop-problems").textContent).toContain("每个步骤都需要名称");
    expect(api.sopVersionSave).not.toHaveBeenCalled();
    await fireEvent.input(input("step-name-en-4"), { target: { value: "Closed check" } });
    await fireEvent.input(input("step-target-4"), { target: { value: "2" } });
    await fireEvent.change(screen.getByTestId("step-from-4"), { target: { value: "resolved" } });
    await fireEvent.change(screen.getByTestId("step-to-4"), { target: { value: "closed" } });
    await fireEvent.click(screen.getByTestId("sop-save"));
    await waitFor(() => expect(api.sopVersionSave).toHaveBeenCalledTimes(1));
    const steps = vi.mocked(api.sopVersionSave).mock.calls[0][0].steps;
    expect(steps.map((s) => s.name_en)).toEqual(["Confirmed and assigned", "Responded", "Resolved and confirmed", "Feedback recorded", "Closed check"]);
    expect(steps[4]).toMatchObject({ name_zh: "", target_hours: 2, from: "resolved", to: "closed", owner_role_id: null });
  });

  it("duplicates a version after asking for its label and effective date", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("sop-duplicate"));
    expect(input("dup-version").value).toBe("1.2");
    expect(input("dup-effective").value).toBe("2026-09-30");
    await fireEvent.input(input("dup-version"), { target: { value: "1.0" } });
    await fireEvent.click(screen.getByTestId("dup-save"));
    expect(screen.getByTestId("sop-duplicate-form").textContent).toContain("该版本号已存在");
    expect(api.sopVersionDuplicate).not.toHaveBeenCalled();
    await fireEvent.input(input("dup-version"), { target: { value: "2.0" } });
    await fireEvent.input(input("dup-effective"), { target: { value: "2026-10-01" } });
    await fireEvent.click(screen.getByTestId("dup-save"));
    await waitFor(() => expect(api.sopVersionDuplicate).toHaveBeenCalledWith(12, "2.0", "2026-10-01"));
    await waitFor(() => expect(screen.queryByTestId("sop-duplicate-form")).toBeNull());
    expect(api.processes).toHaveBeenCalledTimes(2);
  });

  it("deletes a version only after confirming", async () => {
    vi.mocked(api.sopVersionDelete).mockResolvedValue(undefined);
    vi.mocked(api.confirmNative).mockResolvedValueOnce(false);
    await open();
    await fireEvent.click(screen.getByTestId("version-delete-1.0"));
    await waitFor(() => expect(api.confirmNative).toHaveBeenCalledTimes(1));
    expect(api.sopVersionDelete).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId("version-delete-1.0"));
    await waitFor(() => expect(api.sopVersionDelete).toHaveBeenCalledWith(11));
    expect(vi.mocked(api.confirmNative).mock.calls[1][0]).toBe("删除 SOP REQ v1.0？");
  });

  it("exports the selected version and all in force as PDF", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/tmp/REQ.pdf");
    vi.mocked(api.sopExport).mockResolvedValue("/tmp/REQ.pdf");
    await open();
    await fireEvent.click(screen.getByTestId("sop-export-pdf"));
    await waitFor(() => expect(api.sopExport).toHaveBeenCalledWith("/tmp/REQ.pdf", 12, "zh"));
    expect(vi.mocked(api.pickSavePath).mock.calls[0][1]).toBe("SOP-REQ-1.1.pdf");
    await screen.findByTestId("sop-export-pdf-written");
    await fireEvent.click(screen.getByTestId("sop-export-all"));
    await waitFor(() => expect(api.sopExport).toHaveBeenCalledWith("/tmp/REQ.pdf", null, "zh"));
  });

  it("creates a process and opens a blank first version", async () => {
    vi.mocked(api.processSave).mockResolvedValue(3);
    vi.mocked(api.processes).mockResolvedValueOnce(structuredClone(docs)).mockResolvedValue([
      ...structuredClone(docs),
      { process: { id: 3, code: "MON", kind: "monitoring", name_zh: "服务监控流程", name_en: "", description: "" }, versions: [], in_force: null },
    ]);
    await open();
    await fireEvent.click(screen.getByTestId("process-new"));
    await fireEvent.input(input("process-code"), { target: { value: "MON" } });
    await fireEvent.change(screen.getByTestId("process-kind"), { target: { value: "monitoring" } });
    await fireEvent.input(input("process-name-zh"), { target: { value: "服务监控流程" } });
    await fireEvent.click(screen.getByTestId("process-form-save"));
    await waitFor(() =>
      expect(api.processSave).toHaveBeenCalledWith({ id: null, code: "MON", kind: "monitoring", name_zh: "服务监控流程", name_en: "", description: "" }),
    );
    await waitFor(() => expect(screen.getByTestId("sop-editor").textContent).toContain("MON 新版本"));
    expect(input("sop-version").value).toBe("1.0");
    expect(input("sop-effective").value).toBe("2026-09-30");
  });
});

describe("Step times", () => {
  it("shows each step's figures, not measured as text, never 0", async () => {
    await open("steps");
    await screen.findByTestId("steps-table");
    expect(api.processView).toHaveBeenCalledWith({ start: "2026-07-01", end: "2026-09-30", service_id: null, priority: null });
    expect(cells(screen.getByTestId("step-times-row-1"))).toEqual(["2 确认并分配", "开单 → 首次分配", "30 分钟", "未测量", "—", "—", "—"]);
    expect(cells(screen.getByTestId("step-times-row-2"))).toEqual(["3 响应", "首次分配 → 首次响应", "30 分钟", "1,234", "0.4", "1.4", "81.3%"]);
    expect(cells(screen.getByTestId("step-times-row-3"))[2]).toBe("24 小时");
    expect(cells(screen.getByTestId("step-times-row-0"))[2]).toBe("—");
    // Measured with zero hours is a figure, not "not measured".
    expect(cells(screen.getByTestId("step-times-row-4")).slice(3)).toEqual(["0", "0.0", "0.0", "100.0%"]);
    expect(screen.getByTestId("feedback-coverage").textContent).toContain("反馈覆盖率 23.6%（已解决工单 1,200 张");
    expect(screen.getByTestId("bottleneck").textContent).toContain("57 张工单未达解决目标");
    expect(screen.getByTestId("bottleneck-step-1").textContent).toContain("未测量");
    expect(screen.getByTestId("bottleneck-step-2").textContent).toContain("12.5%");
    expect(screen.getByTestId("bottleneck-unaccounted").textContent).toContain("16.3%");
  });

  it("filters by service and priority", async () => {
    await open("steps");
    await screen.findByTestId("steps-table");
    await fireEvent.change(screen.getByTestId("processes-service"), { target: { value: "2" } });
    await waitFor(() => expect(api.processView).toHaveBeenLastCalledWith({ start: "2026-07-01", end: "2026-09-30", service_id: 2, priority: null }));
    await fireEvent.change(screen.getByTestId("processes-priority"), { target: { value: "P1" } });
    await waitFor(() => expect(api.processView).toHaveBeenLastCalledWith({ start: "2026-07-01", end: "2026-09-30", service_id: 2, priority: "P1" }));
  });

  it("reads in English too", async () => {
    i18n.lang = "en";
    await open("steps");
    await screen.findByTestId("steps-table");
    expect(cells(screen.getByTestId("step-times-row-1"))).toEqual(["2 Confirmed and assigned", "opened → first assigned", "30 min", "not measured", "—", "—", "—"]);
  });
});

describe("Process map", () => {
  it("shows the conformance headline, the chart, the transitions and the variants", async () => {
    await open("map");
    expect((await screen.findByTestId("conformance")).textContent).toBe("符合 SOP 的工单 82.4%（412 / 500）");
    expect(screen.getByTestId("map-svg")).toBeTruthy();
    const tr = [...screen.getByTestId("transitions-table").querySelectorAll("tbody tr")].map((r) => cells(r as HTMLElement));
    expect(tr).toEqual([
      ["New", "Active", "498", "498", "0.8"],
      ["Active", "Resolved", "470", "460", "8.0"],
      ["Resolved", "Closed", "488", "488", "—"],
    ]);
    expect(cells(screen.getByTestId("variant-row-0"))).toEqual(["1", "New → Active → Resolved → Closed", "400", "80.0%", "✓"]);
    expect(cells(screen.getByTestId("variant-row-1"))).toEqual(["2", "New → Active → Resolved → Active → Resolved → Closed", "10", "2.0%", "✗"]);
  });

  it("says the map needs an event log when there is no status history", async () => {
    const empty = structuredClone(view);
    empty.map = { ...empty.map, cases: 0, events: 0, states: [], transitions: [], variants: [], conformance_pct: null, conforming_cases: 0 };
    vi.mocked(api.processView).mockResolvedValue(empty);
    const onGoImport = vi.fn();
    render(Processes, { props: { info, revision: 0, quarter: { year: 2026, q: 3 }, onGoImport } });
    await fireEvent.click(screen.getByTestId("processes-tab-map"));
    expect((await screen.findByTestId("map-empty")).textContent).toContain("事件日志");
    await fireEvent.click(screen.getByTestId("map-go-import"));
    expect(onGoImport).toHaveBeenCalled();
  });
});

describe("Assessment", () => {
  it("shows the radar, the scores against the baseline with the evidence, and the respondents", async () => {
    await open("assessment");
    await screen.findByTestId("dimension-table");
    expect(api.assessmentView).toHaveBeenCalledWith({ year: 2026, q: 3 }, "zh");
    expect(screen.getByTestId("radar-svg")).toBeTruthy();
    expect(cells(screen.getByTestId("dimension-row-D1"))).toEqual([
      "D1 服务质量不稳定",
      "38.8",
      "52.5",
      "+13.8",
      "60.0",
      "48.8",
      "+11.3",
      "月度解决达成率变异系数均值 4.2%（最高 网络 9.1%）",
    ]);
    expect(screen.getByTestId("dimension-change-D1").className).toContain("up");
    expect(screen.getByTestId("dimension-change-D2").className).toContain("down");
    expect(screen.getByTestId("dimension-change-D2").textContent).toBe("-2.5");
    expect(cells(screen.getByTestId("assessment-row-1")).slice(0, 4)).toEqual(["2025-09-15 基线", "基线评估", "12", "28"]);
    // The latest assessment's respondents: mean per dimension with the reverse item turned.
    await screen.findByTestId("respondent-row-R001");
    expect(api.respondents).toHaveBeenCalledWith(2);
    expect(cells(screen.getByTestId("respondent-row-R001")).slice(0, 5)).toEqual(["R001", "IT 人员", "3 / 3", "4.0", "5.0"]);
    expect(cells(screen.getByTestId("respondent-row-R002")).slice(0, 5)).toEqual(["R002", "业务用户", "1 / 3", "2.0", "—"]);
  });

  it("enters a respondent's scores by dimension", async () => {
    vi.mocked(api.respondentSave).mockResolvedValue(203);
    await open("assessment");
    await fireEvent.click(await screen.findByTestId("respondent-new"));
    await fireEvent.input(input("resp-ref"), { target: { value: "张三" } });
    await fireEvent.change(screen.getByTestId("resp-group"), { target: { value: "it" } });
    await fireEvent.change(screen.getByTestId("resp-item-Q2-1"), { target: { value: "4" } });
    await fireEvent.change(screen.getByTestId("resp-item-Q1-2"), { target: { value: "1" } });
    await fireEvent.click(screen.getByTestId("respondent-form-save"));
    await waitFor(() =>
      expect(api.respondentSave).toHaveBeenCalledWith(2, {
        id: null,
        ref: "张三",
        group: "it",
        answers: [
          [12, 1],
          [21, 4],
        ],
      }),
    );
  });

  it("imports responses: preview, the chosen mapping, then the row errors", async () => {
    vi.mocked(api.pickFile).mockResolvedValue("/data/答卷.xlsx");
    vi.mocked(api.assessmentImportPreview).mockResolvedValue(structuredClone(preview));
    vi.mocked(api.assessmentImport).mockResolvedValue({
      added: 0,
      updated: 0,
      errors: [
        { file: "答卷.xlsx", line: 3, column: 4, reason: "分数须为 1–5 的整数：7" },
        { file: "答卷.xlsx", line: 9, column: 2, reason: "未知群体：外包" },
      ],
    });
    await open("assessment");
    await fireEvent.click(await screen.findByTestId("assessment-import"));
    await waitFor(() => expect(api.assessmentImportPreview).toHaveBeenCalledWith("/data/答卷.xlsx"));
    const form = await screen.findByTestId("assessment-import-form");
    expect(form.textContent).toContain("40 行");
    // The ref and group columns are not questions.
    expect([...form.querySelectorAll("td.header")].map((c) => c.textContent)).toEqual(["Q1-1", "Q1-2", "第3题"]);
    expect((screen.getByTestId("import-item-0") as HTMLSelectElement).value).toBe("Q1-1");
    await fireEvent.change(screen.getByTestId("import-item-2"), { target: { value: "Q2-1" } });
    await fireEvent.input(input("import-it-values"), { target: { value: "IT，IT人员" } });
    await fireEvent.click(screen.getByTestId("import-run"));
    await waitFor(() =>
      expect(api.assessmentImport).toHaveBeenCalledWith("/data/答卷.xlsx", 2, {
        ref_column: "序号",
        group_column: "身份",
        it_values: ["IT", "IT人员"],
        items: [
          ["Q1-1", "Q1-1"],
          ["Q1-2", "Q1-2"],
          ["第3题", "Q2-1"],
        ],
      }),
    );
    const rejected = await screen.findByTestId("assessment-import-rejected");
    expect(rejected.textContent).toContain("2 处错误");
    expect(within(rejected).getByTestId("row-errors").textContent).toContain("答卷.xlsx:3:4: 分数须为 1–5 的整数：7");
    expect(screen.queryByTestId("assessment-import-form")).toBeNull();
  });

  it("reports what an import added and updated and reloads", async () => {
    vi.mocked(api.pickFile).mockResolvedValue("/data/答卷.csv");
    vi.mocked(api.assessmentImportPreview).mockResolvedValue({ ...structuredClone(preview), saved: true });
    vi.mocked(api.assessmentImport).mockResolvedValue({ added: 38, updated: 2, errors: [] });
    await open("assessment");
    await fireEvent.click(await screen.findByTestId("assessment-import"));
    await screen.findByTestId("import-saved-mapping");
    await fireEvent.click(screen.getByTestId("import-run"));
    expect((await screen.findByTestId("assessment-import-report")).textContent).toContain("新增 38 份，更新 2 份");
    await waitFor(() => expect(api.respondents).toHaveBeenCalledTimes(2));
    expect(api.assessmentView).toHaveBeenCalledTimes(2);
  });

  it("edits the questionnaire: adds an item, asks before removing one with answers", async () => {
    vi.mocked(api.questionnaireSave).mockResolvedValue(undefined);
    await open("assessment");
    await fireEvent.click(await screen.findByTestId("questionnaire-edit"));
    await fireEvent.click(screen.getByTestId("q-item-add-1"));
    await fireEvent.input(input("q-item-zh-1-1"), { target: { value: "流程文件易于查找" } });
    await fireEvent.click(screen.getByTestId("q-item-remove-0-1"));
    await fireEvent.click(screen.getByTestId("questionnaire-save"));
    await waitFor(() => expect(api.questionnaireSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.confirmNative).mock.calls[0][0]).toContain("Q1-2");
    const q = vi.mocked(api.questionnaireSave).mock.calls[0][0];
    expect(q.dimensions.map((d) => d.items.map((i) => i.code))).toEqual([["Q1-1"], ["Q2-1", "Q2-2"]]);
    expect(q.dimensions[1].items[1]).toEqual({ id: null, code: "Q2-2", text_zh: "流程文件易于查找", text_en: "", reverse: false });
  });
});
