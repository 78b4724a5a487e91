import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { CostBenefit as CB } from "../bindings/CostBenefit";
import type { Evaluation } from "../bindings/Evaluation";
import { i18n } from "../lib/i18n.svelte";
import App from "../App.svelte";
import CostBenefit from "../screens/CostBenefit.svelte";
import { costBenefitOf } from "./cb-engine";
import { cbMeasurement, cbParams, costBenefit, info } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

// The charts size themselves with `bind:clientWidth`, which needs a ResizeObserver (jsdom has none;
// its elements measure 0 wide, so the charts draw at their default width).
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
vi.stubGlobal("ResizeObserver", NoResize);

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.costBenefit).mockResolvedValue(structuredClone(costBenefit));
  vi.mocked(api.cbParamsSet).mockResolvedValue(undefined);
  vi.mocked(api.costSave).mockResolvedValue(99);
  vi.mocked(api.driverSave).mockResolvedValue(99);
  vi.mocked(api.costDelete).mockResolvedValue(undefined);
  vi.mocked(api.driverDelete).mockResolvedValue(undefined);
});

async function open(answer?: CB) {
  if (answer) vi.mocked(api.costBenefit).mockResolvedValue(answer);
  render(CostBenefit, { props: { info, revision: 0 } });
  await screen.findByTestId("cb-params");
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;
/** A row's cells, trimmed, joined by " | ". */
const cells = (id: string) =>
  [...screen.getByTestId(id).querySelectorAll("th, td")].map((c) => c.textContent?.trim().replace(/\s+/g, " ")).join(" | ");
const text = (id: string) => screen.getByTestId(id).textContent?.trim().replace(/\s+/g, " ");
/** The demo case with one scenario's evaluation changed. */
function withEvaluation(which: "expected" | "measured", change: Partial<Evaluation>): CB {
  const cb = structuredClone(costBenefit);
  const s = cb[which]!;
  s.evaluation = { ...s.evaluation, ...change };
  return cb;
}

describe("Cost-benefit results", () => {
  it("shows expected and measured side by side, the plan check and the engine's notes as they are", async () => {
    await open();
    expect(api.costBenefit).toHaveBeenCalledTimes(1);
    expect(text("cb-fig-npv-expected")).toBe("¥375,501.67");
    expect(text("cb-fig-npv-measured")).toBe("-¥6,238.55");
    expect(text("cb-fig-roi-expected")).toBe("117.5%");
    expect(text("cb-fig-irr-expected")).toBe("81.1%");
    expect(text("cb-fig-payback-expected")).toBe("1.14 年");
    expect(text("cb-fig-payback-measured")).toBe("2.68 年");
    expect(text("cb-fig-dpayback-measured")).toBe("期内未回收");
    expect(screen.getByTestId("cb-fig-npv-measured").classList.contains("neg")).toBe(true);

    expect(text("cb-plan-efficiency-change")).toBe("-4.7%");
    expect(text("cb-plan-efficiency-met")).toBe("未达成");
    expect(text("cb-plan-satisfaction-change")).toBe("+11.2%");
    expect(text("cb-plan-satisfaction-met")).toBe("达成");
    expect(text("cb-plan-used")).toContain("每单节省 15.6 分钟，年请求量 5,120");
    expect(text("cb-notes")).toContain("measured: the workspace keeps no complaint records yet, so complaints avoided keep their expected value");
  });

  it("says when the IRR does not exist, with the reason as a tooltip", async () => {
    await open(withEvaluation("expected", { irr: { kind: "none", reason: "the cash flows never change sign" } }));
    const cell = screen.getByTestId("cb-fig-irr-expected");
    expect(cell.textContent?.trim()).toBe("不存在");
    expect(cell.querySelector("[title]")?.getAttribute("title")).toBe("the cash flows never change sign");
    expect(screen.queryByTestId("cb-irr-multiple")).toBeNull();
  });

  it("marks an IRR of flows that change sign more than once and explains it", async () => {
    await open(withEvaluation("measured", { irr: { kind: "rate", rate: 0.1, multiple: true } }));
    expect(text("cb-fig-irr-measured")).toBe("10.0%*");
    expect(text("cb-irr-multiple")).toContain("可能有多个 IRR");
    expect(text("cb-fig-irr-expected")).toBe("81.1%");
  });

  it("reads a payback that does not happen as not within the horizon, in both languages", async () => {
    await open(withEvaluation("expected", { payback_years: null, discounted_payback_years: null }));
    expect(text("cb-fig-payback-expected")).toBe("期内未回收");
    expect(text("cb-fig-dpayback-expected")).toBe("期内未回收");
    i18n.lang = "en";
    await waitFor(() => expect(text("cb-fig-payback-expected")).toBe("not within the horizon"));
    expect(text("cb-fig-payback-measured")).toBe("2.68 years");
  });

  it("shows the notes, not made-up figures, when nothing can be measured", async () => {
    await open(costBenefitOf(cbParams, costBenefit.costs, costBenefit.drivers, costBenefit.training_from_records, null));
    expect(text("cb-fig-npv-measured")).toBe("—");
    expect(text("cb-fig-npv-expected")).toBe("¥375,501.67");
    expect(screen.getByTestId("cb-no-measured")).toBeTruthy();
    expect(screen.getByTestId("cb-plan-none")).toBeTruthy();
    expect(text("cb-notes")).toContain("measured: the workspace has no tickets to measure yet");
    expect((screen.getByTestId("cb-scenario-measured") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId("driver-measured-1")).toBeNull();
  });

  it("explains an empty case and offers to add a cost or a driver", async () => {
    await open(costBenefitOf(cbParams, [], [], [], cbMeasurement));
    expect(text("cb-empty")).toContain("还没有成本或收益");
    expect(text("cb-notes")).toContain("no costs or benefit drivers yet");
    expect(screen.queryByTestId("cb-key")).toBeNull();
    expect(screen.queryByTestId("cb-tornado")).toBeNull();
    await fireEvent.click(screen.getByTestId("cb-empty-driver"));
    expect(screen.getByTestId("driver-form")).toBeTruthy();
  });
});

describe("Parameters", () => {
  it("sends the discount rate as a fraction and the chosen baseline, then reloads", async () => {
    await open({ ...structuredClone(costBenefit), params: { ...cbParams, discount_rate: 0.1, baseline: null } });
    expect(field("cb-rate").value).toBe("10");
    expect(field("cb-baseline").value).toBe("");
    await fireEvent.input(field("cb-rate"), { target: { value: "8" } });
    await fireEvent.change(field("cb-baseline"), { target: { value: "2026Q1" } });
    await fireEvent.click(screen.getByTestId("cb-params-save"));
    await waitFor(() => expect(api.cbParamsSet).toHaveBeenCalledTimes(1));
    expect(api.cbParamsSet).toHaveBeenCalledWith({
      horizon_years: 3,
      discount_rate: 0.08,
      start: "2025-10-01",
      baseline: { year: 2026, q: 1 },
      include_training_records: true,
    });
    await waitFor(() => expect(api.costBenefit).toHaveBeenCalledTimes(2));
    expect(screen.getByTestId("cb-params-saved")).toBeTruthy();
  });

  it("sends the first quarter with data as null and the training switch as set", async () => {
    await open();
    expect(field("cb-rate").value).toBe("8");
    expect(field("cb-baseline").value).toBe("2025Q4");
    await fireEvent.change(field("cb-baseline"), { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("cb-training"));
    await fireEvent.input(field("cb-horizon"), { target: { value: "5" } });
    await fireEvent.click(screen.getByTestId("cb-params-save"));
    await waitFor(() => expect(api.cbParamsSet).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.cbParamsSet).mock.calls[0][0]).toEqual({ ...cbParams, horizon_years: 5, baseline: null, include_training_records: false });
  });

  it("refuses a horizon outside 1–30 and shows the shell's invalid answer", async () => {
    await open();
    await fireEvent.input(field("cb-horizon"), { target: { value: "31" } });
    await fireEvent.click(screen.getByTestId("cb-params-save"));
    expect(screen.getByTestId("cb-params").textContent).toContain("期限须为 1–30 的整数年");
    expect(api.cbParamsSet).not.toHaveBeenCalled();

    vi.mocked(api.cbParamsSet).mockRejectedValue(new api.ApiError("invalid", "invalid: discount rate: 1.5 is outside −100%…100%"));
    await fireEvent.input(field("cb-horizon"), { target: { value: "4" } });
    await fireEvent.click(screen.getByTestId("cb-params-save"));
    expect((await screen.findByTestId("cb-params-invalid")).textContent).toContain("discount rate: 1.5");
  });
});

describe("Costs", () => {
  it("lists the costs with when and basis, and the training records read-only beneath", async () => {
    await open();
    expect(text("cost-row-2")).toContain("第 1–3 年每年");
    expect(text("cost-row-3")).toContain("第 1 年起每年（至期末）");
    expect(text("cost-row-1")).toContain("第 0 年一次性");
    expect(text("cost-basis-4")).toBe("320 小时 × ¥150.00/小时");
    const records = screen.getByTestId("cost-records-1");
    expect(records.textContent).toContain("¥36,300.50");
    expect(records.querySelector("button")).toBeNull();
    expect(text("cost-total")).toContain("¥408,300.50");
  });

  it("computes hours × hourly cost as typed and sends the hours and the rate", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("cost-new"));
    await fireEvent.change(field("cost-category"), { target: { value: "process_time" } });
    await fireEvent.input(field("cost-label"), { target: { value: " SOP 编写工时 " } });
    expect(screen.queryByTestId("cost-computed")).toBeNull();
    await fireEvent.input(field("cost-hours"), { target: { value: "320" } });
    await fireEvent.input(field("cost-rate"), { target: { value: "150" } });
    expect(text("cost-computed")).toBe("320 小时 × ¥150.00 = ¥48,000.00");
    await fireEvent.input(field("cost-hours"), { target: { value: "12.5" } });
    await fireEvent.input(field("cost-rate"), { target: { value: "99.99" } });
    expect(text("cost-computed")).toBe("12.5 小时 × ¥99.99 = ¥1,249.88");
    await fireEvent.click(screen.getByTestId("cost-form-save"));
    await waitFor(() => expect(api.costSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.costSave).mock.calls[0][0]).toStrictEqual({
      id: null,
      category: "process_time",
      label: "SOP 编写工时",
      amount_cents: 124_988,
      currency: "CNY",
      recurring: false,
      from_year: 0,
      to_year: null,
      hours: 12.5,
      hourly_cost_cents: 9_999,
      note: "",
    });
    await waitFor(() => expect(api.costBenefit).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("cost-form")).toBeNull();
  });

  it("edits a recurring cost and checks the years against the horizon", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("cost-edit-2"));
    expect(field("cost-amount").value).toBe("36000.00");
    expect(field("cost-recurring").checked).toBe(true);
    await fireEvent.input(field("cost-to-year"), { target: { value: "" } });
    await fireEvent.input(field("cost-from-year"), { target: { value: "4" } });
    await fireEvent.click(screen.getByTestId("cost-form-save"));
    expect(screen.getByTestId("cost-form").textContent).toContain("年份须为 0–3 的整数");
    expect(api.costSave).not.toHaveBeenCalled();
    await fireEvent.input(field("cost-from-year"), { target: { value: "2" } });
    await fireEvent.input(field("cost-amount"), { target: { value: "38,000" } });
    await fireEvent.click(screen.getByTestId("cost-form-save"));
    await waitFor(() => expect(api.costSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.costSave).mock.calls[0][0]).toMatchObject({ id: 2, amount_cents: 3_800_000, recurring: true, from_year: 2, to_year: null, hours: null, hourly_cost_cents: null });
  });

  it("asks before deleting a cost", async () => {
    await open();
    vi.mocked(api.confirmNative).mockResolvedValueOnce(false);
    await fireEvent.click(screen.getByTestId("cost-delete-3"));
    await waitFor(() => expect(api.confirmNative).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.confirmNative).mock.calls[0][0]).toBe("删除成本项“满意度调查平台”？");
    expect(api.costDelete).not.toHaveBeenCalled();

    vi.mocked(api.confirmNative).mockResolvedValueOnce(true);
    await fireEvent.click(screen.getByTestId("cost-delete-3"));
    await waitFor(() => expect(api.costDelete).toHaveBeenCalledWith(3));
    await waitFor(() => expect(api.costBenefit).toHaveBeenCalledTimes(2));
  });
});

