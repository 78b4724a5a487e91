import { afterEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { MatrixCell } from "../bindings/MatrixCell";
import { fmtMoney } from "../lib/format";
import { i18n } from "../lib/i18n.svelte";
import { cellClasses, cellText, deleteRecord, fmtGain, gainOf, holdsOn, moneyInput, parseMoney, roleName } from "../lib/people";
import { peopleData } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

afterEach(() => {
  i18n.lang = "zh";
});

describe("money", () => {
  it("reads exact cents with two decimals and thousands separators", () => {
    expect(fmtMoney(0)).toBe("¥0.00");
    expect(fmtMoney(5)).toBe("¥0.05");
    expect(fmtMoney(350_050)).toBe("¥3,500.50");
    expect(fmtMoney(1_200_000)).toBe("¥12,000.00");
    expect(fmtMoney(123_456_789)).toBe("¥1,234,567.89");
    expect(fmtMoney(-150)).toBe("-¥1.50");
    expect(fmtMoney(null)).toBe("—");
  });

  it("parses what the user types into cents, refusing more than two decimals", () => {
    expect(parseMoney("")).toBeNull();
    expect(parseMoney("  ")).toBeNull();
    expect(parseMoney("1200")).toBe(120_000);
    expect(parseMoney("1,234.5")).toBe(123_450);
    expect(parseMoney("¥ 0.07")).toBe(7);
    // 0.1 + 0.2 style float errors must not leak into the cents.
    expect(parseMoney("19.99")).toBe(1999);
    expect(parseMoney("12.345")).toBeUndefined();
    expect(parseMoney("-5")).toBeUndefined();
    expect(parseMoney("abc")).toBeUndefined();
    expect(moneyInput(350_050)).toBe("3500.50");
    expect(moneyInput(null)).toBe("");
  });
});

describe("matrix cells", () => {
  const c = (status: MatrixCell["status"], required: number | null, assessed: number | null): MatrixCell => ({ status, required, assessed, assessed_on: null });

  it("classes a gap by how far below the required level it is, at most 3", () => {
    expect(cellClasses(c("met", 3, 4))).toBe("cell cell-met");
    expect(cellClasses(c("gap", 3, 2))).toBe("cell cell-gap gap-1");
    expect(cellClasses(c("gap", 4, 2))).toBe("cell cell-gap gap-2");
    expect(cellClasses(c("gap", 5, 0))).toBe("cell cell-gap gap-3");
    expect(cellClasses(c("not_assessed", 3, null))).toBe("cell cell-not_assessed");
    expect(cellClasses(c("not_required", null, 2))).toBe("cell cell-not_required");
  });

  it("reads assessed/required", () => {
    expect(cellText(c("met", 3, 4))).toBe("4/3");
    expect(cellText(c("not_assessed", 3, null))).toBe("?/3");
    expect(cellText(c("not_required", null, 2))).toBe("2");
    expect(cellText(c("not_required", null, null))).toBe("");
  });
});

describe("helpers", () => {
  it("names a role in the UI language, falling back to the other", () => {
    const r = { ...peopleData.roles[0], name_en: "" };
    expect(roleName(r)).toBe("服务质量经理");
    i18n.lang = "en";
    expect(roleName(peopleData.roles[0])).toBe("Service quality manager");
    expect(roleName(r)).toBe("服务质量经理");
  });

  it("treats an assignment's last day as held", () => {
    const a = { id: 1, staff_id: 1, role_id: 1, from: "2025-01-01", to: "2025-12-31" };
    expect(holdsOn(a, "2024-12-31")).toBe(false);
    expect(holdsOn(a, "2025-01-01")).toBe(true);
    expect(holdsOn(a, "2025-12-31")).toBe(true);
    expect(holdsOn(a, "2026-01-01")).toBe(false);
    expect(holdsOn({ ...a, to: null }, "2030-01-01")).toBe(true);
  });

  it("gains only of attendees who attended with both scores", () => {
    const a = { id: 1, session_id: 1, staff_id: 1, attended: true, pre: 60, post: 72.5 };
    expect(gainOf(a)).toBe(12.5);
    expect(gainOf({ ...a, post: null })).toBeNull();
    expect(gainOf({ ...a, attended: false })).toBeNull();
    expect(fmtGain(12.5)).toBe("+12.5");
    expect(fmtGain(-2)).toBe("-2.0");
    expect(fmtGain(0)).toBe("0.0");
    expect(fmtGain(0.01)).toBe("0.0");
    expect(fmtGain(null)).toBe("—");
  });
});

describe("deleteRecord", () => {
  it("passes on failures other than `in_use` without asking again", async () => {
    vi.mocked(api.confirmNative).mockResolvedValue(true);
    vi.mocked(api.peopleDelete).mockRejectedValue(new api.ApiError("not_found", "course 9"));
    await expect(deleteRecord("course", 9, "x")).rejects.toMatchObject({ code: "not_found" });
    expect(api.confirmNative).toHaveBeenCalledTimes(1);
    expect(api.peopleDelete).toHaveBeenCalledTimes(1);
  });

  it("deletes an unreferenced record after one confirmation, without cascade", async () => {
    vi.mocked(api.confirmNative).mockResolvedValue(true);
    vi.mocked(api.peopleDelete).mockResolvedValue(undefined);
    await expect(deleteRecord("reward", 4, "x")).resolves.toBe(true);
    expect(api.peopleDelete).toHaveBeenCalledWith("reward", 4, false);
    expect(api.confirmNative).toHaveBeenCalledWith("确定删除x吗？", "删除记录", "删除", "取消");
  });
});
