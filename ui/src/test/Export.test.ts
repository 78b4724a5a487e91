import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { i18n } from "../lib/i18n.svelte";
import Export from "../screens/Export.svelte";
import { emptyInfo, info } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

beforeEach(() => {
  i18n.lang = "zh";
});

describe("Export", () => {
  it("asks where to save, writes the pack, opens it and shows the path", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/tmp/SQM-2026Q2-季度评审.pdf");
    vi.mocked(api.reportExport).mockResolvedValue("/tmp/SQM-2026Q2-季度评审.pdf");
    vi.mocked(api.openFile).mockResolvedValue(undefined);
    render(Export, { props: { info, quarter: { year: 2026, q: 2 } } });

    await fireEvent.click(screen.getByTestId("export-run"));
    await waitFor(() => expect(api.openFile).toHaveBeenCalledWith("/tmp/SQM-2026Q2-季度评审.pdf"));
    expect(api.pickSavePath).toHaveBeenCalledWith("保存季度评审材料", "SQM-2026Q2-季度评审.pdf", [
      { name: "PDF 文件", extensions: ["pdf"] },
    ]);
    expect(api.reportExport).toHaveBeenCalledWith({ year: 2026, q: 2 }, "zh", "/tmp/SQM-2026Q2-季度评审.pdf");
    expect(screen.getByTestId("export-written").textContent).toContain("/tmp/SQM-2026Q2-季度评审.pdf");
  });

  it("names the file in the report's language", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue(null);
    render(Export, { props: { info } });
    await fireEvent.change(screen.getByTestId("export-lang"), { target: { value: "en" } });
    await fireEvent.click(screen.getByTestId("export-run"));
    await waitFor(() => expect(api.pickSavePath).toHaveBeenCalled());
    expect(vi.mocked(api.pickSavePath).mock.calls[0][1]).toBe("SQM-2026Q3-quarterly-review.pdf");
    expect(api.reportExport).not.toHaveBeenCalled();
  });

  it("shows the error when the report cannot be built", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/tmp/x.pdf");
    vi.mocked(api.reportExport).mockRejectedValue(new api.ApiError("report", "report: no tickets in 2026 Q3"));
    render(Export, { props: { info } });
    await fireEvent.click(screen.getByTestId("export-run"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("报告生成失败");
    expect(alert.textContent).toContain("no tickets in 2026 Q3");
    expect(api.openFile).not.toHaveBeenCalled();
  });

  it("explains that an empty workspace has nothing to report", () => {
    render(Export, { props: { info: emptyInfo } });
    expect(screen.queryByTestId("export-run")).toBeNull();
    expect(screen.getByText(/还没有工单数据/)).toBeTruthy();
  });
});
