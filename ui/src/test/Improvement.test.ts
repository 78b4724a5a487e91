import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { Feedback } from "../bindings/Feedback";
import { actionView, feedbackData, feedbackOf, seedActions, seedRecords } from "../dev/mock-feedback";
import { i18n } from "../lib/i18n.svelte";
import Improvement from "../screens/Improvement.svelte";
import { info, peopleData, services } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const Q3 = { year: 2026, q: 3 };

beforeEach(() => {
  i18n.lang = "zh";
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 8, 30, 10, 0));
  vi.mocked(api.feedback).mockResolvedValue(structuredClone(feedbackData));
  vi.mocked(api.servicesList).mockResolvedValue(structuredClone(services));
  vi.mocked(api.people).mockResolvedValue(structuredClone(peopleData));
  vi.mocked(api.feedbackSave).mockResolvedValue(999);
  vi.mocked(api.programmeSet).mockResolvedValue(undefined);
});

afterEach(() => {
  vi.useRealTimers();
});

async function open(tab?: string, data: Feedback = feedbackData) {
  vi.mocked(api.feedback).mockResolvedValue(structuredClone(data));
  render(Improvement, { props: { info, revision: 0, quarter: Q3 } });
  await screen.findByTestId("meeting-row-2");
  await waitFor(() => expect(api.people).toHaveBeenCalled());
  if (tab) await fireEvent.click(screen.getByTestId(`improvement-tab-${tab}`));
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const rowsOf = (table: string) => [...screen.getByTestId(table).querySelectorAll("tbody tr")];
const saved = () => vi.mocked(api.feedbackSave).mock.calls[0][0];

describe("the mock's register follows the core's rules", () => {
  it("is overdue only while open or in progress and past due; measures only quarters started after it was done", () => {
    const [done, , inProgress] = seedActions();
    expect(actionView({ ...inProgress, due_on: "2026-09-29" }, Q3).overdue).toBe(true);
    expect(actionView({ ...inProgress, due_on: "2026-09-30" }, Q3).overdue).toBe(false);
    expect(actionView({ ...inProgress, status: "cancelled", due_on: "2026-01-01" }, Q3).overdue).toBe(false);
    // Done 2026-05-28: 2026 Q3 (from 07-01) is the first quarter after it; Q2 had started already.
    const v = actionView(done, Q3);
    expect(v.after.map((p) => p.quarter)).toEqual([Q3]);
    expect(v.measured).toEqual({ quarter: Q3, value: 96.1 });
    expect(v.achieved).toBe(true);
    expect(v.change).toMatchObject({ baseline: 91.2, current: 96.1, improved: true });
  });

  it("judges a lower-is-better target by ≤", () => {
    const views = new Map(feedbackData.actions.map((a) => [a.action.code, a]));
    expect(views.get("CSI-002")?.achieved).toBe(false); // 12.1 h against 11 h
    expect(views.get("CSI-005")?.achieved).toBe(true); // reopen 3.9% against 4.0%
    expect(views.get("CSI-011")?.measured).toBeNull(); // done in Q3: nothing after it yet
    expect(feedbackData.actions.filter((a) => a.overdue).map((a) => a.action.code)).toEqual(["CSI-003", "CSI-004", "CSI-008"]);
  });
});

describe("Review meetings", () => {
  it("starts a new meeting from the quarter's data and saves the chosen attendees", async () => {
    await open();
    expect(screen.getByTestId("meeting-new").textContent).toContain("新建2026年第3季度评审会议");
    await fireEvent.click(screen.getByTestId("meeting-new"));
    expect(field("meeting-title").value).toBe("2026Q3 服务质量评审会");
    const findings = field("meeting-findings-input").value;
    expect(findings).toContain("一、质量标准：2026年第3季度达标 7 / 9 项。");
    expect(findings).toContain("- NET 网络接入 · 满意度：实际 60.0%，要求 80.0%");
    expect(findings).toContain("- NET 网络接入 · 满意度 (CSAT)：84.2% → 60.0%");
    expect(findings).toContain("- CSI-003 ERP 问题升级流程梳理（负责人：褚明，截止 2026-08-31，已逾期）");
    // Overdue actions come first.
    expect(findings.indexOf("CSI-008")).toBeLessThan(findings.indexOf("CSI-006"));
    // Active staff only: 卫东 (E012) left.
    expect(screen.queryByTestId("meeting-attendee-E012")).toBeNull();

    await fireEvent.click(screen.getByTestId("meeting-attendee-E005"));
    await fireEvent.click(screen.getByTestId("meeting-attendee-E001"));
    await fireEvent.input(field("meeting-decisions-input"), { target: { value: "  加强 VPN 监控 \n\n 月结值班常态化\n" } });
    await fireEvent.click(screen.getByTestId("meeting-form-save"));
    await waitFor(() => expect(api.feedbackSave).toHaveBeenCalledTimes(1));
    expect(saved()).toMatchObject({
      record: "meeting",
      id: null,
      quarter: Q3,
      held_on: "2026-09-30",
      title: "2026Q3 服务质量评审会",
      attendees: [1, 5],
      decisions: "加强 VPN 监控\n月结值班常态化",
    });
    expect((saved() as { findings: string }).findings).toContain("CSI-003");
  });

  it("shows a meeting's findings, decisions and the actions it raised", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("meeting-open-2"));
    const detail = screen.getByTestId("meeting-detail");
    expect(detail.textContent).toContain("赵伟");
    expect([...screen.getByTestId("meeting-decisions").querySelectorAll("li")]).toHaveLength(4);
    expect(screen.getByTestId("meeting-actions").textContent).toContain("CSI-011");
    expect(screen.getByTestId("meeting-row-2").textContent).toContain("4");
  });

  it("raises an action from a meeting with origin review and the meeting set", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("meeting-add-action-1"));
    expect((screen.getByTestId("action-origin") as HTMLSelectElement).value).toBe("review");
    expect((screen.getByTestId("action-meeting") as HTMLSelectElement).value).toBe("1");
    await fireEvent.input(field("action-title"), { target: { value: " 网络变更提前一周通知 " } });
    await fireEvent.click(screen.getByTestId("action-form-save"));
    await waitFor(() => expect(api.feedbackSave).toHaveBeenCalledTimes(1));
    expect(saved()).toEqual({
      record: "action",
      id: null,
      code: "",
      title: "网络变更提前一周通知",
      description: "",
      origin: "review",
      meeting_id: 1,
      owner_staff_id: null,
      due_on: "2026-12-30",
      status: "open",
      done_on: null,
      metric: null,
      service_id: null,
      baseline_quarter: null,
      baseline_value: null,
      target_value: null,
    });
  });

  it("asks again before deleting a meeting that raised actions, which stay", async () => {
    vi.mocked(api.confirmNative).mockResolvedValue(true);
    vi.mocked(api.feedbackDelete)
      .mockRejectedValueOnce(new api.ApiError("in_use", "review meeting 2 is referenced by other records: 4 improvement actions"))
      .mockResolvedValueOnce(undefined);
    await open();
    await fireEvent.click(screen.getByTestId("meeting-delete-2"));
    await waitFor(() => expect(api.feedbackDelete).toHaveBeenCalledWith("meeting", 2, true));
    expect(vi.mocked(api.confirmNative).mock.calls[1][0]).toContain("这些记录会保留");
  });
});

