import { describe, expect, it } from "vitest";
import { fmtBytes, fmtCount, fmtHours, fmtMinutes, fmtPct, fmtQuarter, oneDecimal, parseQuarterKey, quarterKey } from "../lib/format";

describe("fmtPct matches the core's `fmt_pct` (half away from zero, one decimal)", () => {
  const cases: [number | null | undefined, string][] = [
    [96.25, "96.3%"], // a tie: Rust rounds away from zero, so must we
    [96.3, "96.3%"],
    [96.34999, "96.3%"],
    [96.35, "96.4%"], // 96.35 * 10 = 963.5 exactly in binary arithmetic
    [100, "100.0%"],
    [0, "0.0%"],
    [0.05, "0.1%"],
    [99.95, "100.0%"],
    [33.33333333, "33.3%"],
    [66.66666667, "66.7%"],
    [87.5, "87.5%"],
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"],
    [Number.POSITIVE_INFINITY, "—"],
  ];
  it.each(cases)("%s → %s", (input, expected) => {
    expect(fmtPct(input)).toBe(expected);
  });

  it("agrees with plain toFixed(1) for attainment over up to 1,000 tickets (met × 100 ÷ measured, as the core computes it)", () => {
    const disagreements: string[] = [];
    for (let measured = 1; measured <= 1000; measured++) {
      for (let met = 0; met <= measured; met++) {
        const pct = (met * 100) / measured;
        if (fmtPct(pct) !== `${pct.toFixed(1)}%`) disagreements.push(`${met}/${measured}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("follows the core, not toFixed, on binary near-ties such as 3 of 2,000 (0.15)", () => {
    // 0.15 is stored as 0.1499…; the core multiplies by 10 first (1.5 exactly) and rounds up.
    expect(fmtPct((3 * 100) / 2000)).toBe("0.2%");
    expect(((3 * 100) / 2000).toFixed(1)).toBe("0.1");
  });
});

describe("oneDecimal", () => {
  it.each([
    [-0.01, "0.0"], // never "-0.0"
    [-0.25, "-0.3"], // away from zero on the negative side too
    [-1.24, "-1.2"],
    [3.04, "3.0"],
    [12.45, "12.5"],
  ])("%s → %s", (input, expected) => {
    expect(oneDecimal(input)).toBe(expected);
  });
});

describe("fmtHours", () => {
  it.each([
    [3.04, "3.0"],
    [5.25, "5.3"],
    [31.66, "31.7"],
    [0, "0.0"],
    [null, "—"],
  ])("%s → %s", (input, expected) => {
    expect(fmtHours(input)).toBe(expected);
  });
});

describe("fmtCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [1234567, "1,234,567"],
    [1234.4, "1,234"],
    [-1234, "-1,234"],
    [null, "—"],
  ])("%s → %s", (input, expected) => {
    expect(fmtCount(input)).toBe(expected);
  });
});

describe("durations, quarters and sizes", () => {
  it("writes a minutes target as hours and minutes", () => {
    expect(fmtMinutes(60, "en")).toBe("1 h");
    expect(fmtMinutes(1440, "en")).toBe("24 h");
    expect(fmtMinutes(90, "en")).toBe("1 h 30 min");
    expect(fmtMinutes(45, "en")).toBe("45 min");
    expect(fmtMinutes(60, "zh")).toBe("1 小时");
    expect(fmtMinutes(15, "zh")).toBe("15 分钟");
  });

  it("names a quarter in each language", () => {
    expect(fmtQuarter({ year: 2026, q: 3 }, "zh")).toBe("2026年第3季度");
    expect(fmtQuarter({ year: 2026, q: 3 }, "en")).toBe("2026 Q3");
  });

  it("round-trips a quarter through its key", () => {
    expect(quarterKey({ year: 2025, q: 4 })).toBe("2025Q4");
    expect(parseQuarterKey("2025Q4")).toEqual({ year: 2025, q: 4 });
    expect(parseQuarterKey("2025Q5")).toBeNull();
    expect(parseQuarterKey("")).toBeNull();
  });

  it("writes file sizes", () => {
    expect(fmtBytes(512)).toBe("512 B");
    expect(fmtBytes(2048)).toBe("2.0 KB");
    expect(fmtBytes(2_345_678)).toBe("2.2 MB");
  });
});
