import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import App from "../App.svelte";
import { i18n } from "../lib/i18n.svelte";
import { feedbackData } from "../dev/mock-feedback";
import { dashboard, info, peopleData, services } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.dashboard).mockResolvedValue(dashboard);
  vi.mocked(api.servicesList).mockResolvedValue(services);
  vi.mocked(api.people).mockResolvedValue(peopleData);
});

describe("App", () => {
  it("opens on the dashboard of the current workspace and moves between screens", async () => {
    vi.mocked(api.appState).mockResolvedValue(info);
    render(App);

    expect((await screen.findByTestId("kpi-response-value")).textContent).toBe("96.3%");
    expect(screen.getByTestId("workspace").textContent).toContain("示例集团信息中心");
    expect((screen.getByTestId("quarter-select") as HTMLSelectElement).value).toBe("2026Q3");

    await fireEvent.click(screen.getByTestId("nav-services"));
    expect(await screen.findByTestId("services-row-EMAIL")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("nav-people"));
    expect(screen.getByTestId("nav-people").textContent).toContain("人员");
    expect(await screen.findByTestId("role-SQM")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("nav-import"));
    expect(screen.getByTestId("import-choose")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("nav-export"));
    expect((screen.getByTestId("export-quarter") as HTMLSelectElement).value).toBe("2026Q3");
    await fireEvent.click(screen.getByTestId("nav-dashboard"));
    expect(await screen.findByTestId("kpi-response-value")).toBeTruthy();
  });

  it("opens the Feedback and Improvement screens on the quarter on screen", async () => {
    vi.mocked(api.appState).mockResolvedValue(info);
    vi.mocked(api.feedback).mockResolvedValue(feedbackData);
    render(App);
    await screen.findByTestId("kpi-response-value");

    await fireEvent.click(screen.getByTestId("nav-feedback"));
    expect(screen.getByTestId("nav-feedback").textContent).toContain("反馈");
    expect(await screen.findByTestId("sat-table")).toBeTruthy();
    expect(api.feedback).toHaveBeenLastCalledWith({ year: 2026, q: 3 });
    await fireEvent.click(screen.getByTestId("nav-improvement"));
    expect(screen.getByTestId("nav-improvement").textContent).toContain("持续改进");
    expect(await screen.findByTestId("meetings-table")).toBeTruthy();
  });

  it("switches the interface to English", async () => {
    vi.mocked(api.appState).mockResolvedValue(info);
    render(App);
    await screen.findByTestId("kpi-response-value");
    await fireEvent.click(screen.getByTestId("lang-en"));
    expect(screen.getByTestId("nav-dashboard").textContent).toContain("Dashboard");
    await waitFor(() => expect(api.dashboard).toHaveBeenLastCalledWith({ year: 2026, q: 3 }, "en"));
  });

  it("welcomes a user with no workspace and opens the demo", async () => {
    vi.mocked(api.appState).mockResolvedValue(null);
    vi.mocked(api.workspaceOpenDemo).mockResolvedValue(info);
    render(App);
    const welcome = await screen.findByTestId("welcome");
    expect(welcome.textContent).toContain("没有打开的工作区");
    await fireEvent.click(screen.getByText("打开演示工作区"));
    expect((await screen.findByTestId("kpi-response-value")).textContent).toBe("96.3%");
  });

  it("creates a new workspace from the File menu", async () => {
    vi.mocked(api.appState).mockResolvedValue(info);
    vi.mocked(api.pickSavePath).mockResolvedValue("/home/manager/new.sqm");
    vi.mocked(api.workspaceNew).mockResolvedValue({ ...info, path: "/home/manager/new.sqm", quarters: [], latest_quarter: null });
    render(App);
    await screen.findByTestId("kpi-response-value");

    await fireEvent.click(screen.getByTestId("file-menu"));
    await fireEvent.click(screen.getByTestId("file-new"));
    await waitFor(() => expect(api.workspaceNew).toHaveBeenCalledWith("/home/manager/new.sqm"));
    expect(await screen.findByTestId("dashboard-empty")).toBeTruthy();
    expect(screen.getByTestId("workspace").textContent).toContain("/home/manager/new.sqm");
  });

  it("edits the organisation name in the settings dialog", async () => {
    vi.mocked(api.appState).mockResolvedValue(info);
    vi.mocked(api.settingsSet).mockImplementation(async (settings) => ({ ...info, settings }));
    render(App);
    await screen.findByTestId("kpi-response-value");

    await fireEvent.click(screen.getByTestId("file-menu"));
    await fireEvent.click(screen.getByTestId("file-settings"));
    await fireEvent.input(screen.getByTestId("settings-organisation"), { target: { value: "市政务服务中心" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(screen.getByTestId("workspace").textContent).toContain("市政务服务中心"));
    expect(api.settingsSet).toHaveBeenCalledWith({
      organisation: "市政务服务中心",
      lang: "zh",
      time_zone: "Asia/Shanghai",
      pack_names_people: false,
      targets: info.settings.targets,
    });
  });
});
