import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { i18n } from "../lib/i18n.svelte";
import Dashboard from "../screens/Dashboard.svelte";
import { dashboard, emptyInfo, info } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.dashboard).mockResolvedValue(dashboard);
});

describe("Dashboard", () => {
  it("shows the overall figures formatted like the core, with their traffic lights", async () => {
    render(Dashboard, { props: { info, quarter: { year: 2026, q: 3 } } });

    expect((await screen.findByTestId("kpi-response-value")).textContent).toBe("96.3%");
    expect(screen.getByTestId("kpi-resolution-value").textContent).toBe("86.0%");
    expect(screen.getByTestId("kpi-csat-value").textContent).toBe("82.4%");
    expect(screen.getByTestId("kpi-volume-value").textContent).toBe("1,284");
    expect(screen.getByTestId("kpi-median-value").textContent).toBe("5.2");
    expect(screen.getByTestId("kpi-p90-value").textContent).toBe("31.7");
    expect(screen.getByTestId("kpi-standards-value").textContent).toBe("6 / 8");

    expect(screen.getByTestId("kpi-response-light").classList.contains("light-green")).toBe(true);
    expect(screen.getByTestId("kpi-resolution-light").classList.contains("light-amber")).toBe(true);
    expect(screen.getByTestId("kpi-csat-light").classList.contains("light-green")).toBe(true);
    expect(screen.getByTestId("kpi-response").textContent).toContain("目标：95.0% 在 1 小时 内");
    expect(screen.getByTestId("kpi-response").textContent).toContain("1,155 / 1,200 张工单达标");

    expect(api.dashboard).toHaveBeenCalledWith({ year: 2026, q: 3 }, "zh");
  });

  it("renders each chart's SVG in a card, and the per-service and per-priority tables", async () => {
    render(Dashboard, { props: { info, quarter: { year: 2026, q: 3 } } });

    const chart = await screen.findByTestId("chart-response_trend");
    expect(chart.getAttribute("aria-label")).toContain("响应达标率趋势");
    expect(chart.querySelector("svg")).not.toBeNull();

    const net = screen.getByTestId("service-row-NET");
    expect(net.textContent).toContain("网络接入");
    expect(net.textContent).toContain("93.1%");
    expect(net.textContent).toContain("77.6%");
    const lights = [...net.querySelectorAll(".light")].map((el) => el.getAttribute("data-light"));
    expect(lights).toEqual(["amber", "red", "red"]);

    // Not measured reads as a dash, never as 0.
    const erp = screen.getByTestId("service-row-ERP");
    expect(erp.textContent).toContain("—");
    expect(erp.querySelectorAll(".light")[2].classList.contains("light-grey")).toBe(true);

    expect(screen.getByTestId("priority-table").textContent).toContain("（无优先级）");
  });

  it("shows no chart area when the dashboard has no charts", async () => {
    vi.mocked(api.dashboard).mockResolvedValue({ ...dashboard, charts: [] });
    render(Dashboard, { props: { info, quarter: { year: 2026, q: 3 } } });
    await screen.findByTestId("kpi-response-value");
    expect(screen.queryByText("趋势图")).toBeNull();
  });

  it("loads another quarter when the selector changes", async () => {
    render(Dashboard, { props: { info, quarter: { year: 2026, q: 3 } } });
    await screen.findByTestId("kpi-response-value");

    await fireEvent.change(screen.getByTestId("quarter-select"), { target: { value: "2026Q2" } });
    await waitFor(() => expect(api.dashboard).toHaveBeenLastCalledWith({ year: 2026, q: 2 }, "zh"));
  });

  it("asks again in English when the language changes", async () => {
    render(Dashboard, { props: { info, quarter: { year: 2026, q: 3 } } });
    await screen.findByTestId("kpi-response-value");
    i18n.lang = "en";
    await waitFor(() => expect(api.dashboard).toHaveBeenLastCalledWith({ year: 2026, q: 3 }, "en"));
    expect(screen.getByText("Response attainment")).toBeTruthy();
  });

  it("points an empty workspace at Import", async () => {
    const onGoImport = vi.fn();
    render(Dashboard, { props: { info: emptyInfo, quarter: null, onGoImport } });
    expect(screen.getByTestId("dashboard-empty").textContent).toContain("还没有工单数据");
    await fireEvent.click(screen.getByText("去导入"));
    expect(onGoImport).toHaveBeenCalled();
    expect(api.dashboard).not.toHaveBeenCalled();
  });

  it("shows an error with its code's heading", async () => {
    vi.mocked(api.dashboard).mockRejectedValue(new api.ApiError("db", "database: disk I/O error"));
    render(Dashboard, { props: { info, quarter: { year: 2026, q: 3 } } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("数据库错误");
    expect(alert.textContent).toContain("disk I/O error");
  });
});
