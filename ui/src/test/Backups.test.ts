import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import App from "../App.svelte";
import { i18n } from "../lib/i18n.svelte";
import Backups from "../screens/Backups.svelte";
import { backupOf, backups, dashboard, info } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const BEFORE_RESTORE = "20260928-110540-before-restore.sqm";

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.backupsList).mockResolvedValue(structuredClone(backups));
  vi.mocked(api.backupNow).mockResolvedValue(backupOf("2026-09-30T17:21:07", "manual", 18_939_904));
  vi.mocked(api.backupRestore).mockResolvedValue(backupOf("2026-09-30T17:30:00", "before_restore", 18_939_904));
  vi.mocked(api.confirmNative).mockResolvedValue(true);
  vi.mocked(api.dashboard).mockResolvedValue(dashboard);
});

/** A row's cells, trimmed, joined by " | ". */
const cells = (row: HTMLElement) =>
  [...row.querySelectorAll("td")].map((c) => c.textContent?.trim().replace(/\s+/g, " ")).join(" | ");

async function open(onRestored?: () => Promise<void>) {
  render(Backups, { props: { revision: 0, onRestored } });
  return screen.findByTestId("backups-table");
}

describe("Backups list", () => {
  it("lists the backups newest first with time, translated reason, size and file name", async () => {
    const table = await open();
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(13);
    expect(cells(rows[0])).toBe("2026-09-30 16:12 | 手动 | 18.0 MB | 20260930-161205-manual.sqm | 恢复");
    expect(cells(screen.getByTestId(`backup-row-${BEFORE_RESTORE}`))).toContain("恢复前 | 17.5 MB");
    expect(cells(rows[12])).toBe("2026-05-12 08:03 | 升级前 | 10.8 MB | 20260512-080301-migration.sqm | 恢复");
    expect(screen.getByTestId("backups-count").textContent).toBe("共 13 个备份");
    expect(screen.getByTestId("backups-folder").textContent).toBe("/home/manager/质量/sqm.sqm-backups");
    expect(screen.getByText(/最近的 10 个备份全部保留/)).toBeTruthy();
  });

  it("reads in English", async () => {
    i18n.lang = "en";
    const table = await open();
    expect(cells(within(table).getAllByRole("row")[2])).toBe("2026-09-30 09:30 | Before import | 17.8 MB | 20260930-093012-import.sqm | Restore");
    expect(screen.getByTestId("backups-count").textContent).toBe("13 backups");
  });

  it("says when there are none yet", async () => {
    vi.mocked(api.backupsList).mockResolvedValue([]);
    render(Backups, { props: { revision: 0 } });
    expect((await screen.findByTestId("backups-empty")).textContent).toContain("还没有备份");
    expect(screen.queryByTestId("backups-table")).toBeNull();
  });

  it("backs up now, names the new backup and lists it", async () => {
    await open();
    vi.mocked(api.backupsList).mockResolvedValue([backupOf("2026-09-30T17:21:07", "manual", 18_939_904), ...backups]);
    await fireEvent.click(screen.getByTestId("backup-now"));
    await waitFor(() => expect(api.backupNow).toHaveBeenCalledTimes(1));
    expect((await screen.findByTestId("backups-notice")).textContent).toContain("已备份：20260930-172107-manual.sqm");
    expect(await screen.findByTestId("backup-row-20260930-172107-manual.sqm")).toBeTruthy();
    expect(api.backupsList).toHaveBeenCalledTimes(2);
  });

  it("shows why a backup failed", async () => {
    await open();
    vi.mocked(api.backupNow).mockRejectedValue(new api.ApiError("io", "/home/manager/质量/sqm.sqm-backups: No space left on device"));
    await fireEvent.click(screen.getByTestId("backup-now"));
    expect((await screen.findByRole("alert")).textContent).toContain("No space left on device");
  });
});

