import { afterEach, describe, expect, it } from "vitest";
import { compareRows, drillHint, matchesFilter, scopeLabel, toCsv } from "../lib/drill";
import { i18n } from "../lib/i18n.svelte";
import { ticketRows } from "./fixtures";

afterEach(() => {
  i18n.lang = "zh";
});

describe("drill helpers", () => {
  it("name every scope", () => {
    expect(scopeLabel({ kind: "overall" })).toBe("全部服务");
    expect(scopeLabel({ kind: "service", value: 2 }, "NET")).toBe("NET");
    expect(scopeLabel({ kind: "priority", value: null })).toBe("（无优先级）");
    expect(scopeLabel({ kind: "group", value: "服务台" })).toBe("处理组：服务台");
    i18n.lang = "en";
    expect(scopeLabel({ kind: "assignee", value: null })).toBe("Assignee: (blank)");
    expect(drillHint({ scope: { kind: "overall" }, measure: "resolution_running", label: "All services" }, 1234)).toBe(
      "Show the tickets: All services · Resolution still running (1,234)",
    );
  });

  it("sort nulls last in both directions", () => {
    const [withAssignee, , without] = ticketRows;
    expect(compareRows(withAssignee, without, "assignee", 1)).toBeLessThan(0);
    expect(compareRows(withAssignee, without, "assignee", -1)).toBeLessThan(0);
    expect(compareRows(ticketRows[0], ticketRows[1], "business_hours", -1)).toBeLessThan(0);
  });

  it("filter case-insensitively over the text columns", () => {
    expect(ticketRows.filter((r) => matchesFilter(r, "  net ")).map((r) => r.key)).toEqual(["INC0010001", "INC0010002"]);
    expect(ticketRows.filter((r) => matchesFilter(r, "")).length).toBe(ticketRows.length);
  });

  it("quote CSV cells that need it", () => {
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], ["line\nbreak", "plain"]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",plain\r\n');
  });
});
