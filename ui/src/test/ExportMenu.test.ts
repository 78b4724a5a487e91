// The export buttons: the format menu, the save dialog with a default name, the command with what the
// screen shows, and the error when the shell refuses.

import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import ExportChart from "../components/ExportChart.svelte";
import ExportTable from "../components/ExportTable.svelte";
import { i18n } from "../lib/i18n.svelte";

vi.mock("../api", () => import("./api-mock"));

beforeEach(() => {
  i18n.lang = "zh";
});

function table(): HTMLTableElement {
  const host = document.createElement("div");
  host.innerHTML = `<table><thead><tr><th>服务</th><th>达成率</th></tr></thead>
    <tbody><tr><td>桌面支持</td><td>96.1%</td></tr></tbody></table>`;
  document.body.append(host);
  return host.querySelector("table")!;
}

describe("ExportTable", () => {
  it("exports the table as shown to the file chosen", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/tmp/各服务达成情况-2026Q3.xlsx");
    vi.mocked(api.tableExport).mockResolvedValue("/tmp/各服务达成情况-2026Q3.xlsx");
    render(ExportTable, { props: { table: table(), title: "各服务达成情况", quarter: { year: 2026, q: 3 } } });

    expect(screen.queryByRole("menu")).toBeNull();
    await fireEvent.click(screen.getByTestId("export-table"));
    expect(screen.getByRole("menu")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("export-table-xlsx"));

    await waitFor(() => expect(api.tableExport).toHaveBeenCalled());
    expect(api.pickSavePath).toHaveBeenCalledWith("导出表格", "各服务达成情况-2026Q3.xlsx", [
      { name: "Excel 工作簿", extensions: ["xlsx"] },
    ]);
    expect(api.tableExport).toHaveBeenCalledWith("/tmp/各服务达成情况-2026Q3.xlsx", {
      title: "各服务达成情况",
      columns: ["服务", "达成率"],
      rows: [[{ kind: "text", value: "桌面支持" }, { kind: "number", value: 96.1, format: "percent", decimals: 1 }]],
    });
    const done = await screen.findByTestId("export-table-written");
    vi.mocked(api.openFile).mockResolvedValue(undefined);
    await fireEvent.click(done);
    expect(api.openFile).toHaveBeenCalledWith("/tmp/各服务达成情况-2026Q3.xlsx");
  });

  it("uses the data getter when given one, and does nothing when the dialog is cancelled", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValueOnce(null).mockResolvedValueOnce("/tmp/t.csv");
    vi.mocked(api.tableExport).mockResolvedValue("/tmp/t.csv");
    const data = { title: "t", columns: ["a"], rows: [[{ kind: "empty" as const }]] };
    render(ExportTable, { props: { data: () => data, title: "Services", testid: "x" } });
    await fireEvent.click(screen.getByTestId("x"));
    await fireEvent.click(screen.getByTestId("x-csv"));
    await waitFor(() => expect(api.pickSavePath).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.pickSavePath).mock.calls[0][1]).toBe("Services.csv");
    expect(api.tableExport).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId("x"));
    await fireEvent.click(screen.getByTestId("x-csv"));
    await waitFor(() => expect(api.tableExport).toHaveBeenCalledWith("/tmp/t.csv", data));
  });

  it("shows the shell's error", async () => {
    vi.mocked(api.pickSavePath).mockResolvedValue("/tmp/t.csv");
    vi.mocked(api.tableExport).mockRejectedValue(new api.ApiError("io", "/tmp/t.csv: No space left on device"));
    render(ExportTable, { props: { table: table(), title: "t" } });
    await fireEvent.click(screen.getByTestId("export-table"));
    await fireEvent.click(screen.getByTestId("export-table-csv"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("No space left on device");
    expect(alert.getAttribute("data-code")).toBe("io");
  });
});

describe("ExportChart", () => {
  it("exports the chart's SVG as PNG or SVG", async () => {
    i18n.lang = "en";
    vi.mocked(api.pickSavePath).mockResolvedValue("/tmp/Response.png");
    vi.mocked(api.chartExport).mockResolvedValue("/tmp/Response.png");
    render(ExportChart, { props: { svg: "<svg>…</svg>", title: "Response", quarter: { year: 2026, q: 2 } } });
    expect(screen.getByTestId("export-chart").getAttribute("aria-label")).toBe("Export “Response”");
    await fireEvent.click(screen.getByTestId("export-chart"));
    await fireEvent.click(screen.getByTestId("export-chart-png"));
    await waitFor(() => expect(api.chartExport).toHaveBeenCalledWith("/tmp/Response.png", "<svg>…</svg>"));
    expect(api.pickSavePath).toHaveBeenCalledWith("Export chart", "Response-2026Q2.png", [{ name: "PNG images", extensions: ["png"] }]);
  });

  it("closes the menu on Escape and on a click elsewhere", async () => {
    render(ExportChart, { props: { svg: "<svg/>", title: "c" } });
    await fireEvent.click(screen.getByTestId("export-chart"));
    expect(screen.getByRole("menu")).toBeTruthy();
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    await fireEvent.click(screen.getByTestId("export-chart"));
    await fireEvent.click(document.body);
    expect(screen.queryByRole("menu")).toBeNull();
  });
});

describe("on the dashboard", () => {
  it("exports the per-service table as shown and each chart's SVG", async () => {
    const Dashboard = (await import("../screens/Dashboard.svelte")).default;
    const { dashboard, info } = await import("./fixtures");
    vi.mocked(api.dashboard).mockResolvedValue(dashboard);
    vi.mocked(api.pickSavePath).mockImplementation(async (_title, name) => `/tmp/${name}`);
    vi.mocked(api.tableExport).mockImplementation(async (path) => path);
    vi.mocked(api.chartExport).mockImplementation(async (path) => path);
    render(Dashboard, { props: { info, quarter: { year: 2026, q: 3 } } });

    await fireEvent.click(await screen.findByTestId("export-service-table"));
    await fireEvent.click(screen.getByTestId("export-service-table-xlsx"));
    await waitFor(() => expect(api.tableExport).toHaveBeenCalled());
    const [path, table] = vi.mocked(api.tableExport).mock.calls[0];
    expect(path).toBe("/tmp/各服务指标-2026Q3.xlsx");
    expect(table.title).toBe("各服务指标");
    expect(table.columns[0]).toBe("代码");
    const net = table.rows.find((r) => r[0].kind === "text" && r[0].value === "NET")!;
    expect(net[1]).toEqual({ kind: "text", value: "网络接入" });
    expect(net[2]).toEqual({ kind: "number", value: 640, format: "integer", decimals: 0 });
    expect(net).toContainEqual({ kind: "number", value: 93.1, format: "percent", decimals: 1 });
    expect(table.rows.every((r) => r.length === table.columns.length)).toBe(true);

    await fireEvent.click(screen.getByTestId("export-chart-response_trend"));
    await fireEvent.click(screen.getByTestId("export-chart-response_trend-png"));
    await waitFor(() => expect(api.chartExport).toHaveBeenCalledWith("/tmp/响应达标率趋势-2026Q3.png", dashboard.charts[0].svg));
  });
});
