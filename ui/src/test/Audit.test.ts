import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { AuditEntry } from "../bindings/AuditEntry";
import { changeText, fmtAuditValue, foldedCount, recordLabel } from "../lib/audit";
import { i18n } from "../lib/i18n.svelte";
import Audit from "../screens/Audit.svelte";
import { auditChanges, auditEntries } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.auditList).mockResolvedValue(structuredClone(auditEntries));
  vi.mocked(api.auditRestore).mockResolvedValue(undefined);
  vi.mocked(api.confirmNative).mockResolvedValue(true);
});

const text = (id: string) => screen.getByTestId(id).textContent?.trim().replace(/\s+/g, " ");
/** A row's cells, trimmed, joined by " | ". */
const cells = (id: string) =>
  [...screen.getByTestId(id).querySelectorAll("td")].map((c) => c.textContent?.trim().replace(/\s+/g, " ")).join(" | ").trim();

async function open(onChanged?: () => Promise<void>) {
  render(Audit, { props: { revision: 0, onChanged } });
  return screen.findByTestId("audit-table");
}

/** `n` entries of one page, ids counting down from `top`. */
function page(top: number, n: number): AuditEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: top - i,
    at: "2026-08-01 10:00:00",
    user: "manager",
    action: "insert",
    record: "attendance",
    record_key: String(top - i),
    changes: auditChanges(null, { id: top - i, attended: 1 }),
    restorable: false,
  }));
}

describe("Audit log", () => {
  it("lists the changes newest first: time, user, action, record type, key, changes", async () => {
    const table = await open();
    expect(api.auditList).toHaveBeenCalledWith(null, null, 200);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(32);
    expect(rows[0].getAttribute("data-testid")).toBe("audit-row-132");
    expect(cells("audit-row-109")).toBe("2026-09-08 16:45:09 | manager | 修改 | 人员 | 8 | team: 网络与基础设施 → 桌面支持 |");
    expect(cells("audit-row-106")).toContain("设置 | organisation | value: 示例集团信息中心 → 示例集团信息技术服务中心");
    expect(text("audit-action-119")).toBe("删除");
    expect(screen.getByTestId("audit-action-119").classList.contains("action-delete")).toBe(true);
    expect(screen.getByTestId("audit-action-108").classList.contains("action-insert")).toBe(true);
    expect(screen.getByTestId("audit-action-109").classList.contains("action-update")).toBe(true);
    expect(cells("audit-row-108")).toContain("成本项 | 6 | amount_cents: 4800000");
    expect(text("audit-count")).toBe("共 32 条。");
    expect(screen.queryByTestId("audit-more")).toBeNull();
  });

  it("formats values: JSON strings without quotes, null and absent as —, empty text as （空）", async () => {
    await open();
    expect(text("audit-change-128-post_score")).toBe("post_score: — → 86.5");
    expect(text("audit-change-131-contact")).toBe("contact: jiang.tao@example.cn → （空）");
    expect(text("audit-change-120-to_date")).toBe("to_date: —");
    expect(text("audit-change-125-name")).toBe("name: 韩雪");
    expect(screen.getByTestId("audit-changes-107").textContent).toContain('value: {"response":{"minutes":60,');
    expect(screen.getByTestId("audit-changes-107").textContent).not.toContain('\\"');
  });

  it("offers undo only on deletions whose row is not back", async () => {
    await open();
    for (const id of [119, 120, 121, 124, 127, 129, 132]) expect(screen.getByTestId(`audit-undo-${id}`)).toBeTruthy();
    expect(screen.queryByTestId("audit-undo-112")).toBeNull(); // rewards 9: inserted again the next day
    expect(screen.queryByTestId("audit-undo-109")).toBeNull();
  });

  it("reads in English", async () => {
    i18n.lang = "en";
    await open();
    expect(cells("audit-row-120")).toContain("li.na | Deleted | Role assignments | 27 |");
    expect(text("audit-change-131-contact")).toBe("contact: jiang.tao@example.cn → (empty)");
    expect(screen.getByTestId("audit-undo-120").textContent?.trim()).toBe("Undo delete");
  });

  it("filters by record type", async () => {
    await open();
    const select = screen.getByTestId("audit-record") as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent?.trim())).toContain("任职记录");
    vi.mocked(api.auditList).mockResolvedValue(auditEntries.filter((e) => e.record === "staff"));
    await fireEvent.change(select, { target: { value: "staff" } });
    await waitFor(() => expect(api.auditList).toHaveBeenLastCalledWith("staff", null, 200));
    await waitFor(() => expect(screen.queryByTestId("audit-row-108")).toBeNull());
    expect(screen.getByTestId("audit-row-109")).toBeTruthy();
    vi.mocked(api.auditList).mockResolvedValue([]);
    await fireEvent.change(select, { target: { value: "benefit_drivers" } });
    expect((await screen.findByTestId("audit-empty")).textContent).toContain("没有该类型记录的改动");
    await fireEvent.change(select, { target: { value: "" } });
    await waitFor(() => expect(api.auditList).toHaveBeenLastCalledWith(null, null, 200));
  });

  it("loads the next page with the last id shown, keeping the filter", async () => {
    vi.mocked(api.auditList).mockResolvedValue(page(900, 200));
    await open();
    await fireEvent.change(screen.getByTestId("audit-record"), { target: { value: "attendance" } });
    await waitFor(() => expect(api.auditList).toHaveBeenLastCalledWith("attendance", null, 200));
    expect(text("audit-count")).toBe("已显示 200 条，更早的记录请点“加载更多”。");
    vi.mocked(api.auditList).mockResolvedValue(page(700, 37));
    await fireEvent.click(await screen.findByTestId("audit-more"));
    await waitFor(() => expect(api.auditList).toHaveBeenLastCalledWith("attendance", 701, 200));
    expect(await screen.findByTestId("audit-row-664")).toBeTruthy();
    expect(screen.getByTestId("audit-row-900")).toBeTruthy();
    expect(text("audit-count")).toBe("共 237 条。");
    expect(screen.queryByTestId("audit-more")).toBeNull();
  });

  it("folds a long deletion behind 'n more' and unfolds it", async () => {
    await open();
    const folded = screen.getByTestId("audit-changes-132").querySelectorAll("li").length;
    expect(folded).toBeLessThan(11);
    expect(text("audit-fold-132")).toBe(`另有 ${11 - folded} 项…`);
    await fireEvent.click(screen.getByTestId("audit-fold-132"));
    expect(screen.getByTestId("audit-changes-132").querySelectorAll("li")).toHaveLength(11);
    expect(text("audit-fold-132")).toBe("收起");
    expect(screen.queryByTestId("audit-fold-130")).toBeNull();
  });
});