describe("Benefit drivers", () => {
  it("shows the quantities, the yearly benefit and what the measured scenario used", async () => {
    await open();
    expect(text("driver-row-1")).toContain("12 分钟 × 19,000 次/年 × ¥60.00/小时");
    expect(text("driver-row-1")).toContain("¥228,000.00");
    expect(text("driver-measured-1")).toBe("实测场景：15.6 分钟 × 5,120 次/年 × ¥60.00/小时 = ¥79,872.00 / 年");
    expect(text("driver-measured-2")).toBe("实测场景：沿用预期值");
    expect(screen.queryByTestId("driver-measured-3")).toBeNull();
    expect(screen.queryByTestId("driver-measured-flag-3")).toBeNull();
    expect(text("driver-row-3")).toContain("停用两套旧的报表脚本与人工统计");
  });

  it("sends a time-saved driver as the tagged union, showing its yearly benefit as typed", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("driver-new"));
    await fireEvent.input(field("driver-label"), { target: { value: "自助重置密码" } });
    await fireEvent.input(field("driver-minutes"), { target: { value: "12" } });
    await fireEvent.input(field("driver-requests"), { target: { value: "19000" } });
    await fireEvent.input(field("driver-hourly"), { target: { value: "60" } });
    expect(text("driver-annual")).toBe("年收益 = ¥228,000.00");
    await fireEvent.input(field("driver-minutes"), { target: { value: "1" } });
    await fireEvent.input(field("driver-requests"), { target: { value: "1000" } });
    await fireEvent.input(field("driver-hourly"), { target: { value: "123.45" } });
    expect(text("driver-annual")).toBe("年收益 = ¥2,057.50");
    await fireEvent.click(screen.getByTestId("driver-measured"));
    await fireEvent.click(screen.getByTestId("driver-form-save"));
    await waitFor(() => expect(api.driverSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.driverSave).mock.calls[0][0]).toStrictEqual({
      id: null,
      driver: { kind: "time_saved", label: "自助重置密码", minutes_saved_per_request: 1, requests_per_year: 1000, hourly_cost_cents: 12_345, from_year: 1 },
      measured: true,
    });
    await waitFor(() => expect(api.costBenefit).toHaveBeenCalledTimes(2));
  });

  it("sends complaints avoided and other benefits with exactly their fields", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("driver-edit-2"));
    await fireEvent.input(field("driver-complaints"), { target: { value: "30" } });
    expect(text("driver-annual")).toBe("年收益 = ¥60,000.00");
    await fireEvent.click(screen.getByTestId("driver-form-save"));
    await waitFor(() => expect(api.driverSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.driverSave).mock.calls[0][0]).toStrictEqual({
      id: 2,
      driver: { kind: "complaints_avoided", label: "减少用户投诉", complaints_avoided_per_year: 30, cost_per_complaint_cents: 200_000, from_year: 1 },
      measured: true,
    });

    await waitFor(() => expect(screen.queryByTestId("driver-form")).toBeNull());
    await fireEvent.click(screen.getByTestId("driver-new"));
    await fireEvent.change(field("driver-kind"), { target: { value: "other" } });
    expect(field("driver-measured").disabled).toBe(true);
    await fireEvent.input(field("driver-label"), { target: { value: "停用旧系统" } });
    await fireEvent.input(field("driver-amount"), { target: { value: "12,000.5" } });
    await fireEvent.input(field("driver-note"), { target: { value: " 许可证 " } });
    await fireEvent.input(field("driver-from-year"), { target: { value: "2" } });
    await fireEvent.click(screen.getByTestId("driver-form-save"));
    await waitFor(() => expect(api.driverSave).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.driverSave).mock.calls[1][0]).toStrictEqual({
      id: null,
      driver: { kind: "other", label: "停用旧系统", amount_per_year_cents: 1_200_050, note: "许可证", from_year: 2 },
      measured: false,
    });
  });

  it("refuses year 0 for a benefit and shows the shell's invalid answer in the form", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("driver-edit-1"));
    await fireEvent.input(field("driver-from-year"), { target: { value: "0" } });
    await fireEvent.click(screen.getByTestId("driver-form-save"));
    expect(screen.getByTestId("driver-form").textContent).toContain("起始年须为 1–3 的整数");
    expect(api.driverSave).not.toHaveBeenCalled();

    vi.mocked(api.driverSave).mockRejectedValue(new api.ApiError("invalid", 'invalid: benefit #1 "缩短服务处理时间": the yearly benefit is above the maximum'));
    await fireEvent.input(field("driver-from-year"), { target: { value: "1" } });
    await fireEvent.click(screen.getByTestId("driver-form-save"));
    expect((await screen.findByTestId("driver-form-invalid")).textContent).toContain("above the maximum");
  });

  it("asks before deleting a driver", async () => {
    await open();
    vi.mocked(api.confirmNative).mockResolvedValueOnce(true);
    await fireEvent.click(screen.getByTestId("driver-delete-3"));
    await waitFor(() => expect(api.driverDelete).toHaveBeenCalledWith(3));
    expect(vi.mocked(api.confirmNative).mock.calls[0][0]).toBe("删除收益驱动因素“减少重复建设（工具整合）”？");
  });
});

