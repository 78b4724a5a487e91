import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { feedbackData, surveyRowErrors } from "../dev/mock-feedback";
import { i18n } from "../lib/i18n.svelte";
import Feedback from "../screens/Feedback.svelte";
import { emptyInfo, info, services } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const Q3 = { year: 2026, q: 3 };

beforeEach(() => {
  i18n.lang = "zh";
  // "Today" (the forms' default dates) is 2026-09-30.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 8, 30, 10, 0));
  vi.mocked(api.feedback).mockResolvedValue(structuredClone(feedbackData));
  vi.mocked(api.servicesList).mockResolvedValue(structuredClone(services));
  vi.mocked(api.feedbackSave).mockResolvedValue(999);
});

afterEach(() => {
  vi.useRealTimers();
});

async function open(tab?: string, onImported = vi.fn(async () => {})) {
  render(Feedback, { props: { info, revision: 0, quarter: Q3, onImported } });
  await screen.findByTestId("feedback-panel-satisfaction");
  await screen.findByTestId("resp-row-300");
  if (tab) await fireEvent.click(screen.getByTestId(`feedback-tab-${tab}`));
  return onImported;
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const rowsOf = (table: string) => [...screen.getByTestId(table).querySelectorAll("tbody tr")];

describe("Feedback screen", () => {
  it("asks for the quarter on screen and shows satisfaction per service, all services last", async () => {
    await open();
    expect(api.feedback).toHaveBeenCalledWith(Q3);
    const groups = [...screen.getByTestId("sat-table").querySelectorAll("tbody")].map((b) => b.getAttribute("data-testid"));
    expect(groups).toEqual(["sat-group-EMAIL", "sat-group-NET", "sat-group-ERP", "sat-group-all"]);
    const net = screen.getByTestId("sat-group-NET");
    // Newest quarter first and shaded; CSAT of the quarter from its ten responses (6 satisfied).
    const first = net.querySelector("tr")!;
    expect(first.classList.contains("current")).toBe(true);
    expect(first.textContent).toContain("2026年第3季度");
    expect(first.textContent).toContain("60.0%");
  });

  it("shows an empty state without asking the shell when there are no quarters", async () => {
    render(Feedback, { props: { info: emptyInfo, revision: 0, quarter: null } });
    expect(await screen.findByTestId("feedback-empty")).toBeTruthy();
    expect(api.feedback).not.toHaveBeenCalled();
  });

  it("searches the comments and filters by service", async () => {
    await open();
    expect(rowsOf("resp-table")).toHaveLength(30);
    await fireEvent.input(screen.getByTestId("resp-search"), { target: { value: "vpn" } });
    const hits = rowsOf("resp-table");
    expect(hits).toHaveLength(1);
    expect(hits[0].textContent).toContain("VPN 每天下午都掉线");
    expect(screen.getByTestId("resp-count").textContent).toContain("显示 1 / 30 条回复");

    await fireEvent.input(screen.getByTestId("resp-search"), { target: { value: "" } });
    await fireEvent.change(screen.getByTestId("resp-filter-service"), { target: { value: "3" } });
    const erp = rowsOf("resp-table");
    expect(erp).toHaveLength(10);
    for (const r of erp) expect(r.textContent).toContain("ERP 系统");
    // Scores read on their own scale; yes/no answers as yes/no.
    expect(screen.getByTestId("resp-row-302").textContent).toContain("9 / 1–10");
  });

  it("lists at most 500 responses and says so", async () => {
    const many = structuredClone(feedbackData);
    const base = many.responses[0];
    many.responses = Array.from({ length: 620 }, (_, i) => ({ ...base, id: 10_000 + i, comment: i % 2 ? "慢" : "快" }));
    vi.mocked(api.feedback).mockResolvedValue(many);
    render(Feedback, { props: { info, revision: 0, quarter: Q3 } });
    await screen.findByTestId("resp-row-10619");
    expect(rowsOf("resp-table")).toHaveLength(500);
    expect(screen.getByTestId("resp-count").textContent).toContain("只列出前 500 条");
    await fireEvent.input(screen.getByTestId("resp-search"), { target: { value: "慢" } });
    expect(rowsOf("resp-table")).toHaveLength(310);
    expect(screen.getByTestId("resp-count").textContent).not.toContain("只列出");
  });

  it("shows the lowest and highest comments of each service", async () => {
    await open();
    const net = screen.getByTestId("excerpts-2");
    expect(net.textContent).toContain("VPN 每天下午都掉线");
    expect(net.textContent).toContain("评分最低");
  });

  it("adds a response on a 1–10 scale, refusing a score outside it", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("resp-new"));
    await fireEvent.change(screen.getByTestId("resp-service"), { target: { value: "2" } });
    await fireEvent.change(screen.getByTestId("resp-scale"), { target: { value: "1-10" } });
    await fireEvent.input(field("resp-score"), { target: { value: "11" } });
    await fireEvent.input(field("resp-comment"), { target: { value: "  专线稳定  " } });
    await fireEvent.click(screen.getByTestId("resp-form-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("1–10");
    expect(api.feedbackSave).not.toHaveBeenCalled();

    await fireEvent.input(field("resp-score"), { target: { value: "9" } });
    expect(screen.getByTestId("resp-preview").textContent).toContain("满意");
    await fireEvent.click(screen.getByTestId("resp-form-save"));
    await waitFor(() => expect(api.feedbackSave).toHaveBeenCalledTimes(1));
    expect(api.feedbackSave).toHaveBeenCalledWith({
      record: "response",
      id: null,
      service_id: 2,
      channel: "survey",
      responded_on: "2026-09-30",
      score: 9,
      scale_min: 1,
      scale_max: 10,
      comment: "专线稳定",
      ticket_key: "",
    });
    await waitFor(() => expect(api.feedback).toHaveBeenCalledTimes(2));
  });

  it("imports a survey with the chosen scale and reports what it wrote", async () => {
    vi.mocked(api.pickFile).mockResolvedValue("/data/满意度问卷-2026Q3.xlsx");
    vi.mocked(api.surveyImport).mockResolvedValue({ file: "满意度问卷-2026Q3.xlsx", rows: 214, inserted: 198, updated: 16 });
    const onImported = await open();
    await fireEvent.click(screen.getByTestId("survey-import"));
    const form = await screen.findByTestId("survey-import-form");
    expect(form.textContent).toContain("满意度问卷-2026Q3.xlsx");
    expect(vi.mocked(api.pickFile).mock.calls[0][1][0].extensions).toEqual(["csv", "xlsx", "xls", "ods"]);
    await fireEvent.change(screen.getByTestId("survey-import-scale"), { target: { value: "0-10" } });
    await fireEvent.click(screen.getByTestId("survey-import-run"));
    const report = await screen.findByTestId("survey-import-report");
    expect(api.surveyImport).toHaveBeenCalledWith("/data/满意度问卷-2026Q3.xlsx", { scale_min: 0, scale_max: 10, channel: "survey" });
    expect(report.textContent).toContain("214");
    expect(report.textContent).toContain("198");
    expect(report.textContent).toContain("16");
    expect(onImported).toHaveBeenCalled();
    expect(screen.queryByTestId("survey-import-form")).toBeNull();
  });

  it("lists the rejected rows of a survey and imports nothing", async () => {
    vi.mocked(api.pickFile).mockResolvedValue("/data/q.xlsx");
    vi.mocked(api.surveyImport).mockRejectedValue(new api.ApiError("rejected_rows", "3 rows rejected", surveyRowErrors));
    const onImported = await open();
    await fireEvent.click(screen.getByTestId("survey-import"));
    await fireEvent.click(await screen.findByTestId("survey-import-run"));
    const rejected = await screen.findByTestId("survey-import-rejected");
    expect(rejected.textContent).toContain("3 行未通过校验");
    expect(within(rejected).getByTestId("row-errors").textContent).toContain("满意度问卷-2026Q3.xlsx:27:3: score: 6 is outside the scale 1–5");
    expect(onImported).not.toHaveBeenCalled();
  });

  it("does nothing when the file dialog is cancelled", async () => {
    vi.mocked(api.pickFile).mockResolvedValue(null);
    await open();
    await fireEvent.click(screen.getByTestId("survey-import"));
    await waitFor(() => expect(api.pickFile).toHaveBeenCalled());
    expect(screen.queryByTestId("survey-import-form")).toBeNull();
  });
});

describe("Interviews", () => {
  it("requires the judgement and saves 1–5 with the department", async () => {
    await open("interviews");
    expect(rowsOf("iv-table")).toHaveLength(6);
    expect(screen.getByTestId("iv-summary").textContent).toContain("6 次访谈");
    await fireEvent.click(screen.getByTestId("iv-new"));
    await fireEvent.input(field("iv-department"), { target: { value: " 审计部 " } });
    await fireEvent.click(screen.getByTestId("iv-form-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("满意度判断");
    expect(api.feedbackSave).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId("iv-judgement-2"));
    await fireEvent.click(screen.getByTestId("iv-form-save"));
    await waitFor(() => expect(api.feedbackSave).toHaveBeenCalledTimes(1));
    expect(api.feedbackSave).toHaveBeenCalledWith({
      record: "interview",
      id: null,
      held_on: "2026-09-30",
      department: "审计部",
      interviewee: "",
      service_id: null,
      notes: "",
      judgement: 2,
    });
  });
});

describe("Complaints", () => {
  it("filters by status and severity and adds up the estimated loss", async () => {
    await open("complaints");
    expect(rowsOf("cp-table")).toHaveLength(8);
    expect(screen.getByTestId("cp-summary").textContent).toContain("¥83,300.50");
    expect(screen.getByTestId("cp-summary").textContent).toContain("3 件未估算损失");

    await fireEvent.change(screen.getByTestId("cp-filter-severity"), { target: { value: "high" } });
    expect(rowsOf("cp-table").map((r) => r.getAttribute("data-testid"))).toEqual(["cp-row-41", "cp-row-46"]);
    expect(screen.getByTestId("cp-summary").textContent).toContain("¥28,100.50");
    await fireEvent.change(screen.getByTestId("cp-filter-status"), { target: { value: "closed" } });
    expect(rowsOf("cp-table").map((r) => r.getAttribute("data-testid"))).toEqual(["cp-row-46"]);

    await fireEvent.change(screen.getByTestId("cp-filter-status"), { target: { value: "open" } });
    expect(rowsOf("cp-table")[0].textContent).toContain("没有符合条件的投诉");
  });

  it("shows the action raised for a complaint by its code, and the quarter's complaints alone", async () => {
    await open("complaints");
    expect(screen.getByTestId("cp-row-42").textContent).toContain("CSI-011");
    await fireEvent.click(screen.getByTestId("cp-filter-quarter"));
    // 2026 Q3: received from July to September.
    expect(rowsOf("cp-table").map((r) => r.getAttribute("data-testid"))).toEqual(["cp-row-41", "cp-row-42", "cp-row-43", "cp-row-44", "cp-row-45", "cp-row-46"]);
  });

  it("saves the loss in exact cents, refuses a bad amount and a resolution before receipt", async () => {
    await open("complaints");
    await fireEvent.click(screen.getByTestId("cp-new"));
    await fireEvent.input(field("cp-description"), { target: { value: "打印机驱动无法安装" } });
    await fireEvent.input(field("cp-loss"), { target: { value: "12.345" } });
    await fireEvent.click(screen.getByTestId("cp-form-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("估计损失格式不对");

    await fireEvent.input(field("cp-loss"), { target: { value: "1,234.5" } });
    await fireEvent.input(field("cp-resolved-on"), { target: { value: "2026-09-01" } });
    await fireEvent.click(screen.getByTestId("cp-form-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("不能早于收到日期");
    expect(api.feedbackSave).not.toHaveBeenCalled();

    await fireEvent.input(field("cp-resolved-on"), { target: { value: "" } });
    await fireEvent.change(screen.getByTestId("cp-severity"), { target: { value: "critical" } });
    await fireEvent.change(screen.getByTestId("cp-action"), { target: { value: "104" } });
    await fireEvent.click(screen.getByTestId("cp-form-save"));
    await waitFor(() => expect(api.feedbackSave).toHaveBeenCalledTimes(1));
    expect(api.feedbackSave).toHaveBeenCalledWith({
      record: "complaint",
      id: null,
      received_on: "2026-09-30",
      service_id: null,
      channel: "phone",
      severity: "critical",
      description: "打印机驱动无法安装",
      loss_cents: 123_450,
      status: "open",
      resolution: "",
      resolved_on: null,
      ticket_key: "",
      action_id: 104,
    });
  });

  it("keeps an edited complaint's loss and id", async () => {
    await open("complaints");
    await fireEvent.click(screen.getByTestId("cp-edit-46"));
    expect(field("cp-loss").value).toBe("9600.50");
    await fireEvent.click(screen.getByTestId("cp-form-save"));
    await waitFor(() => expect(api.feedbackSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.feedbackSave).mock.calls[0][0]).toMatchObject({ record: "complaint", id: 46, loss_cents: 960_050, action_id: 108 });
  });

  it("deletes a complaint after asking", async () => {
    vi.mocked(api.confirmNative).mockResolvedValue(true);
    vi.mocked(api.feedbackDelete).mockResolvedValue(undefined);
    await open("complaints");
    await fireEvent.click(screen.getByTestId("cp-delete-44"));
    await waitFor(() => expect(api.feedbackDelete).toHaveBeenCalledWith("complaint", 44, false));
    await waitFor(() => expect(api.feedback).toHaveBeenCalledTimes(2));
  });
});