describe("Restoring a backup", () => {
  it("asks first, saying the current state is backed up, then restores by name and reloads the workspace", async () => {
    const onRestored = vi.fn(async () => {});
    await open(onRestored);
    await fireEvent.click(screen.getByTestId(`backup-restore-${BEFORE_RESTORE}`));
    await waitFor(() => expect(api.backupRestore).toHaveBeenCalledWith(BEFORE_RESTORE));
    const [message, title, ok] = vi.mocked(api.confirmNative).mock.calls[0];
    expect(message).toContain("2026-09-28 11:05");
    expect(message).toContain(BEFORE_RESTORE);
    expect(message).toContain("恢复前会先把当前状态备份一次");
    expect([title, ok]).toEqual(["恢复备份", "恢复"]);
    await waitFor(() => expect(onRestored).toHaveBeenCalledTimes(1));
    expect((await screen.findByTestId("backups-notice")).textContent).toContain(`已恢复备份 ${BEFORE_RESTORE}（2026-09-28 11:05）`);
    await waitFor(() => expect(api.backupsList).toHaveBeenCalledTimes(2));
  });

  it("sends nothing when the user cancels", async () => {
    const onRestored = vi.fn(async () => {});
    vi.mocked(api.confirmNative).mockResolvedValue(false);
    await open(onRestored);
    await fireEvent.click(screen.getByTestId(`backup-restore-${BEFORE_RESTORE}`));
    await waitFor(() => expect(api.confirmNative).toHaveBeenCalledTimes(1));
    expect(api.backupRestore).not.toHaveBeenCalled();
    expect(onRestored).not.toHaveBeenCalled();
    expect(screen.queryByTestId("backups-notice")).toBeNull();
  });

  it("shows the shell's reason when a backup cannot be restored, and reloads nothing", async () => {
    const onRestored = vi.fn(async () => {});
    vi.mocked(api.backupRestore).mockRejectedValue(new api.ApiError("unopenable", `backup ${BEFORE_RESTORE} is damaged: malformed`));
    await open(onRestored);
    await fireEvent.click(screen.getByTestId(`backup-restore-${BEFORE_RESTORE}`));
    expect((await screen.findByRole("alert")).textContent).toContain("is damaged: malformed");
    expect(onRestored).not.toHaveBeenCalled();
    expect(screen.queryByTestId("backups-notice")).toBeNull();
  });

  it("in the app: 备份 and 审计日志 follow 工作日历 in the navigation and open", async () => {
    vi.mocked(api.appState).mockResolvedValue(info);
    vi.mocked(api.auditList).mockResolvedValue([]);
    render(App);
    await screen.findByTestId("kpi-response-value");
    const ids = [...document.querySelectorAll("nav [data-testid^='nav-']")].map((b) => b.getAttribute("data-testid"));
    expect(ids.slice(ids.indexOf("nav-calendars"), ids.indexOf("nav-calendars") + 3)).toEqual(["nav-calendars", "nav-backups", "nav-audit"]);
    expect(screen.getByTestId("nav-backups").textContent).toContain("备份");
    expect(screen.getByTestId("nav-audit").textContent).toContain("审计日志");
    await fireEvent.click(screen.getByTestId("nav-audit"));
    expect(await screen.findByTestId("audit-empty")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("nav-backups"));
    expect(await screen.findByTestId("backups-table")).toBeTruthy();
  });

  it("in the app: the workspace is read again, so the header shows the restored organisation", async () => {
    vi.mocked(api.appState).mockResolvedValueOnce(info).mockResolvedValue({ ...info, settings: { ...info.settings, organisation: "恢复后的组织" } });
    render(App);
    await screen.findByTestId("kpi-response-value");
    await fireEvent.click(screen.getByTestId("nav-backups"));
    await fireEvent.click(await screen.findByTestId(`backup-restore-${BEFORE_RESTORE}`));
    await waitFor(() => expect(api.backupRestore).toHaveBeenCalledWith(BEFORE_RESTORE));
    await waitFor(() => expect(api.appState).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getByTestId("workspace").textContent).toContain("恢复后的组织"));
    expect((await screen.findByTestId("backups-notice")).textContent).toContain(BEFORE_RESTORE);
  });
});