describe("Undo delete", () => {
  it("asks, restores by id, says so and reloads", async () => {
    const onChanged = vi.fn(async () => {});
    await open(onChanged);
    await fireEvent.click(screen.getByTestId("audit-undo-119"));
    await waitFor(() => expect(api.auditRestore).toHaveBeenCalledWith(119));
    const [message, title, ok] = vi.mocked(api.confirmNative).mock.calls[0];
    expect(message).toContain("“人员”记录（键 11，2026-09-24 14:02:18 由 li.na 删除）");
    expect([title, ok]).toEqual(["撤销删除", "撤销删除"]);
    expect((await screen.findByTestId("audit-notice")).textContent).toContain("已恢复被删除的“人员”记录（键 11）");
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(api.auditList).toHaveBeenCalledTimes(2));
    expect(api.auditList).toHaveBeenLastCalledWith(null, null, 200);
  });

  it("sends nothing when the user cancels", async () => {
    vi.mocked(api.confirmNative).mockResolvedValue(false);
    await open();
    await fireEvent.click(screen.getByTestId("audit-undo-127"));
    await waitFor(() => expect(api.confirmNative).toHaveBeenCalledTimes(1));
    expect(api.auditRestore).not.toHaveBeenCalled();
    expect(api.auditList).toHaveBeenCalledTimes(1);
  });

  it("shows the shell's message when the row needs what it belonged to first", async () => {
    const message =
      "invalid: cannot restore this role_assignments row: FOREIGN KEY constraint failed — restore what it belongs to first (it was deleted with it), or it exists again";
    vi.mocked(api.auditRestore).mockRejectedValue(new api.ApiError("invalid", message));
    const onChanged = vi.fn(async () => {});
    await open(onChanged);
    await fireEvent.click(screen.getByTestId("audit-undo-120"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(message);
    expect(text("audit-undo-refused")).toContain("请先撤销那条删除");
    expect(onChanged).not.toHaveBeenCalled();
    expect(screen.queryByTestId("audit-notice")).toBeNull();
  });
});

describe("Export", () => {
  afterEach(() => vi.mocked(api.pickSavePath).mockReset());

  it("asks where (CSV or XLSX) and writes the log there", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/home/manager/审计日志.xlsx");
    vi.mocked(api.auditExport).mockImplementation(async (path) => path);
    await open();
    await fireEvent.click(screen.getByTestId("audit-export"));
    await waitFor(() => expect(api.auditExport).toHaveBeenCalledWith("/home/manager/审计日志.xlsx"));
    const [, name, filters] = vi.mocked(api.pickSavePath).mock.calls[0];
    expect(name).toBe("SQM-审计日志.csv");
    expect(filters.map((f) => f.extensions)).toEqual([["csv"], ["xlsx"]]);
    expect((await screen.findByTestId("audit-notice")).textContent).toContain("审计日志已导出到 /home/manager/审计日志.xlsx");
  });

  it("writes nothing when the dialog is cancelled, and shows a failure", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue(null);
    await open();
    await fireEvent.click(screen.getByTestId("audit-export"));
    await waitFor(() => expect(api.pickSavePath).toHaveBeenCalledTimes(1));
    expect(api.auditExport).not.toHaveBeenCalled();

    vi.mocked(api.pickSavePath).mockResolvedValue("/readonly/audit.csv");
    vi.mocked(api.auditExport).mockRejectedValue(new api.ApiError("io", "/readonly/audit.csv: Permission denied"));
    await fireEvent.click(screen.getByTestId("audit-export"));
    expect((await screen.findByRole("alert")).textContent).toContain("Permission denied");
  });
});

