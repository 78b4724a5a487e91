import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { i18n } from "../lib/i18n.svelte";
import Calendars from "../screens/Calendars.svelte";
import { calendarMonthOf, calendars, chinaCalendar, icsHolidays } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const hm = (h: number, m = 0) => h * 3600 + m * 60;

beforeEach(() => {
  i18n.lang = "zh";
  // Only the clock is faked: the month view and the year filter open on October 2026.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 9, 15, 10, 0));
  vi.mocked(api.calendarsList).mockResolvedValue(structuredClone(calendars));
  vi.mocked(api.calendarMonth).mockImplementation(async (def, year, month) => calendarMonthOf(def, year, month));
  vi.mocked(api.calendarSave).mockImplementation(async (id, def) => ({ id: id ?? 9, builtin: false, used_by: 0, def }));
});

afterEach(() => {
  vi.useRealTimers();
});

const rowNames = () =>
  within(screen.getByTestId("calendars-table"))
    .getAllByRole("row")
    .slice(1)
    .map((r) => r.getAttribute("data-testid"));

async function openEditor(name: string) {
  render(Calendars);
  await screen.findByTestId(`calendar-row-${name}`);
  await fireEvent.click(screen.getByTestId(`calendar-edit-${name}`));
  return screen.getByTestId("calendar-editor");
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;

describe("Calendars list", () => {
  it("lists the calendars with their zone, weekly hours, days and use, and searches them", async () => {
    render(Calendars);
    const china = await screen.findByTestId("calendar-row-china");
    expect(rowNames()).toEqual(["calendar-row-24x7", "calendar-row-china", "calendar-row-深圳运维", "calendar-row-London desk"]);

    const cells = [...china.querySelectorAll("td")].map((td) => td.textContent?.trim().replace(/\s+/g, " "));
    expect(cells[0]).toBe("中国大陆工作日历 china 内置");
    expect(cells.slice(1, 6)).toEqual(["Asia/Shanghai", "40 小时", "41", "7", "3 个标准版本使用"]);
    expect(screen.getByTestId("calendar-row-24x7").textContent).toContain("168 小时");
    expect(screen.getByTestId("calendar-row-London desk").textContent).toContain("42.5 小时");
    expect(screen.getByTestId("calendar-row-London desk").textContent).toContain("未使用");
    expect((screen.getByTestId("calendar-delete-china") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("calendar-delete-24x7") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("calendar-edit-24x7").textContent?.trim()).toBe("查看");

    await fireEvent.input(screen.getByTestId("calendars-search"), { target: { value: "europe" } });
    expect(rowNames()).toEqual(["calendar-row-London desk"]);
    await fireEvent.input(screen.getByTestId("calendars-search"), { target: { value: "中国" } });
    expect(rowNames()).toEqual(["calendar-row-china"]);
    await fireEvent.input(screen.getByTestId("calendars-search"), { target: { value: "火星" } });
    expect(screen.getByText("没有与“火星”匹配的日历。")).toBeTruthy();
  });

  it("shows the core's in_use message when a calendar still used by standards is deleted", async () => {
    vi.mocked(api.confirmNative).mockResolvedValue(true);
    vi.mocked(api.calendarDelete).mockRejectedValue(
      new api.ApiError("in_use", "calendar '深圳运维' is referenced by other records: 1 quality standard version(s)"),
    );
    const onChanged = vi.fn();
    render(Calendars, { props: { onChanged } });
    await screen.findByTestId("calendar-row-深圳运维");
    await fireEvent.click(screen.getByTestId("calendar-delete-深圳运维"));

    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-code")).toBe("in_use");
    expect(alert.textContent).toContain("记录仍被引用");
    expect(alert.textContent).toContain("1 quality standard version(s)");
    expect(api.confirmNative).toHaveBeenCalledWith("确定删除日历“深圳运维”吗？此操作无法撤销。", "删除日历", "删除", "取消");
    expect(api.calendarDelete).toHaveBeenCalledWith(3);
    expect(onChanged).not.toHaveBeenCalled();
    expect(screen.getByTestId("calendar-row-深圳运维")).toBeTruthy();
  });

  it("deletes an unused calendar after confirmation, and nothing when cancelled", async () => {
    vi.mocked(api.confirmNative).mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    vi.mocked(api.calendarDelete).mockResolvedValue(undefined);
    const onChanged = vi.fn();
    render(Calendars, { props: { onChanged } });
    await screen.findByTestId("calendar-row-London desk");

    await fireEvent.click(screen.getByTestId("calendar-delete-London desk"));
    await waitFor(() => expect(api.confirmNative).toHaveBeenCalledTimes(1));
    expect(api.calendarDelete).not.toHaveBeenCalled();

    vi.mocked(api.calendarsList).mockResolvedValue(calendars.slice(0, 3));
    await fireEvent.click(screen.getByTestId("calendar-delete-London desk"));
    await waitFor(() => expect(api.calendarDelete).toHaveBeenCalledWith(4));
    await waitFor(() => expect(screen.queryByTestId("calendar-row-London desk")).toBeNull());
    expect(screen.getByTestId("calendars-notice").textContent).toContain("已删除日历“London desk”。");
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe("Calendar editor", () => {
  it("saves a new calendar as the core reads it: spans in seconds, in order, notes by date", async () => {
    const onChanged = vi.fn();
    render(Calendars, { props: { onChanged } });
    await screen.findByTestId("calendar-row-china");
    await fireEvent.click(screen.getByTestId("calendar-new"));
    expect(input("calendar-tz").value).toBe("Asia/Shanghai");

    await fireEvent.input(input("calendar-name"), { target: { value: " 广州服务台 " } });
    // Monday: 08:30–12:00 and 13:30–17:30, then copied to Tuesday–Friday.
    await fireEvent.input(input("span-0-0-start"), { target: { value: "8:30" } });
    await fireEvent.input(input("span-0-1-start"), { target: { value: "13:30" } });
    await fireEvent.input(input("span-0-1-end"), { target: { value: "17:30" } });
    await fireEvent.click(screen.getByTestId("copy-monday"));
    // Friday loses its afternoon; Saturday gets a morning, added before an evening span typed first.
    await fireEvent.click(screen.getByTestId("span-4-1-remove"));
    await fireEvent.click(screen.getByTestId("span-5-add"));
    await fireEvent.input(input("span-5-0-start"), { target: { value: "18:00" } });
    await fireEvent.input(input("span-5-0-end"), { target: { value: "24:00" } });
    await fireEvent.click(screen.getByTestId("span-5-add"));
    expect(input("span-5-1-start").value).toBe("");
    await fireEvent.input(input("span-5-1-start"), { target: { value: "09:00" } });
    await fireEvent.input(input("span-5-1-end"), { target: { value: "12:00" } });
    expect(screen.getByTestId("week-total").textContent).toBe("每周合计 42.5 小时");

    await fireEvent.input(input("holidays-add-date"), { target: { value: "2026-10-02" } });
    await fireEvent.input(input("holidays-add-name"), { target: { value: "国庆节" } });
    await fireEvent.click(screen.getByTestId("holidays-add"));
    await fireEvent.input(input("holidays-add-date"), { target: { value: "2026-10-01" } });
    await fireEvent.input(input("holidays-add-name"), { target: { value: "国庆节" } });
    await fireEvent.click(screen.getByTestId("holidays-add"));
    await fireEvent.input(input("workdays-add-date"), { target: { value: "2026-10-01" } });
    await fireEvent.click(screen.getByTestId("workdays-add"));
    expect(screen.getByText("2026-10-01 已在节假日或调休上班日中。")).toBeTruthy();
    await fireEvent.input(input("workdays-add-date"), { target: { value: "2026-10-10" } });
    await fireEvent.input(input("workdays-add-name"), { target: { value: "国庆节调休" } });
    await fireEvent.click(screen.getByTestId("workdays-add"));

    await fireEvent.click(screen.getByTestId("calendar-save"));
    const day = [
      { start: hm(8, 30), end: hm(12) },
      { start: hm(13, 30), end: hm(17, 30) },
    ];
    await waitFor(() =>
      expect(api.calendarSave).toHaveBeenCalledWith(null, {
        name: "广州服务台",
        tz: "Asia/Shanghai",
        week: [
          day,
          day,
          day,
          day,
          [{ start: hm(8, 30), end: hm(12) }],
          [
            { start: hm(9), end: hm(12) },
            { start: hm(18), end: 86400 },
          ],
          [],
        ],
        holidays: [
          { date: "2026-10-01", name: "国庆节" },
          { date: "2026-10-02", name: "国庆节" },
        ],
        workdays: [{ date: "2026-10-10", name: "国庆节调休" }],
      }),
    );
    expect(await screen.findByTestId("calendars-notice")).toBeTruthy();
    expect(screen.getByTestId("calendars-notice").textContent).toContain("已保存日历“广州服务台”。");
    expect(screen.queryByTestId("calendar-editor")).toBeNull();
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it("refuses bad times and a missing name before calling the core, and shows the core's `invalid` answer", async () => {
    render(Calendars);
    await screen.findByTestId("calendar-row-china");
    await fireEvent.click(screen.getByTestId("calendar-new"));
    await fireEvent.input(input("span-2-0-end"), { target: { value: "25:00" } });
    await fireEvent.click(screen.getByTestId("calendar-save"));
    expect(screen.getByText("请填写日历名称。")).toBeTruthy();
    expect(screen.getByText(/请检查标红的时间/)).toBeTruthy();
    expect(input("span-2-0-end").getAttribute("aria-invalid")).toBe("true");
    expect(api.calendarSave).not.toHaveBeenCalled();

    vi.mocked(api.calendarSave).mockRejectedValueOnce(new api.ApiError("invalid", "Wednesday: spans 09:00–12:00 and 11:00–18:00 overlap"));
    await fireEvent.input(input("calendar-name"), { target: { value: "测试" } });
    await fireEvent.input(input("span-2-0-end"), { target: { value: "12:00" } });
    await fireEvent.input(input("span-2-1-start"), { target: { value: "11:00" } });
    await fireEvent.click(screen.getByTestId("calendar-save"));
    expect((await screen.findByTestId("calendar-invalid")).textContent).toContain("overlap");
    expect(screen.getByTestId("calendar-editor")).toBeTruthy();
  });

  it("cancel discards the edits", async () => {
    await openEditor("深圳运维");
    await fireEvent.input(input("calendar-name"), { target: { value: "改了" } });
    await fireEvent.click(screen.getByTestId("calendar-cancel"));
    expect(screen.queryByTestId("calendar-editor")).toBeNull();
    expect(api.calendarSave).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId("calendar-edit-深圳运维"));
    expect(input("calendar-name").value).toBe("深圳运维");
  });

  it("merges holidays from an .ics file, skipping dates already listed", async () => {
    vi.mocked(api.pickFile).mockResolvedValue("/home/manager/hk-holidays.ics");
    vi.mocked(api.calendarIcs).mockResolvedValue(icsHolidays);
    await openEditor("china");
    expect(input("calendar-name").disabled).toBe(true);

    await fireEvent.click(screen.getByTestId("import-ics"));
    expect((await screen.findByTestId("calendar-notice")).textContent).toContain("从文件中导入了 2 个节假日（跳过 2 个已有日期）。");
    expect(api.pickFile).toHaveBeenCalledWith("选择 iCalendar (.ics) 文件", [{ name: "iCalendar 文件", extensions: ["ics"] }]);
    expect(api.calendarIcs).toHaveBeenCalledWith("/home/manager/hk-holidays.ics");
    expect(screen.getByTestId("holidays-row-2026-12-26")).toBeTruthy();

    await fireEvent.click(screen.getByTestId("calendar-save"));
    await waitFor(() => expect(api.calendarSave).toHaveBeenCalledTimes(1));
    const [id, def] = vi.mocked(api.calendarSave).mock.calls[0];
    expect(id).toBe(2);
    expect(def.holidays).toHaveLength(chinaCalendar.def.holidays.length + 2);
    expect(def.holidays.filter((n) => n.date === "2026-12-25")).toEqual([{ date: "2026-12-25", name: "Christmas Day" }]);
    expect(def.holidays.filter((n) => n.date === "2026-10-01")).toEqual([{ date: "2026-10-01", name: "国庆节" }]);
    expect(def.holidays.map((n) => n.date)).toEqual(def.holidays.map((n) => n.date).slice().sort());
    expect(def.workdays).toEqual(chinaCalendar.def.workdays);
  });

  it("shows the month from calendar_month with holidays and make-up days, and toggles a day on click", async () => {
    await openEditor("china");
    await waitFor(() => expect(screen.getByTestId("day-2026-10-01").getAttribute("data-kind")).toBe("holiday"));
    expect(api.calendarMonth).toHaveBeenLastCalledWith(chinaCalendar.def, 2026, 10);
    expect(screen.getByTestId("month-title").textContent).toBe("2026年10月");

    const holiday = screen.getByTestId("day-2026-10-01");
    expect(holiday.textContent).toContain("国庆节");
    expect(holiday.textContent).toContain("休");
    const makeup = screen.getByTestId("day-2026-10-10");
    expect(makeup.getAttribute("data-kind")).toBe("makeup");
    expect(makeup.textContent).toContain("班");
    expect(makeup.textContent).toContain("8 小时");
    expect(screen.getByTestId("day-2026-10-12").getAttribute("data-kind")).toBe("working");
    expect(screen.getByTestId("day-2026-10-11").getAttribute("data-kind")).toBe("weekend");
    // October 2026 starts on a Thursday: three blank cells before it in a Monday-first week.
    const firstRow = screen.getByTestId("day-2026-10-01").closest("tr")!;
    expect([...firstRow.querySelectorAll("td")].map((td) => td.textContent?.trim() === "")).toEqual([true, true, true, false, false, false, false]);

    // A working Monday becomes a holiday, then a make-up day, then normal again.
    await fireEvent.click(screen.getByTestId("day-2026-10-12"));
    await waitFor(() => expect(screen.getByTestId("day-2026-10-12").getAttribute("data-kind")).toBe("holiday"));
    expect(screen.getByTestId("holidays-row-2026-10-12")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("day-2026-10-12"));
    await waitFor(() => expect(screen.getByTestId("day-2026-10-12").getAttribute("data-kind")).toBe("makeup"));
    expect(screen.queryByTestId("holidays-row-2026-10-12")).toBeNull();
    expect(screen.getByTestId("workdays-row-2026-10-12")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("day-2026-10-12"));
    await waitFor(() => expect(screen.getByTestId("day-2026-10-12").getAttribute("data-kind")).toBe("working"));
    // A Sunday becomes a make-up day first.
    await fireEvent.click(screen.getByTestId("day-2026-10-18"));
    await waitFor(() => expect(screen.getByTestId("day-2026-10-18").getAttribute("data-kind")).toBe("makeup"));

    await fireEvent.click(screen.getByTestId("month-next"));
    await waitFor(() => expect(api.calendarMonth).toHaveBeenLastCalledWith(expect.objectContaining({ name: "china" }), 2026, 11));
    await fireEvent.click(screen.getByTestId("month-prev"));
    await fireEvent.click(screen.getByTestId("month-prev"));
    await waitFor(() => expect(screen.getByTestId("day-2026-09-20").getAttribute("data-kind")).toBe("makeup"));
  });

  it("filters the day lists by year, following the month view", async () => {
    await openEditor("china");
    const holidays = screen.getByTestId("notes-holidays");
    expect((screen.getByTestId("year-filter") as HTMLSelectElement).value).toBe("2026");
    expect(within(holidays).getAllByRole("row")).toHaveLength(1 + 33);
    await fireEvent.change(screen.getByTestId("year-filter"), { target: { value: "2025" } });
    expect(within(holidays).getAllByRole("row")).toHaveLength(1 + 8);
    await fireEvent.change(screen.getByTestId("year-filter"), { target: { value: "all" } });
    expect(within(holidays).getAllByRole("row")).toHaveLength(1 + 41);
  });

  it("shows 24x7 read-only", async () => {
    await openEditor("24x7");
    expect(screen.getByText("24×7 是内置日历：全天候计时，不能修改。")).toBeTruthy();
    expect(input("calendar-name").disabled).toBe(true);
    expect(input("span-0-0-start").disabled).toBe(true);
    expect(input("span-0-0-end").value).toBe("24:00");
    expect(screen.queryByTestId("calendar-save")).toBeNull();
    expect(screen.queryByTestId("import-ics")).toBeNull();
    await waitFor(() => expect((screen.getByTestId("day-2026-10-01") as HTMLButtonElement).disabled).toBe(true));
    expect(screen.getByTestId("day-2026-10-01").textContent).toContain("24 小时");
  });

  it("speaks English on switch", async () => {
    i18n.lang = "en";
    await openEditor("china");
    expect(screen.getByText("Edit calendar: Mainland China working calendar")).toBeTruthy();
    expect(screen.getByTestId("copy-monday").textContent).toBe("Copy Monday to Tuesday–Friday");
    await waitFor(() => expect(screen.getByTestId("month-title").textContent).toBe("October 2026"));
  });
});
