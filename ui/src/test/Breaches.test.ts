import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { StoredCalendar } from "../bindings/StoredCalendar";
import { i18n } from "../lib/i18n.svelte";
import Breaches from "../screens/Breaches.svelte";
import { breachReport, drillResult, emptyInfo, info, services } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const q3 = { year: 2026, q: 3 };
const defaults = { calendar: null, pauses: true };

function calendar(id: number, name: string): StoredCalendar {
  return { id, builtin: true, used_by: 1, def: { name, tz: "Asia/Shanghai", week: [[], [], [], [], [], [], []], holidays: [], workdays: [] } };
}

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.breaches).mockReset().mockResolvedValue(breachReport);
  vi.mocked(api.drill).mockReset().mockResolvedValue(drillResult);
  vi.mocked(api.servicesList).mockResolvedValue(services);
  vi.mocked(api.calendarsList).mockResolvedValue([calendar(1, "24x7"), calendar(2, "china")]);
});

async function open() {
  render(Breaches, { props: { info, quarter: q3 } });
  return screen.findByTestId("breach-summary");
}

describe("Breaches", () => {
  it("sums up the quarter's breaches", async () => {
    const summary = await open();
    expect(api.breaches).toHaveBeenCalledWith(q3, defaults);
    expect(summary.textContent).toContain("解决违约 168 张 / 已判定 1,200 张（违约率 14.0%）· 响应违约 45 张");
  });

  it("renders the breakdowns by service, priority, category, group and assignee", async () => {
    await open();
    const byService = screen.getByTestId("breach-by-service");
    expect(byService.textContent).toContain("按服务");
    const net = within(byService).getByText("NET").closest("tr")!;
    expect(net.textContent).toContain("130");
    expect(net.textContent).toContain("580");
    expect(net.textContent).toContain("22.4%");

    expect(screen.getByTestId("breach-by-priority").textContent).toContain("（无优先级）");
    expect(screen.getByTestId("breach-by-category").textContent).toContain("（空）");
    expect(screen.getByTestId("breach-by-group").textContent).toContain("网络运维组");
    expect(screen.getByTestId("breach-by-assignee").textContent).toContain("赵敏");
  });

  it("drills a service row into its breached tickets, by the service's id", async () => {
    await open();
    const net = await screen.findByTestId("breach-service-NET");
    expect(net.getAttribute("title")).toBe("查看工单：NET · 解决违约（130 张）");
    await fireEvent.click(net);
    expect(api.drill).toHaveBeenCalledWith(q3, { kind: "service", value: 2 }, "resolution_breached", defaults);
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("NET · 解决违约 · 2026年第3季度");
    expect(await within(dialog).findByTestId("ticket-INC0010002")).toBeTruthy();
  });

  it("drills the other dimensions with their key, blanks as null", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("breach-category-none"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "category", value: null }, "resolution_breached", defaults);
    expect((await screen.findByRole("dialog")).textContent).toContain("分类：（空） · 解决违约");
    await fireEvent.click(screen.getByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("breach-assignee-李强"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "assignee", value: "李强" }, "resolution_breached", defaults);
    await fireEvent.click(await screen.findByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("breach-group-网络运维组"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "group", value: "网络运维组" }, "resolution_breached", defaults);
    await fireEvent.click(await screen.findByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("breach-priority-2 - High"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "priority", value: "2 - High" }, "resolution_breached", defaults);
    await fireEvent.click(await screen.findByTestId("tickets-close"));

    await fireEvent.click(screen.getByTestId("breach-all"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "overall" }, "resolution_breached", defaults);
  });

  it("leaves a service row plain when the service is unknown", async () => {
    vi.mocked(api.servicesList).mockRejectedValue(new api.ApiError("db", "locked"));
    await open();
    expect(within(screen.getByTestId("breach-by-service")).getByText("NET")).toBeTruthy();
    expect(screen.queryByTestId("breach-service-NET")).toBeNull();
  });

  it("shows where breached tickets waited, and those without a history", async () => {
    await open();
    const waits = screen.getByTestId("breach-waits");
    const row = within(waits).getByText("Awaiting User Info").closest("tr")!;
    expect(row.textContent).toContain("62");
    expect(row.textContent).toContain("44.3%");
    expect(screen.getByTestId("breach-without-history").textContent).toContain("另有 28 张违约工单没有状态历史");
  });

  it("lists the longest tickets against their targets, open ones marked", async () => {
    await open();
    const table = screen.getByTestId("breach-longest");
    expect(screen.getByText("耗时最长的 3 张工单")).toBeTruthy();
    const rows = within(table).getAllByTestId(/^longest-/);
    expect(rows.map((r) => r.getAttribute("data-testid"))).toEqual(["longest-INC0010003", "longest-INC0010001", "longest-INC0010002"]);
    expect(rows[0].querySelector(".badge.open")?.textContent).toBe("未解决");
    expect(rows[0].querySelector("td.over")?.textContent).toBe("41.5");
    expect(rows[0].textContent).toContain("24.0");
    expect(rows[1].querySelector(".badge.open")).toBeNull();
    expect(rows[1].textContent).toContain("2026-07-08 17:40");
  });

  it("measures again without pauses or on another calendar, and drills the same way", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("breach-pauses"));
    await waitFor(() => expect(api.breaches).toHaveBeenLastCalledWith(q3, { calendar: null, pauses: false }));

    const select = (await screen.findByTestId("breach-calendar")) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(["按各质量标准的日历", "24x7", "china"]);
    select.value = "china";
    await fireEvent.change(select);
    await waitFor(() => expect(api.breaches).toHaveBeenLastCalledWith(q3, { calendar: "china", pauses: false }));

    await fireEvent.click(await screen.findByTestId("breach-service-NET"));
    expect(api.drill).toHaveBeenLastCalledWith(q3, { kind: "service", value: 2 }, "resolution_breached", { calendar: "china", pauses: false });
  });

  it("offers no calendar choice when the calendars cannot be listed", async () => {
    vi.mocked(api.calendarsList).mockRejectedValue(new api.ApiError("internal", "unknown command"));
    await open();
    expect(screen.queryByTestId("breach-calendar")).toBeNull();
    expect(screen.getByTestId("breach-pauses")).toBeTruthy();
  });

  it("loads another quarter when the selector changes", async () => {
    await open();
    await fireEvent.change(screen.getByTestId("breach-quarter"), { target: { value: "2026Q2" } });
    await waitFor(() => expect(api.breaches).toHaveBeenLastCalledWith({ year: 2026, q: 2 }, defaults));
  });

  it("says so when the quarter has no breaches", async () => {
    vi.mocked(api.breaches).mockResolvedValue({
      analysis: { ...breachReport.analysis, resolution_breaches: 0, response_breaches: 0, by_service: [], by_priority: [], by_category: [], by_group: [], by_assignee: [], waits: [], without_history: 0, longest: [] },
      longest: [],
    });
    await open();
    expect(screen.getByTestId("breach-none").textContent).toBe("本季度没有解决违约。");
    expect(screen.queryByTestId("breach-all")).toBeNull();
    expect(screen.getByText("本季度没有可列出的工单。")).toBeTruthy();
  });

  it("points an empty workspace at importing", async () => {
    render(Breaches, { props: { info: emptyInfo, quarter: null } });
    expect(screen.getByTestId("breach-empty").textContent).toContain("请先导入数据");
    expect(api.breaches).not.toHaveBeenCalled();
  });

  it("shows an error with its code's heading", async () => {
    vi.mocked(api.breaches).mockRejectedValue(new api.ApiError("db", "database: disk I/O error"));
    render(Breaches, { props: { info, quarter: q3 } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("数据库错误");
  });

  it("reads in English after the switch", async () => {
    i18n.lang = "en";
    const summary = await open();
    expect(screen.getByText("Breach analysis")).toBeTruthy();
    expect(summary.textContent).toContain("Resolution breaches: 168 of 1,200 decided (14.0%) · response breaches: 45");
    expect(screen.getByTestId("breach-by-category").textContent).toContain("(blank)");
  });
});
