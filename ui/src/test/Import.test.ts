import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import type { ImportReport } from "../bindings/ImportReport";
import type { Progress } from "../bindings/Progress";
import { i18n } from "../lib/i18n.svelte";
import Import from "../screens/Import.svelte";
import { workspace } from "../lib/workspace.svelte";
import { info as workspaceInfo, preview, report, rowErrors } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const PATH = "/home/manager/exports/incident.csv";
const noOptions = { format: null, date_format: null, mapping: null, valid_rows_only: false };

let emitProgress: (p: Progress) => void = () => {};
const stopListening = vi.fn();

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.pickFile).mockResolvedValue(PATH);
  vi.mocked(api.importPreview).mockResolvedValue(preview);
  vi.mocked(api.onImportProgress).mockImplementation(async (cb) => {
    emitProgress = cb;
    return stopListening;
  });
});

async function openPreview() {
  render(Import, { props: { onImported: vi.fn() } });
  await fireEvent.click(screen.getByTestId("import-choose"));
  return screen.findByTestId("import-preview");
}

describe("Import", () => {
  it("lists the workspace's import history before a file is chosen", async () => {
    workspace.set({
      ...workspaceInfo,
      imports: [{ ...report.run, file_name: "incident-2026Q3.csv", rows_added: 24918, sha256: "ab".repeat(32) }],
    });
    render(Import, { props: { onImported: vi.fn() } });
    const history = await screen.findByTestId("import-history");
    expect(history.textContent).toContain("incident-2026Q3.csv");
    expect(history.textContent).toContain("24,918");
    expect(history.textContent).toContain("abababababab");
    workspace.set(null);
  });

  it("previews the chosen file: format, date assumption, mapping and sample rows", async () => {
    await openPreview();
    expect(api.pickFile).toHaveBeenCalledWith("选择要导入的导出文件", [{ name: "CSV 文件", extensions: ["csv", "CSV"] }]);
    expect(api.importPreview).toHaveBeenCalledWith(PATH, noOptions);

    expect(screen.getByTestId("import-format").textContent).toContain("ServiceNow incident list (field names)");
    expect(screen.getByTestId("import-event-log").textContent).toBe("否");
    expect(screen.getByTestId("import-date").textContent).toContain("假定为 DD-MM-YYYY HH:MM");
    expect(screen.getByTestId("import-date").textContent).toContain("day-first assumed");
    expect(screen.getByTestId("import-date-ambiguous")).toBeTruthy();

    expect((screen.getByTestId("mapping-key") as HTMLSelectElement).value).toBe("number");
    expect((screen.getByTestId("mapping-opened") as HTMLSelectElement).value).toBe("opened_at");
    expect((screen.getByTestId("mapping-category") as HTMLSelectElement).value).toBe("");

    const sample = screen.getByTestId("sample-table");
    expect(within(sample).getAllByRole("columnheader").map((th) => th.textContent)).toEqual([
      "工单编号",
      "创建时间",
      "解决时间",
      "优先级",
      "服务",
      "处理人",
    ]);
    expect(sample.textContent).toContain("INC0000002");
  });

  it("previews again with the format the user forces, and back to detection", async () => {
    await openPreview();
    await fireEvent.change(screen.getByTestId("import-format-select"), { target: { value: "jira" } });
    await waitFor(() => expect(api.importPreview).toHaveBeenLastCalledWith(PATH, { ...noOptions, format: "jira" }));
    await fireEvent.change(screen.getByTestId("import-format-select"), { target: { value: "" } });
    await waitFor(() => expect(api.importPreview).toHaveBeenLastCalledWith(PATH, noOptions));
  });

  it("previews again with the date order the user chose", async () => {
    await openPreview();
    await fireEvent.change(screen.getByTestId("import-date-select"), { target: { value: "MDY" } });
    await waitFor(() => expect(api.importPreview).toHaveBeenLastCalledWith(PATH, { ...noOptions, date_format: "MDY" }));
  });

  it("previews again with the edited mapping, and saves it", async () => {
    await openPreview();
    await fireEvent.change(screen.getByTestId("mapping-category"), { target: { value: "priority" } });
    await waitFor(() => expect(api.importPreview).toHaveBeenCalledTimes(2));
    const options = vi.mocked(api.importPreview).mock.calls[1][1];
    expect(options.format).toBe("service_now");
    expect(options.mapping?.columns).toContainEqual({ field: "category", column: "priority" });
    expect(options.mapping?.columns).toContainEqual({ field: "key", column: "number" });

    vi.mocked(api.mappingSave).mockResolvedValue(undefined);
    await fireEvent.click(screen.getByTestId("mapping-save"));
    await waitFor(() => expect(api.mappingSave).toHaveBeenCalledWith(preview.headers, "service_now", options.mapping));
    expect(await screen.findByText(/列映射已保存/)).toBeTruthy();
  });

  it("shows progress while importing, then the result with every rejected row", async () => {
    let finish: (r: ImportReport) => void = () => {};
    vi.mocked(api.importRun).mockReturnValue(new Promise((resolve) => (finish = resolve)));
    const onImported = vi.fn();
    render(Import, { props: { onImported } });
    await fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-preview");

    await fireEvent.click(screen.getByTestId("import-valid-only"));
    await fireEvent.click(screen.getByTestId("import-run"));
    await screen.findByTestId("import-progress");
    expect(api.importRun).toHaveBeenCalledWith(PATH, { ...noOptions, valid_rows_only: true });

    emitProgress({ rows: 20000, bytes: 1_172_839, total_bytes: 2_345_678, rows_per_sec: 41234.6, phase: "write" });
    await waitFor(() =>
      expect(screen.getByTestId("import-progress-text").textContent).toBe("20,000 行 · 每秒 41,235 行"),
    );
    const bar = screen.getByTestId("import-progress").querySelector("progress")!;
    expect(bar.getAttribute("value")).toBe("1172839");
    expect(bar.getAttribute("max")).toBe("2345678");
    expect(screen.getByTestId("import-progress").textContent).toContain("写入工单");
    expect(screen.getByTestId("import-progress").textContent).toContain("50.0%");

    finish(report);
    const result = await screen.findByTestId("import-report");
    expect(screen.getByTestId("import-added").textContent).toBe("24,918");
    expect(screen.getByTestId("import-updated").textContent).toBe("80");
    expect(screen.getByTestId("import-rejected-count").textContent).toBe("2");
    expect(screen.getByTestId("import-services-created").textContent).toBe("EMAIL、NET");
    const rows = within(result).getByTestId("row-errors").querySelectorAll("li");
    expect([...rows].map((li) => li.textContent)).toEqual([
      "incident.csv:17:2: opened: '31-31-2016 10:00' is not a date in DD-MM-YYYY HH:MM",
      "incident.csv:42:1: key: empty",
    ]);
    expect(onImported).toHaveBeenCalledWith(report);
    expect(stopListening).toHaveBeenCalled();
  });

  it("says nothing was written when rows are rejected, lists them, and retries with the valid rows only", async () => {
    vi.mocked(api.importRun)
      .mockRejectedValueOnce(
        new api.ApiError("rejected_rows", "2 rows rejected, nothing imported; first: incident.csv:17:2: …", rowErrors),
      )
      .mockResolvedValueOnce(report);
    const onImported = vi.fn();
    render(Import, { props: { onImported } });
    await fireEvent.click(screen.getByTestId("import-choose"));
    await screen.findByTestId("import-preview");

    await fireEvent.click(screen.getByTestId("import-run"));
    const rejected = await screen.findByTestId("import-rejected");
    expect(rejected.textContent).toContain("没有写入任何数据");
    expect(rejected.textContent).toContain("2 rows rejected");
    expect(within(rejected).getAllByRole("listitem")[1].textContent).toBe("incident.csv:42:1: key: empty");
    expect(onImported).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId("import-retry-valid"));
    await screen.findByTestId("import-report");
    expect(api.importRun).toHaveBeenLastCalledWith(PATH, { ...noOptions, valid_rows_only: true });
    expect(onImported).toHaveBeenCalled();
  });

  it("reads a rejected_rows error straight from the IPC shape", async () => {
    vi.mocked(api.importRun).mockRejectedValueOnce(
      api.toApiError({ code: "rejected_rows", message: "1 rows rejected, nothing imported", rows: [rowErrors[0]] }),
    );
    await openPreview();
    await fireEvent.click(screen.getByTestId("import-run"));
    const rejected = await screen.findByTestId("import-rejected");
    expect(within(rejected).getAllByRole("listitem")).toHaveLength(1);
  });

  it("shows a file it cannot read as an error, by code", async () => {
    vi.mocked(api.importPreview).mockRejectedValueOnce(
      new api.ApiError("import", "notes.csv: not a known export. Expected columns — …"),
    );
    render(Import);
    await fireEvent.click(screen.getByTestId("import-choose"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("无法导入该文件");
    expect(alert.textContent).toContain("not a known export");
  });

  it("does nothing when the file dialog is cancelled", async () => {
    vi.mocked(api.pickFile).mockResolvedValueOnce(null);
    render(Import);
    await fireEvent.click(screen.getByTestId("import-choose"));
    expect(api.importPreview).not.toHaveBeenCalled();
  });
});
