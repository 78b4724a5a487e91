import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import SettingsDialog from "../components/SettingsDialog.svelte";
import { i18n } from "../lib/i18n.svelte";
import { info } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

beforeEach(() => {
  i18n.lang = "zh";
});

describe("SettingsDialog", () => {
  it("sends the time zone of the imported data", async () => {
    vi.mocked(api.settingsSet).mockImplementation(async (settings) => ({ ...info, settings }));
    const onSaved = vi.fn();
    render(SettingsDialog, { props: { info, onSaved, onCancel: vi.fn() } });

    const tz = screen.getByTestId("settings-time-zone") as HTMLInputElement;
    expect(tz.value).toBe("Asia/Shanghai");
    expect(screen.getByText(/导出文件中的时间不带时区/)).toBeTruthy();
    expect(document.querySelectorAll("#settings-tz-list option").length).toBeGreaterThan(5);
    await fireEvent.input(tz, { target: { value: " Asia/Hong_Kong " } });
    await fireEvent.click(screen.getByTestId("settings-save"));

    await waitFor(() =>
      expect(api.settingsSet).toHaveBeenCalledWith({
        organisation: info.settings.organisation,
        lang: "zh",
        time_zone: "Asia/Hong_Kong",
        pack_names_people: false,
        targets: info.settings.targets,
      }),
    );
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ settings: expect.objectContaining({ time_zone: "Asia/Hong_Kong" }) }));
  });

  it("proposes Asia/Shanghai when the workspace has no zone yet, and requires one", async () => {
    render(SettingsDialog, { props: { info: { ...info, settings: { ...info.settings, time_zone: "" } }, onSaved: vi.fn(), onCancel: vi.fn() } });
    const tz = screen.getByTestId("settings-time-zone") as HTMLInputElement;
    expect(tz.value).toBe("Asia/Shanghai");
    await fireEvent.input(tz, { target: { value: "  " } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(screen.getByText("请填写导入数据的时区。")).toBeTruthy();
    expect(api.settingsSet).not.toHaveBeenCalled();
  });

  it("round-trips whether the pack names people", async () => {
    vi.mocked(api.settingsSet).mockImplementation(async (settings) => ({ ...info, settings }));
    const { unmount } = render(SettingsDialog, { props: { info, onSaved: vi.fn(), onCancel: vi.fn() } });
    const box = screen.getByTestId("settings-pack-names-people") as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(screen.getByText("季度评审材料中按人员列出绩效（默认仅团队）")).toBeTruthy();
    await fireEvent.click(box);
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(api.settingsSet).toHaveBeenCalledWith(expect.objectContaining({ pack_names_people: true })));
    unmount();

    const on = { ...info, settings: { ...info.settings, pack_names_people: true } };
    render(SettingsDialog, { props: { info: on, onSaved: vi.fn(), onCancel: vi.fn() } });
    const again = screen.getByTestId("settings-pack-names-people") as HTMLInputElement;
    expect(again.checked).toBe(true);
    await fireEvent.click(again);
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(api.settingsSet).toHaveBeenLastCalledWith({ ...on.settings, pack_names_people: false }));
  });

  it("shows the core's `invalid` answer for an unknown zone", async () => {
    vi.mocked(api.settingsSet).mockRejectedValue(new api.ApiError("invalid", "unknown time zone \"Mars/Olympus\""));
    render(SettingsDialog, { props: { info, onSaved: vi.fn(), onCancel: vi.fn() } });
    await fireEvent.input(screen.getByTestId("settings-time-zone"), { target: { value: "Mars/Olympus" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect((await screen.findByRole("alert")).textContent).toContain("Mars/Olympus");
  });
});