describe("Details and charts", () => {
  const keys = () => screen.getAllByTestId("tornado-row").map((g) => g.getAttribute("data-key"));

  it("draws one tornado row per sensitivity entry, in the order given, for the chosen scenario", async () => {
    await open();
    expect(keys()).toEqual(costBenefit.expected!.sensitivity.map((s) => s.key));
    const first = screen.getAllByTestId("tornado-row")[0];
    expect(first.textContent).toContain("缩短服务处理时间：小时成本");
    expect(within(first as HTMLElement).getAllByTestId("tornado-low")).toHaveLength(1);
    expect(within(first as HTMLElement).getAllByTestId("tornado-high")).toHaveLength(1);
    expect(screen.queryByTestId("tornado-zero")).toBeNull();

    await fireEvent.click(screen.getByTestId("cb-scenario-measured"));
    const measured = costBenefit.measured!.sensitivity.map((s) => s.key);
    expect(measured).not.toEqual(costBenefit.expected!.sensitivity.map((s) => s.key));
    expect(keys()).toEqual(measured);
    // The measured NPV is below zero at its base, so NPV = 0 lies in range.
    expect(screen.getByTestId("tornado-zero")).toBeTruthy();
    expect(cells("flow-3")).toBe("3 | ¥48,000.00 | ¥157,872.00 | ¥109,872.00 | ¥35,315.50 | ¥87,219.94 | -¥6,238.55");
  });

  it("keeps a custom order of rows and names unknown keys by the engine's label", async () => {
    const cb = structuredClone(costBenefit);
    cb.expected!.sensitivity = [
      { key: "discount_rate", label: "Discount rate", base_value: 0.08, npv_low_cents: 100, npv_high_cents: -100 },
      { key: "future.input", label: "Something new", base_value: 1, npv_low_cents: -50, npv_high_cents: 50 },
    ];
    await open(cb);
    expect(keys()).toEqual(["discount_rate", "future.input"]);
    expect(screen.getAllByTestId("tornado-row")[1].textContent).toContain("Something new");
  });

  it("shows the cash flows, cost by category and break-even values with money in cents", async () => {
    await open();
    expect(cells("flow-0")).toBe("0 | ¥228,000.00 | ¥0.00 | -¥228,000.00 | -¥228,000.00 | -¥228,000.00 | -¥228,000.00");
    expect(screen.getAllByTestId("cost-bar").map((g) => g.getAttribute("data-category"))).toEqual([
      "training",
      "tool_purchase",
      "tool_maintenance",
      "process_time",
      "other",
    ]);
    expect(cells("break-even-benefit.0.minutes")).toBe("缩短服务处理时间：每单节省分钟 | 12 | 4.3 | -63.9%");
    expect(cells("break-even-cost.tool_purchase")).toBe("工具采购成本 | ¥180,000.00 | ¥555,501.67 | +208.6%");
    expect(cells("break-even-benefit.1.complaints")).toBe("减少用户投诉：年减少投诉数 | 24 | 无 | —");
  });
});

