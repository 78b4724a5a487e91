import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { DEFAULT_PAUSE_STATES } from "../lib/calendars";
import { i18n } from "../lib/i18n.svelte";
import Services from "../screens/Services.svelte";
import { services } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

beforeEach(() => {
  i18n.lang = "zh";
  vi.mocked(api.servicesList).mockResolvedValue(services);
});

const codes = () =>
  within(screen.getByTestId("services-table"))
    .getAllByRole("row")
    .slice(1)
    .map((r) => r.querySelector("td.code")?.textContent?.trim());

describe("Services", () => {
  it("lists, filters and sorts the services", async () => {
    render(Services);
    await screen.findByTestId("services-row-EMAIL");
    expect(codes()).toEqual(["EMAIL", "ERP", "NET"]);
    expect(screen.getByTestId("services-row-NET").textContent).toContain("2,310");

    await fireEvent.click(screen.getByTestId("sort-tickets"));
    expect(codes()).toEqual(["ERP", "EMAIL", "NET"]);
    await fireEvent.click(screen.getByTestId("sort-tickets"));
    expect(codes()).toEqual(["NET", "EMAIL", "ERP"]);

    await fireEvent.input(screen.getByTestId("services-search"), { target: { value: "网络" } });
    expect(codes()).toEqual(["NET"]);
    await fireEvent.input(screen.getByTestId("services-search"), { target: { value: "zzz" } });
    expect(screen.getByText("没有与“zzz”匹配的服务。")).toBeTruthy();
  });

  it("checks the required fields before calling the shell, then shows the shell's `invalid` answer in the form", async () => {
    render(Services);
    await screen.findByTestId("services-row-EMAIL");
    await fireEvent.click(screen.getByTestId("service-new"));

    await fireEvent.click(screen.getByTestId("service-save"));
    expect(screen.getByTestId("service-code-error").textContent).toBe("请填写服务代码。");
    expect(screen.getByTestId("service-name-error").textContent).toBe("请填写服务名称。");
    expect(api.serviceCreate).not.toHaveBeenCalled();

    vi.mocked(api.serviceCreate).mockRejectedValueOnce(
      new api.ApiError("invalid", "invalid: a service with code 'EMAIL' already exists"),
    );
    await fireEvent.input(screen.getByTestId("service-code"), { target: { value: " EMAIL " } });
    await fireEvent.input(screen.getByTestId("service-name"), { target: { value: "邮件" } });
    await fireEvent.click(screen.getByTestId("service-save"));
    expect((await screen.findByTestId("service-form-invalid")).textContent).toContain("already exists");
    expect(api.serviceCreate).toHaveBeenCalledWith({ code: "EMAIL", name: "邮件", owner: "", team: "" });

    vi.mocked(api.serviceCreate).mockResolvedValueOnce({ id: 9, code: "HR", name: "人事系统", owner: "", team: "" });
    await fireEvent.input(screen.getByTestId("service-code"), { target: { value: "HR" } });
    await fireEvent.input(screen.getByTestId("service-name"), { target: { value: "人事系统" } });
    await fireEvent.click(screen.getByTestId("service-save"));
    await waitFor(() => expect(screen.queryByTestId("service-form")).toBeNull());
    expect(api.servicesList).toHaveBeenCalledTimes(2);
  });

  it("states what goes with a service before deleting it, then deletes with cascade", async () => {
    const onChanged = vi.fn();
    vi.mocked(api.serviceDelete).mockResolvedValue(undefined);
    render(Services, { props: { onChanged } });
    await screen.findByTestId("services-row-EMAIL");

    await fireEvent.click(screen.getByTestId("service-delete-EMAIL"));
    const dialog = screen.getByTestId("delete-dialog");
    expect(dialog.textContent).toContain("电子邮件");
    expect(screen.getByTestId("delete-cascade").textContent).toBe(
      "以下记录将一并删除，且无法恢复：1,420 张工单、96 份满意度反馈、2 个质量标准版本。",
    );
    expect(api.serviceDelete).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId("delete-confirm"));
    await waitFor(() => expect(api.serviceDelete).toHaveBeenCalledWith(1, true));
    await waitFor(() => expect(screen.queryByTestId("delete-dialog")).toBeNull());
    expect(onChanged).toHaveBeenCalled();
  });

  it("cancelling the confirmation deletes nothing", async () => {
    render(Services);
    await screen.findByTestId("services-row-NET");
    await fireEvent.click(screen.getByTestId("service-delete-NET"));
    await fireEvent.click(screen.getByText("取消"));
    expect(screen.queryByTestId("delete-dialog")).toBeNull();
    expect(api.serviceDelete).not.toHaveBeenCalled();
  });

  it("deletes a service nothing refers to without cascade", async () => {
    vi.mocked(api.serviceDelete).mockResolvedValue(undefined);
    render(Services);
    await screen.findByTestId("services-row-ERP");
    await fireEvent.click(screen.getByTestId("service-delete-ERP"));
    expect(screen.queryByTestId("delete-cascade")).toBeNull();
    await fireEvent.click(screen.getByTestId("delete-confirm"));
    await waitFor(() => expect(api.serviceDelete).toHaveBeenCalledWith(3, false));
  });

  it("asks again with fresh counts when the shell answers `in_use`", async () => {
    vi.mocked(api.serviceDelete).mockRejectedValueOnce(new api.ApiError("in_use", "service 3 is referenced by other records: 5 tickets, 0 satisfaction responses"));
    render(Services);
    await screen.findByTestId("services-row-ERP");
    await fireEvent.click(screen.getByTestId("service-delete-ERP"));
    vi.mocked(api.servicesList).mockResolvedValue(
      services.map((d) => (d.service.id === 3 ? { ...d, usage: { ...d.usage, tickets: 5 } } : d)),
    );
    await fireEvent.click(screen.getByTestId("delete-confirm"));
    expect((await screen.findByTestId("delete-cascade")).textContent).toContain("5 张工单");
    expect(within(screen.getByTestId("delete-dialog")).getByRole("alert").textContent).toContain("记录仍被引用");
  });

  it("shows the chosen service's standard versions, newest first", async () => {
    render(Services);
    await screen.findByTestId("services-row-EMAIL");
    await fireEvent.click(within(screen.getByTestId("services-row-EMAIL")).getByRole("button", { name: "EMAIL" }));
    const rows = within(screen.getByTestId("standards-table")).getAllByRole("row").slice(1);
    expect(rows[0].textContent).toContain("2026-01-01");
    expect(rows[0].textContent).toContain("98.0% 在 15 分钟 内");
    expect(rows[1].textContent).toContain("全部");
    expect(rows[1].textContent).toContain("90.0% 在 24 小时 内");
  });

  it("adds a standard version through the form", async () => {
    vi.mocked(api.standardCreate).mockImplementation(async (input) => ({ id: 99, ...input }));
    render(Services);
    await screen.findByTestId("services-row-NET");
    await fireEvent.click(within(screen.getByTestId("services-row-NET")).getByRole("button", { name: "NET" }));
    await fireEvent.click(screen.getByTestId("standard-new"));
    await fireEvent.input(screen.getByTestId("standard-effective"), { target: { value: "2026-07-01" } });
    await fireEvent.input(screen.getByTestId("standard-priority"), { target: { value: "1 - Critical" } });
    await fireEvent.input(screen.getByTestId("standard-response-h"), { target: { value: "0" } });
    await fireEvent.input(screen.getByTestId("standard-response-m"), { target: { value: "30" } });
    await fireEvent.click(screen.getByTestId("standard-save"));
    await waitFor(() =>
      expect(api.standardCreate).toHaveBeenCalledWith({
        service_id: 2,
        priority: "1 - Critical",
        effective_from: "2026-07-01",
        response_minutes: 30,
        response_required_pct: 95,
        resolution_minutes: 1440,
        resolution_required_pct: 90,
        satisfaction_target_pct: 80,
        calendar: "24x7",
        pause_states: DEFAULT_PAUSE_STATES,
      }),
    );
  });

  it("refuses a zero duration in the standard form", async () => {
    render(Services);
    await screen.findByTestId("services-row-NET");
    await fireEvent.click(within(screen.getByTestId("services-row-NET")).getByRole("button", { name: "NET" }));
    await fireEvent.click(screen.getByTestId("standard-new"));
    await fireEvent.input(screen.getByTestId("standard-response-h"), { target: { value: "0" } });
    await fireEvent.input(screen.getByTestId("standard-response-m"), { target: { value: "0" } });
    await fireEvent.click(screen.getByTestId("standard-save"));
    expect(screen.getByText("目标时长必须大于 0。")).toBeTruthy();
    expect(api.standardCreate).not.toHaveBeenCalled();
  });
});
