import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { i18n } from "../lib/i18n.svelte";
import Dashboard from "../screens/Dashboard.svelte";
import { dashboard, drillResult, info } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const q3 = { year: 2026, q: 3 };
const defaults = { calendar: null, pauses: true };

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.dashboard).mockResolvedValue(dashboard);
  vi.mocked(api.drill).mockReset().mockResolvedValue(drillResult);
});

async function open() {
  render(Dashboard, { props: { info, quarter: q3 } });
  await screen.findByTestId("kpi-response-value");
}

describe("Dashboard drill-down", () => {
  it("opens the resolution breaches behind the resolution tile", async () => {
    await open();
    const tile = screen.getByTestId("kpi-resolution-drill");
    // 1200 measured, 1032 met: 168 breached.
    expect(tile.getAttribute("title")).toBe("查看工单：全部服务 · 解决违约（168 张）");
    await fireEvent.click(tile);

    expect(api.drill).toHaveBeenCalledWith(q3, { kind: "overall" }, "resolution_breached", defaults);
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("全部服务 · 解决违约 · 2026年第3季度");
    expect(await within(dialog).findByTestId("ticket-INC0010001")).toBeTruthy();
    expect(within(dialog).getByTestId("tickets-count").textContent).toContain("共 5 张工单");

    await fireEvent.click(within(dialog).getByTestId("tickets-close"));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("drills the response, volume and resolved figures of the tiles", async () => {
    await open();
    // The value text stays where the end-to-end test reads it.
    expect(screen.getByTestId("kpi-response-value").textContent).toBe("96.3%");

    await fireEvent.click(screen.getByTestId("kpi-response-drill"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "overall" }, "response_breached", defaults);
    await fireEvent.click(await screen.findByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("kpi-volume-drill"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "overall" }, "volume", defaults);
    await fireEvent.click(await screen.findByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("kpi-volume-resolved"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "overall" }, "resolved", defaults);
  });

  it("shows the still-running counts and drills into them", async () => {
    await open();
    const running = screen.getByTestId("kpi-resolution-running");
    expect(running.textContent).toBe("17 张仍在进行");
    // None running for responses: said, but nothing to open.
    expect(screen.getByTestId("kpi-response").textContent).toContain("0 张仍在进行");
    expect(screen.queryByTestId("kpi-response-running")).toBeNull();

    await fireEvent.click(running);
    expect(api.drill).toHaveBeenCalledWith(q3, { kind: "overall" }, "resolution_running", defaults);
    expect((await screen.findByRole("dialog")).textContent).toContain("解决仍在进行");
  });

  it("drills a service's cells with the service's id", async () => {
    await open();
    const cell = screen.getByTestId("drill-service-NET-resolution");
    expect(cell.textContent).toBe("77.6%");
    expect(cell.tagName).toBe("BUTTON");
    await fireEvent.click(cell);
    expect(api.drill).toHaveBeenCalledWith(q3, { kind: "service", value: 2 }, "resolution_breached", defaults);
    expect((await screen.findByRole("dialog")).textContent).toContain("NET · 解决违约 · 2026年第3季度");
    await fireEvent.click(screen.getByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("drill-service-EMAIL-response"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "service", value: 1 }, "response_breached", defaults);
    await fireEvent.click(await screen.findByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("drill-service-ERP-volume"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "service", value: 3 }, "volume", defaults);
    await fireEvent.click(await screen.findByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("drill-service-NET-resolved"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "service", value: 2 }, "resolved", defaults);
  });

  it("drills a priority's cells, tickets without a priority included", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("drill-priority-3 - Moderate-response"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "priority", value: "3 - Moderate" }, "response_breached", defaults);
    expect((await screen.findByRole("dialog")).textContent).toContain("优先级：3 - Moderate · 响应违约");
    await fireEvent.click(screen.getByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("drill-priority-none-volume"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "priority", value: null }, "volume", defaults);
    expect((await screen.findByRole("dialog")).textContent).toContain("（无优先级） · 新开工单");
  });

  it("leaves figures with no tickets behind them as plain text", async () => {
    await open();
    // "1 - Critical" has no resolution outcomes and nothing running: nothing to open.
    expect(screen.queryByTestId("drill-priority-1 - Critical-resolution")).toBeNull();
    expect(screen.queryByTestId("drill-priority-1 - Critical-running")).toBeNull();
    expect(screen.getByTestId("priority-row-1 - Critical").textContent).toContain("—");
  });

  it("names the figures in English after the switch", async () => {
    await open();
    i18n.lang = "en";
    await waitFor(() => expect(api.dashboard).toHaveBeenLastCalledWith(q3, "en"));
    expect(screen.getByTestId("kpi-resolution-running").textContent).toBe("17 still running");
    await fireEvent.click(screen.getByTestId("drill-service-NET-resolution"));
    expect((await screen.findByRole("dialog")).textContent).toContain("NET · Resolution breached · 2026 Q3");
  });
});
