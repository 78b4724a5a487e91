import { describe, expect, it, vi } from "vitest";
import { latestOnly } from "../lib/latest";

const later = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject({ code: "db", message: String(value) }) : resolve(value)), ms));

describe("latestOnly", () => {
  it("keeps only the latest request's answer, however the replies interleave", async () => {
    const run = latestOnly();
    const ok = vi.fn();
    const err = vi.fn();
    const settled = vi.fn();
    const slow = run(() => later(30, "2026Q2"), { ok, err, settled });
    const fast = run(() => later(5, "2026Q3"), { ok, err, settled });
    await Promise.all([slow, fast]);
    expect(ok).toHaveBeenCalledExactlyOnceWith("2026Q3");
    expect(settled).toHaveBeenCalledTimes(1);
    expect(err).not.toHaveBeenCalled();
  });

  it("reports the latest request's error as an ApiError and drops superseded ones", async () => {
    const run = latestOnly();
    const ok = vi.fn();
    const err = vi.fn();
    await Promise.all([
      run(() => later(20, "old", true), { ok, err }),
      run(() => later(5, "new", true), { ok, err }),
    ]);
    expect(err).toHaveBeenCalledTimes(1);
    expect(err.mock.calls[0][0]).toMatchObject({ code: "db", message: "new" });
    expect(ok).not.toHaveBeenCalled();
  });
});
