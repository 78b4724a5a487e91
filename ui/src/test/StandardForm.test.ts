import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import StandardForm from "../components/StandardForm.svelte";
import { i18n } from "../lib/i18n.svelte";
import Services from "../screens/Services.svelte";
import { calendars, services } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.calendarsList).mockResolvedValue(calendars);
});

const emailDefault = services[0].standards[0];

describe("StandardForm", () => {
  it("starts a new version from the version in force, effective today, and creates it", async () => {
    vi.mocked(api.standardCreate).mockImplementation(async (input) => ({ id: 99, ...input }));
    const template = { ...emailDefault, calendar: "china", resolution_minutes: 480, pause_states: ["Pending"] };
    render(StandardForm, { props: { serviceId: 1, template, onSaved: vi.fn(), onCancel: vi.fn() } });
    await waitFor(() => expect((screen.getByTestId("standard-calendar") as HTMLSelectElement).value).toBe("china"));
    const effective = screen.getByTestId("standard-effective") as HTMLInputElement;
    expect(effective.value).not.toBe(emailDefault.effective_from);
    await fireEvent.input(screen.getByTestId("standard-resolution-h"), { target: { value: "4" } });
    await fireEvent.click(screen.getByTestId("standard-save"));
    await waitFor(() => expect(api.standardCreate).toHaveBeenCalled());
    const sent = vi.mocked(api.standardCreate).mock.calls[0][0];
    expect(sent).toMatchObject({ calendar: "china", resolution_minutes: 240, pause_states: ["Pending"], effective_from: effective.value });
    expect(api.standardUpdate).not.toHaveBeenCalled();
  });

  it("offers the workspace's calendars and sends the chosen calendar and pause states", async () => {
    vi.mocked(api.standardUpdate).mockImplementation(async (id, input) => ({ id, ...input }));
    const onSaved = vi.fn();
    render(StandardForm, { props: { serviceId: 1, standard: emailDefault, onSaved, onCancel: vi.fn() } });

    const select = screen.getByTestId("standard-calendar") as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(4));
    expect([...select.options].map((o) => o.textContent?.trim())).toEqual([
      "24×7（全天候）",
      "中国大陆工作日历",
      "深圳运维",
      "London desk",
    ]);
    expect(select.value).toBe("24x7");
    await fireEvent.change(select, { target: { value: "china" } });

    const pauses = screen.getByTestId("standard-pauses");
    expect(pauses.textContent).toContain("Awaiting User Info");
    await fireEvent.click(within(pauses).getByRole("button", { name: "删除状态 Pending" }));
    // Several states at once, comma-separated (either comma); one already listed in another case.
    await fireEvent.input(screen.getByTestId("standard-pause-input"), { target: { value: "等待第三方，On Hold, awaiting user info" } });
    await fireEvent.click(screen.getByTestId("standard-pause-add"));
    await fireEvent.input(screen.getByTestId("standard-pause-input"), { target: { value: "Awaiting Vendor" } });
    await fireEvent.keyDown(screen.getByTestId("standard-pause-input"), { key: "Enter" });
    expect(api.standardUpdate).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId("standard-save"));
    await waitFor(() =>
      expect(api.standardUpdate).toHaveBeenCalledWith(11, {
        service_id: 1,
        priority: null,
        effective_from: "2025-01-01",
        response_minutes: 60,
        response_required_pct: 95,
        resolution_minutes: 1440,
        resolution_required_pct: 90,
        satisfaction_target_pct: 80,
        calendar: "china",
        pause_states: ["Awaiting User Info", "等待第三方", "On Hold", "Awaiting Vendor"],
      }),
    );
    expect(onSaved).toHaveBeenCalled();
  });

  it("may stop pausing altogether", async () => {
    vi.mocked(api.standardUpdate).mockImplementation(async (id, input) => ({ id, ...input }));
    render(StandardForm, { props: { serviceId: 1, standard: emailDefault, onSaved: vi.fn(), onCancel: vi.fn() } });
    const pauses = screen.getByTestId("standard-pauses");
    await fireEvent.click(within(pauses).getByRole("button", { name: "删除状态 Awaiting User Info" }));
    await fireEvent.click(within(pauses).getByRole("button", { name: "删除状态 Pending" }));
    expect(pauses.textContent).toContain("不暂停计时");
    await fireEvent.click(screen.getByTestId("standard-save"));
    await waitFor(() => expect(api.standardUpdate).toHaveBeenCalledWith(11, expect.objectContaining({ pause_states: [] })));
  });

  it("keeps a standard's calendar selectable before the list arrives", async () => {
    vi.mocked(api.calendarsList).mockReturnValue(new Promise(() => {}));
    render(StandardForm, {
      props: { serviceId: 1, standard: { ...emailDefault, calendar: "深圳运维" }, onSaved: vi.fn(), onCancel: vi.fn() },
    });
    const select = screen.getByTestId("standard-calendar") as HTMLSelectElement;
    expect(select.value).toBe("深圳运维");
  });
});

describe("Services standards table", () => {
  it("names each version's calendar and says that pauses apply", async () => {
    vi.mocked(api.servicesList).mockResolvedValue([
      {
        ...services[0],
        standards: [
          { ...services[0].standards[0], calendar: "china" },
          { ...services[0].standards[1], pause_states: [] },
        ],
      },
    ]);
    render(Services);
    await screen.findByTestId("services-row-EMAIL");
    await fireEvent.click(within(screen.getByTestId("services-row-EMAIL")).getByRole("button", { name: "EMAIL" }));
    const china = screen.getByTestId("standard-calendar-11");
    expect(china.textContent?.replace(/\s+/g, " ").trim()).toBe("中国大陆工作日历 · 2 个暂停状态");
    expect(china.querySelector("[title]")?.getAttribute("title")).toBe("Awaiting User Info, Pending");
    expect(screen.getByTestId("standard-calendar-12").textContent?.replace(/\s+/g, " ").trim()).toBe("24×7（全天候） · 不暂停计时");
  });
});