describe("Export", () => {
  it("writes the PDF report in the UI language to the picked path and opens it", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/tmp/SQM-成本效益分析.pdf");
    vi.mocked(api.costBenefitExport).mockResolvedValue("/tmp/SQM-成本效益分析.pdf");
    vi.mocked(api.openFile).mockResolvedValue(undefined);
    await open();
    await fireEvent.click(screen.getByTestId("cb-export-pdf"));
    await waitFor(() => expect(api.openFile).toHaveBeenCalledWith("/tmp/SQM-成本效益分析.pdf"));
    expect(api.pickSavePath).toHaveBeenCalledWith("保存成本效益分析报告", "SQM-成本效益分析.pdf", [{ name: "PDF 文件", extensions: ["pdf"] }]);
    expect(api.costBenefitExport).toHaveBeenCalledWith("zh", "/tmp/SQM-成本效益分析.pdf");
    expect(text("cb-export-written")).toContain("/tmp/SQM-成本效益分析.pdf");
  });

  it("writes the XLSX tables in English when the UI is in English; a cancelled dialog writes nothing", async () => {
    i18n.lang = "en";
    vi.mocked(api.pickSavePath).mockResolvedValueOnce(null);
    await open();
    await fireEvent.click(screen.getByTestId("cb-export-xlsx"));
    await waitFor(() => expect(api.pickSavePath).toHaveBeenCalledTimes(1));
    expect(api.costBenefitExport).not.toHaveBeenCalled();

    vi.mocked(api.pickSavePath).mockResolvedValueOnce("/home/m/cb.xlsx");
    vi.mocked(api.costBenefitExport).mockResolvedValue("/home/m/cb.xlsx");
    await fireEvent.click(screen.getByTestId("cb-export-xlsx"));
    await waitFor(() => expect(api.costBenefitExport).toHaveBeenCalledWith("en", "/home/m/cb.xlsx"));
    expect(vi.mocked(api.pickSavePath).mock.calls[1]).toEqual([
      "Save the cost-benefit tables",
      "SQM-cost-benefit.xlsx",
      [{ name: "Excel workbooks", extensions: ["xlsx"] }],
    ]);
    await waitFor(() => expect(api.openFile).toHaveBeenCalledWith("/home/m/cb.xlsx"));
  });

  it("shows the error when the report cannot be written", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/tmp/x.pdf");
    vi.mocked(api.costBenefitExport).mockRejectedValue(new api.ApiError("io", "io: /tmp/x.pdf: permission denied"));
    await open();
    await fireEvent.click(screen.getByTestId("cb-export-pdf"));
    expect((await screen.findByRole("alert")).textContent).toContain("permission denied");
    expect(api.openFile).not.toHaveBeenCalled();
  });
});

describe("Navigation", () => {
  it("puts 成本效益 before 导出 and opens the screen", async () => {
    vi.mocked(api.appState).mockResolvedValue(info);
    vi.mocked(api.dashboard).mockRejectedValue(new api.ApiError("internal", "not needed here"));
    render(App);
    const nav = await screen.findByTestId("nav-costbenefit");
    expect(nav.textContent).toContain("成本效益");
    const ids = [...document.querySelectorAll("nav [data-testid^='nav-']")].map((b) => b.getAttribute("data-testid"));
    expect(ids.indexOf("nav-costbenefit")).toBe(ids.indexOf("nav-export") - 1);
    await fireEvent.click(nav);
    expect(await screen.findByTestId("cb-key")).toBeTruthy();
  });
});