describe("audit formatting", () => {
  afterEach(() => {
    i18n.lang = "zh";
  });

  it("reads JSON values as typed", () => {
    expect(fmtAuditValue('"桌面支持"')).toBe("桌面支持");
    expect(fmtAuditValue('"say \\"hi\\""')).toBe('say "hi"');
    expect(fmtAuditValue("null")).toBe("—");
    expect(fmtAuditValue(null)).toBe("—");
    expect(fmtAuditValue('""')).toBe("（空）");
    expect(fmtAuditValue("4800000")).toBe("4800000");
    expect(fmtAuditValue("86.5")).toBe("86.5");
    expect(fmtAuditValue("true")).toBe("true");
    expect(fmtAuditValue('["Pending", "等待客户"]')).toBe('["Pending","等待客户"]');
    expect(fmtAuditValue("not json")).toBe("not json");
  });

  it("puts a change on one line by action", () => {
    const c = { field: "team", old: '"网络与基础设施"', new: '"桌面支持"' };
    expect(changeText("update", c)).toBe("team: 网络与基础设施 → 桌面支持");
    expect(changeText("insert", { field: "to_date", old: null, new: "null" })).toBe("to_date: —");
    expect(changeText("delete", { field: "name", old: '"褚明"', new: null })).toBe("name: 褚明");
  });

  it("names record types in both languages and keeps unknown ones", () => {
    expect(recordLabel("role_assignments")).toBe("任职记录");
    i18n.lang = "en";
    expect(recordLabel("cost_items")).toBe("Cost items");
    expect(recordLabel("tickets")).toBe("tickets");
  });

  it("folds inserts and deletes by length, never updates", () => {
    const many = auditChanges(null, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`field_${i}`, "a value of some length"])));
    expect(foldedCount("insert", many)).toBeLessThan(12);
    expect(foldedCount("insert", many)).toBeGreaterThanOrEqual(3);
    expect(foldedCount("update", many)).toBe(12);
    expect(foldedCount("delete", many.slice(0, 3))).toBe(3);
  });
});
