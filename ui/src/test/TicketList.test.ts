import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import TicketList from "../components/TicketList.svelte";
import type { DrillRequest } from "../lib/drill";
import { i18n } from "../lib/i18n.svelte";
import { drillResult, ticketRows } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const q3 = { year: 2026, q: 3 };
const request: DrillRequest = { scope: { kind: "service", value: 2 }, measure: "resolution_breached", label: "NET" };

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.drill).mockReset().mockResolvedValue(drillResult);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function show(onClose = vi.fn()) {
  render(TicketList, { props: { quarter: q3, request, onClose } });
  await screen.findByTestId("tickets-table");
  return onClose;
}

const keys = () => screen.getAllByTestId(/^ticket-INC/).map((tr) => tr.getAttribute("data-testid")!.slice("ticket-".length));

describe("TicketList", () => {
  it("asks for the tickets and titles the dialog with what was clicked", async () => {
    await show();
    expect(api.drill).toHaveBeenCalledWith(q3, { kind: "service", value: 2 }, "resolution_breached", null);
    expect(screen.getByRole("dialog").textContent).toContain("NET · 解决违约 · 2026年第3季度");
    expect(keys()).toEqual(ticketRows.map((r) => r.key));
  });

  it("shows the outcomes as badges, open tickets and times over the target", async () => {
    await show();
    const row = screen.getByTestId("ticket-INC0010001");
    const badges = [...row.querySelectorAll(".badge")].map((b) => b.textContent);
    expect(badges).toEqual(["达标", "违约"]);
    expect(row.textContent).toContain("29.4");
    expect(row.querySelector("td.over")?.textContent).toBe("29.4");
    // Still open, outcome not decided.
    const open = screen.getByTestId("ticket-INC0010005");
    expect(open.querySelector(".badge.open")?.textContent).toBe("未解决");
    expect(open.textContent).toContain("—");
  });

  it("says when the list holds only the first rows", async () => {
    vi.mocked(api.drill).mockResolvedValue({ total: 1234, rows: ticketRows });
    await show();
    expect(screen.getByTestId("tickets-count").textContent).toContain("共 1,234 张工单");
    expect(screen.getByTestId("tickets-count").textContent).toContain("仅列出前 5 张");
  });

  it("sorts by a column, hours longest first, then the other way", async () => {
    await show();
    const head = screen.getByTestId("tickets-sort-business_hours");
    await fireEvent.click(head);
    expect(keys()).toEqual(["INC0010003", "INC0010001", "INC0010002", "INC0010004", "INC0010005"]);
    expect(head.closest("th")!.getAttribute("aria-sort")).toBe("descending");
    await fireEvent.click(head);
    expect(keys()).toEqual(["INC0010005", "INC0010004", "INC0010002", "INC0010001", "INC0010003"]);
    expect(head.closest("th")!.getAttribute("aria-sort")).toBe("ascending");
  });

  it("sorts text columns with blanks last, and breaches before met", async () => {
    await show();
    await fireEvent.click(screen.getByTestId("tickets-sort-assignee"));
    // 李 (li), 王 (wang), 张 (zhang), 赵 (zhao), then the ticket without an assignee.
    expect(keys()).toEqual(["INC0010001", "INC0010005", "INC0010004", "INC0010002", "INC0010003"]);
    await fireEvent.click(screen.getByTestId("tickets-sort-resolution_met"));
    expect(keys().slice(0, 3).sort()).toEqual(["INC0010001", "INC0010002", "INC0010003"]);
    expect(keys()[3]).toBe("INC0010004");
    expect(keys()[4]).toBe("INC0010005");
  });

  it("filters on the text columns", async () => {
    await show();
    await fireEvent.input(screen.getByTestId("tickets-filter"), { target: { value: "网络运维" } });
    expect(keys()).toEqual(["INC0010001", "INC0010002"]);
    expect(screen.getByTestId("tickets-count").textContent).toContain("筛选后 2 张");
    await fireEvent.input(screen.getByTestId("tickets-filter"), { target: { value: "awaiting" } });
    expect(keys()).toEqual(["INC0010005"]);
    await fireEvent.input(screen.getByTestId("tickets-filter"), { target: { value: "nothing like it" } });
    expect(screen.queryAllByTestId(/^ticket-INC/)).toHaveLength(0);
    expect(screen.getByText("没有符合筛选条件的工单。")).toBeTruthy();
  });

  it("copies the rows shown as CSV", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    await show();
    await fireEvent.input(screen.getByTestId("tickets-filter"), { target: { value: "INC0010001" } });
    await fireEvent.click(screen.getByTestId("tickets-copy"));
    await waitFor(() => expect(writeText).toHaveBeenCalled());
    const lines = (writeText.mock.calls[0][0] as string).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0].startsWith("单号,服务,优先级,分类,创建时间,解决时间,工作时长 (小时),目标 (小时),响应,解决")).toBe(true);
    expect(lines[1]).toBe("INC0010001,NET,2 - High,网络,2026-07-03 09:15,2026-07-08 17:40,29.4,16.0,达标,违约,3.5,china,李强,网络运维组,Closed");
    expect(await screen.findByText("已复制 1 行")).toBeTruthy();
  });

  it("says so when there are no tickets", async () => {
    vi.mocked(api.drill).mockResolvedValue({ total: 0, rows: [] });
    render(TicketList, { props: { quarter: q3, request, onClose: vi.fn() } });
    expect((await screen.findByTestId("tickets-empty")).textContent).toBe("没有工单。");
  });

  it("shows an error with its heading", async () => {
    vi.mocked(api.drill).mockRejectedValue(new api.ApiError("no_workspace", "no workspace is open"));
    render(TicketList, { props: { quarter: q3, request, onClose: vi.fn() } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("no workspace is open");
  });

  it("closes with Escape and the close button", async () => {
    const onClose = await show();
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
    await fireEvent.click(within(screen.getByRole("dialog")).getByTestId("tickets-close"));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("reads in English after the switch", async () => {
    i18n.lang = "en";
    await show();
    expect(screen.getByRole("dialog").textContent).toContain("NET · Resolution breached · 2026 Q3");
    expect(screen.getByTestId("tickets-count").textContent).toContain("Tickets: 5");
    expect(screen.getByTestId("ticket-INC0010002").textContent).toContain("Breached");
  });
});