describe("CSI register", () => {
  it("highlights the overdue actions and shows them alone", async () => {
    await open("actions");
    expect(rowsOf("actions-table")).toHaveLength(12);
    const overdue = rowsOf("actions-table").filter((r) => r.classList.contains("overdue"));
    expect(overdue.map((r) => r.getAttribute("data-testid"))).toEqual(["act-row-CSI-003", "act-row-CSI-004", "act-row-CSI-008"]);
    await fireEvent.click(screen.getByTestId("act-overdue-only"));
    expect(rowsOf("actions-table")).toHaveLength(3);
    expect(screen.getByTestId("act-summary").textContent).toContain("逾期 3 项");
  });

  it("shows the measured value with its quarter, 待测量 before there is one, and whether the target was reached", async () => {
    await open("actions");
    const first = screen.getByTestId("act-row-CSI-001");
    expect(first.textContent).toContain("96.1%");
    expect(first.textContent).toContain("2026年第3季度");
    expect(first.querySelector(".achieved")?.textContent?.trim()).toBe("✓");
    expect(screen.getByTestId("act-row-CSI-002").querySelector(".achieved")?.textContent?.trim()).toBe("✗");
    expect(screen.getByTestId("act-row-CSI-002").textContent).toContain("14.6 小时 → 11.0 小时");
    expect(screen.getByTestId("act-row-CSI-011").textContent).toContain("待测量");
    expect(screen.getByTestId("act-row-CSI-010").querySelector(".achieved")?.textContent?.trim()).toBe("—");

    await fireEvent.click(screen.getByTestId("act-row-CSI-002").querySelector("button.link")!);
    expect(screen.getByTestId("action-after").textContent).toContain("12.1 小时");
    expect(screen.getByTestId("action-change").textContent).toContain("-2.5 小时");
    expect(screen.getByTestId("action-change").textContent).toContain("改善");
  });

  it("exports the register as shown: no action column, the overdue badge and the measured quarter left out", async () => {
    vi.mocked(api.pickSavePath).mockImplementation(async (_title, name) => `/tmp/${name}`);
    vi.mocked(api.tableExport).mockImplementation(async (path) => path);
    await open("actions");
    await fireEvent.click(screen.getByTestId("export-actions"));
    await fireEvent.click(screen.getByTestId("export-actions-xlsx"));
    await waitFor(() => expect(api.tableExport).toHaveBeenCalled());
    const [path, table] = vi.mocked(api.tableExport).mock.calls[0];
    expect(path).toBe("/tmp/改进措施登记-2026Q3.xlsx");
    expect(table.title).toBe("改进措施登记");
    expect(table.columns).toEqual(["编号", "措施", "来源", "负责人", "截止日期", "状态", "目标指标", "基线 → 目标", "完成后实测", "达成"]);
    expect(table.rows).toHaveLength(12);
    expect(table.rows.every((r) => r.length === table.columns.length)).toBe(true);
    const row = (code: string) => table.rows.find((r) => r[0].kind === "text" && r[0].value === code)!;
    // 96.1% measured in 2026 Q3: a percent, without its quarter.
    expect(row("CSI-001")[8]).toEqual({ kind: "number", value: 96.1, format: "percent", decimals: 1 });
    expect(row("CSI-001")[9]).toEqual({ kind: "text", value: "是" });
    // Overdue: the due date alone, without the 逾期 badge.
    expect(row("CSI-003")[4]).toEqual({ kind: "text", value: "2026-08-31" });
    expect(row("CSI-003")[7]).toEqual({ kind: "text", value: "84.0% → 90.0%" });
    expect(row("CSI-010")[9]).toEqual({ kind: "empty" });
  });

  it("needs the date an action was done, and keeps the metric's values", async () => {
    await open("actions");
    await fireEvent.click(screen.getByTestId("act-edit-CSI-006"));
    expect(field("action-baseline").value).toBe("18.2");
    expect(screen.getByTestId("action-direction").textContent).toContain("越低越好");
    await fireEvent.change(screen.getByTestId("action-status"), { target: { value: "done" } });
    await fireEvent.click(screen.getByTestId("action-form-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("完成日期");
    expect(api.feedbackSave).not.toHaveBeenCalled();

    await fireEvent.input(field("action-done-on"), { target: { value: "2026-09-29" } });
    await fireEvent.input(field("action-target"), { target: { value: "10,5" } });
    await fireEvent.click(screen.getByTestId("action-form-save"));
    await waitFor(() => expect(api.feedbackSave).toHaveBeenCalledTimes(1));
    expect(saved()).toMatchObject({
      record: "action",
      id: 106,
      code: "CSI-006",
      status: "done",
      done_on: "2026-09-29",
      metric: "reassignment_rate",
      service_id: null,
      baseline_quarter: { year: 2026, q: 2 },
      baseline_value: 18.2,
      target_value: 10.5,
      meeting_id: 2,
      owner_staff_id: 4,
    });
  });

  it("drops the metric's values and the meeting when they no longer apply", async () => {
    await open("actions");
    await fireEvent.click(screen.getByTestId("act-edit-CSI-004"));
    await fireEvent.change(screen.getByTestId("action-metric"), { target: { value: "" } });
    expect(field("action-target").disabled).toBe(true);
    await fireEvent.change(screen.getByTestId("action-origin"), { target: { value: "complaint" } });
    await fireEvent.click(screen.getByTestId("action-form-save"));
    await waitFor(() => expect(api.feedbackSave).toHaveBeenCalledTimes(1));
    expect(saved()).toMatchObject({
      id: 104,
      origin: "complaint",
      meeting_id: null,
      metric: null,
      service_id: null,
      baseline_quarter: null,
      baseline_value: null,
      target_value: null,
    });
  });

  it("refuses a baseline that is not a number", async () => {
    await open("actions");
    await fireEvent.click(screen.getByTestId("act-new"));
    await fireEvent.input(field("action-title"), { target: { value: "x" } });
    await fireEvent.change(screen.getByTestId("action-metric"), { target: { value: "csat" } });
    await fireEvent.input(field("action-baseline"), { target: { value: "八十" } });
    await fireEvent.click(screen.getByTestId("action-form-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("必须是数字");
    expect(api.feedbackSave).not.toHaveBeenCalled();
  });
});

describe("Programme evaluation", () => {
  it("judges the two targets and lists every metric's change", async () => {
    await open("programme");
    expect(screen.getByTestId("prog-judgement-efficiency").getAttribute("data-state")).toBe("met");
    expect(screen.getByTestId("prog-change-efficiency").textContent).toBe("-24.7%");
    expect(screen.getByTestId("prog-judgement-satisfaction").getAttribute("data-state")).toBe("missed");
    expect(rowsOf("prog-table")).toHaveLength(12);
    const reopen = screen.getByTestId("prog-row-reopen_rate").textContent;
    expect(reopen).toContain("-3.0 个百分点");
    expect(reopen).toContain("-43.5%");
    expect(reopen).toContain("改善");
    expect(screen.getByTestId("prog-row-volume").textContent).toContain("无好坏之分");
  });

  it("saves the baseline and the targets", async () => {
    await open("programme");
    expect(field("prog-efficiency").value).toBe("20");
    await fireEvent.change(screen.getByTestId("prog-baseline"), { target: { value: "2026Q1" } });
    await fireEvent.input(field("prog-efficiency"), { target: { value: "abc" } });
    await fireEvent.click(screen.getByTestId("prog-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("0 到 1000");
    expect(api.programmeSet).not.toHaveBeenCalled();

    await fireEvent.input(field("prog-efficiency"), { target: { value: "25" } });
    await fireEvent.click(screen.getByTestId("prog-save"));
    await waitFor(() => expect(api.programmeSet).toHaveBeenCalledTimes(1));
    expect(api.programmeSet).toHaveBeenCalledWith({ baseline: { year: 2026, q: 1 }, targets: { efficiency_pct: 25, satisfaction_pct: 10 } });
    await waitFor(() => expect(api.feedback).toHaveBeenCalledTimes(2));
  });

  it("says so when nothing can be evaluated", async () => {
    await open("programme", { ...feedbackOf(seedRecords(), Q3), evaluation: null });
    expect(screen.getByTestId("prog-empty")).toBeTruthy();
  });
});
