import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as api from "../api";
import { i18n } from "../lib/i18n.svelte";
import People from "../screens/People.svelte";
import { info, peopleData, peopleImportReport, peopleRowErrors, performanceData } from "./fixtures";

vi.mock("../api", () => import("./api-mock"));

const Q3 = { year: 2026, q: 3 };

beforeEach(() => {
  i18n.lang = "zh";
  // Only the clock is faked: "today" (holders, roles now, ending an assignment) is 2026-09-30.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 8, 30, 10, 0));
  vi.mocked(api.people).mockResolvedValue(structuredClone(peopleData));
  vi.mocked(api.performance).mockResolvedValue(structuredClone(performanceData));
  vi.mocked(api.peopleSave).mockResolvedValue(99);
});

afterEach(() => {
  vi.useRealTimers();
});

async function open(tab?: string) {
  render(People, { props: { info, revision: 0, quarter: Q3 } });
  await screen.findByTestId("people-panel-roles");
  if (tab) await fireEvent.click(screen.getByTestId(`people-tab-${tab}`));
}

const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;
/** A row's cells, trimmed, joined by " | ". */
const cells = (row: Element) => [...row.querySelectorAll("th, td")].map((c) => c.textContent?.trim().replace(/\s+/g, " ")).join(" | ");

describe("People tabs", () => {
  it("loads once and switches between the six tabs", async () => {
    await open();
    expect(api.people).toHaveBeenCalledTimes(1);
    expect(api.people).toHaveBeenCalledWith(null);
    expect(screen.getByTestId("people-tab-roles").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("role-SQM").textContent).toContain("服务质量经理");

    const expected: [string, string][] = [
      ["staff", "staff-table"],
      ["matrix", "matrix-table"],
      ["training", "courses-table"],
      ["rewards", "reward-table"],
      ["performance", "perf-teams"],
      ["roles", "role-DELIVERY"],
    ];
    for (const [tab, content] of expected) {
      await fireEvent.click(screen.getByTestId(`people-tab-${tab}`));
      expect(screen.getByTestId(`people-panel-${tab}`)).toBeTruthy();
      expect(screen.getByTestId(`people-tab-${tab}`).getAttribute("aria-selected")).toBe("true");
      expect(await screen.findByTestId(content)).toBeTruthy();
    }
    // Only the performance tab asks for performance, for the quarter on screen.
    expect(api.performance).toHaveBeenCalledWith(Q3);
    expect(api.people).toHaveBeenCalledTimes(1);
  });

  it("shows an error from the shell instead of the tabs' content", async () => {
    vi.mocked(api.people).mockRejectedValue(new api.ApiError("no_workspace", "no workspace is open"));
    render(People, { props: { info, revision: 0, quarter: Q3 } });
    expect((await screen.findByRole("alert")).textContent).toContain("没有打开的工作区");
    expect(screen.queryByTestId("people-panel-roles")).toBeNull();
  });
});

describe("Roles", () => {
  it("shows names, duties and today's holders; built-in roles cannot be deleted", async () => {
    await open();
    const sqm = screen.getByTestId("role-SQM");
    expect(sqm.textContent).toContain("Service quality manager");
    expect(sqm.textContent).toContain("全面负责服务质量管理与协调");
    expect(screen.getByTestId("role-holders-SQM").textContent).toBe("1 人");
    // 李娜 holds both DELIVERY and SUPPORT; 卫东 (inactive, ended) and 郑强's ended DELIVERY do not count.
    expect(screen.getByTestId("role-holders-DELIVERY").textContent).toBe("5 人");
    expect(screen.getByTestId("role-holders-SUPPORT").textContent).toBe("6 人");
    expect((screen.getByTestId("role-delete-SQM") as HTMLButtonElement).disabled).toBe(true);

    i18n.lang = "en";
    await waitFor(() => expect(screen.getByTestId("role-SQM").textContent).toContain("Overall quality management"));
  });

  it("adds a requirement to a role inline", async () => {
    await open();
    const form = screen.getByTestId("req-add-DELIVERY");
    await fireEvent.input(form.querySelector("input")!, { target: { value: " 变更管理 " } });
    await fireEvent.change(form.querySelector("select")!, { target: { value: "4" } });
    await fireEvent.submit(form);
    await waitFor(() =>
      expect(api.peopleSave).toHaveBeenCalledWith({ record: "requirement", id: null, role_id: 2, competence: "变更管理", level: 4 }),
    );
    await waitFor(() => expect(api.people).toHaveBeenCalledTimes(2));
  });

  it("edits a role with both languages", async () => {
    await open();
    await fireEvent.click(screen.getByTestId("role-edit-SUPPORT"));
    await fireEvent.input(field("role-team"), { target: { value: " 服务台 " } });
    await fireEvent.click(screen.getByTestId("role-form-save"));
    await waitFor(() => expect(api.peopleSave).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.peopleSave).mock.calls[0][0]).toEqual({
      record: "role",
      id: 3,
      code: "SUPPORT",
      name_zh: "服务支持团队",
      name_en: "Service support team",
      duties_zh: "负责用户支持、收集用户反馈并处理问题，确认用户满意度。",
      duties_en: "User support, feedback collection and problem handling; confirms satisfaction with the user.",
      team: "服务台",
    });
  });
});

describe("Staff", () => {
  const codes = () =>
    within(screen.getByTestId("staff-table"))
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.querySelector("td.code")?.textContent);

  it("searches and sorts the staff, with the roles held today", async () => {
    await open("staff");
    expect(screen.getByTestId("staff-row-E004").textContent).toContain("服务交付团队、服务支持团队");
    expect(screen.getByTestId("staff-row-E007").textContent).not.toContain("服务交付团队");
    await fireEvent.input(screen.getByTestId("staff-search"), { target: { value: "网络" } });
    expect(codes()).toEqual(["E003", "E008", "E012"]);
    await fireEvent.click(screen.getByTestId("staff-sort-active"));
    await fireEvent.click(screen.getByTestId("staff-sort-active"));
    expect(codes()).toEqual(["E012", "E003", "E008"]);
    await fireEvent.input(screen.getByTestId("staff-search"), { target: { value: "e01" } });
    expect(codes()).toEqual(["E012", "E010", "E011"]);
  });

  it("creates a staff member with trimmed fields and id null, after checking the required ones", async () => {
    await open("staff");
    await fireEvent.click(screen.getByTestId("staff-new"));
    await fireEvent.click(screen.getByTestId("staff-form-save"));
    expect(screen.getByText("请填写工号。")).toBeTruthy();
    expect(screen.getByText("请填写姓名。")).toBeTruthy();
    expect(api.peopleSave).not.toHaveBeenCalled();

    await fireEvent.input(field("staff-code"), { target: { value: " E013 " } });
    await fireEvent.input(field("staff-name"), { target: { value: " 蒋涛 " } });
    await fireEvent.input(field("staff-team"), { target: { value: " 服务台 " } });
    await fireEvent.input(field("staff-contact"), { target: { value: "  " } });
    await fireEvent.click(screen.getByTestId("staff-form-save"));
    await waitFor(() =>
      expect(api.peopleSave).toHaveBeenCalledWith({ record: "staff", id: null, code: "E013", name: "蒋涛", team: "服务台", contact: "", active: true }),
    );
    await waitFor(() => expect(screen.queryByTestId("staff-form")).toBeNull());
    expect(api.people).toHaveBeenCalledTimes(2);
  });

  it("edits a staff member by id and shows the shell's `invalid` answer in the form", async () => {
    vi.mocked(api.peopleSave).mockRejectedValueOnce(new api.ApiError("invalid", "invalid: a staff member with employee number 'E001' already exists"));
    await open("staff");
    await fireEvent.click(screen.getByTestId("staff-edit-E003"));
    expect(field("staff-name").value).toBe("孙磊");
    await fireEvent.input(field("staff-code"), { target: { value: "E001" } });
    await fireEvent.click(screen.getByTestId("staff-form-save"));
    expect((await screen.findByTestId("staff-form-invalid")).textContent).toContain("already exists");

    await fireEvent.input(field("staff-code"), { target: { value: "E003" } });
    await fireEvent.click(field("staff-active"));
    await fireEvent.click(screen.getByTestId("staff-form-save"));
    await waitFor(() => expect(api.peopleSave).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.peopleSave).mock.calls[1][0]).toEqual({
      record: "staff",
      id: 3,
      code: "E003",
      name: "孙磊",
      team: "网络与基础设施",
      contact: "13800000003",
      active: false,
    });
  });

  it("deletes a referenced person only after a second confirmation, with cascade", async () => {
    const inUse = "staff member 3 is referenced by other records: 1 role assignments, 2 assessments, 2 training attendances, 1 rewards and penalties";
    vi.mocked(api.confirmNative).mockResolvedValue(true);
    vi.mocked(api.peopleDelete).mockRejectedValueOnce(new api.ApiError("in_use", inUse)).mockResolvedValueOnce(undefined);
    await open("staff");
    await fireEvent.click(screen.getByTestId("staff-delete-E003"));

    await waitFor(() => expect(api.peopleDelete).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.peopleDelete).mock.calls).toEqual([
      ["staff", 3, false],
      ["staff", 3, true],
    ]);
    expect(vi.mocked(api.confirmNative).mock.calls[0][0]).toBe("确定删除人员“孙磊”（E003）吗？");
    expect(vi.mocked(api.confirmNative).mock.calls[1][0]).toContain(inUse);
    expect(vi.mocked(api.confirmNative).mock.calls[1][2]).toBe("一并删除");
    await waitFor(() => expect(api.people).toHaveBeenCalledTimes(2));
  });

  it("sends nothing more when the cascade is cancelled, and nothing at all when the first question is", async () => {
    vi.mocked(api.confirmNative).mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    vi.mocked(api.peopleDelete).mockRejectedValueOnce(new api.ApiError("in_use", "staff member 3 is referenced by other records: 1 role assignments"));
    await open("staff");
    await fireEvent.click(screen.getByTestId("staff-delete-E003"));
    await waitFor(() => expect(api.confirmNative).toHaveBeenCalledTimes(2));
    expect(api.peopleDelete).toHaveBeenCalledTimes(1);
    expect(api.peopleDelete).toHaveBeenCalledWith("staff", 3, false);
    expect(api.people).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("alert")).toBeNull();

    vi.mocked(api.confirmNative).mockResolvedValueOnce(false);
    await fireEvent.click(screen.getByTestId("staff-delete-E010"));
    await waitFor(() => expect(api.confirmNative).toHaveBeenCalledTimes(3));
    expect(api.peopleDelete).toHaveBeenCalledTimes(1);
  });

  it("lists every rejected row of an import as file:line:column: reason, and nothing was written", async () => {
    vi.mocked(api.pickFile).mockResolvedValue("/home/manager/staff-bad.xlsx");
    vi.mocked(api.peopleImport).mockRejectedValue(new api.ApiError("rejected_rows", "3 rows rejected, nothing imported", peopleRowErrors));
    await open("staff");
    await fireEvent.click(screen.getByTestId("people-import-staff"));

    const box = await screen.findByTestId("people-import-rejected");
    expect(api.pickFile).toHaveBeenCalledWith("选择人员名单（CSV 或 Excel）", [{ name: "CSV 或电子表格", extensions: ["csv", "xlsx", "xls", "ods"] }]);
    expect(api.peopleImport).toHaveBeenCalledWith("staff", "/home/manager/staff-bad.xlsx");
    const lines = within(box).getAllByRole("listitem").map((li) => li.textContent);
    expect(lines).toEqual([
      "staff-bad.xlsx:3:2: name: empty",
      "staff-bad.xlsx:4:5: active: 'maybe' is not yes/no (是/否)",
      "staff-bad.xlsx:6:1: code: 'E002' is already on line 3",
    ]);
    expect(box.textContent).toContain("没有写入任何数据：3 行未通过校验");
    expect(api.people).toHaveBeenCalledTimes(1);
  });

  it("shows the report of an attendance import and reloads; a cancelled file dialog does nothing", async () => {
    vi.mocked(api.pickFile).mockResolvedValueOnce(null);
    await open("staff");
    await fireEvent.click(screen.getByTestId("people-import-attendance"));
    await waitFor(() => expect(api.pickFile).toHaveBeenCalledTimes(1));
    expect(api.peopleImport).not.toHaveBeenCalled();

    vi.mocked(api.pickFile).mockResolvedValueOnce("/home/manager/attendance.xlsx");
    vi.mocked(api.peopleImport).mockResolvedValue({ ...peopleImportReport, file: "attendance.xlsx", rows: 62, staff_added: 0, staff_updated: 0, assignments_added: 0, sessions_added: 3, attendance_added: 60, attendance_updated: 2 });
    await fireEvent.click(screen.getByTestId("people-import-attendance"));
    const report = await screen.findByTestId("people-import-report");
    expect(report.textContent).toContain("已导入 attendance.xlsx：62 行");
    expect([...report.querySelectorAll("li")].map((li) => li.textContent?.trim())).toEqual(["新增培训场次 3", "新增签到 60", "更新签到 2"]);
    expect(api.peopleImport).toHaveBeenCalledWith("attendance", "/home/manager/attendance.xlsx");
    await waitFor(() => expect(api.people).toHaveBeenCalledTimes(2));
  });

  it("keeps a person's role history: adding never overwrites, ending sets today as the last day", async () => {
    await open("staff");
    await fireEvent.click(within(screen.getByTestId("staff-row-E004")).getByRole("button", { name: "李娜" }));
    const detail = screen.getByTestId("staff-detail");
    expect(within(detail).getByTestId("person-hours").textContent).toContain("14.0");

    const support = peopleData.staff.find((p) => p.code === "E004")!.assignments.find((a) => a.role_id === 3)!;
    await fireEvent.click(screen.getByTestId(`assignment-end-${support.id}`));
    await waitFor(() =>
      expect(api.peopleSave).toHaveBeenCalledWith({ record: "assignment", id: support.id, staff_id: 4, role_id: 3, from: "2025-07-01", to: "2026-09-30" }),
    );

    await fireEvent.click(screen.getByTestId("assignment-new"));
    await fireEvent.change(screen.getByTestId("assignment-role"), { target: { value: "1" } });
    await fireEvent.input(field("assignment-from"), { target: { value: "2026-10-01" } });
    await fireEvent.click(screen.getByTestId("assignment-form-save"));
    await waitFor(() =>
      expect(api.peopleSave).toHaveBeenLastCalledWith({ record: "assignment", id: null, staff_id: 4, role_id: 1, from: "2026-10-01", to: null }),
    );
  });

  it("assesses a competence the person's roles require", async () => {
    await open("staff");
    await fireEvent.click(within(screen.getByTestId("staff-row-E010")).getByRole("button", { name: "陈洁" }));
    expect(screen.getByTestId("assessments-table").textContent).toContain("还没有能力评估。");
    await fireEvent.click(screen.getByTestId("assessment-new"));
    const options = [...(screen.getByTestId("assessment-competence") as HTMLSelectElement).options].map((o) => o.value);
    // 陈洁 holds SUPPORT: its three competences come first.
    expect(options.slice(0, 3)).toEqual(["ITIL 流程", "事件处理", "用户沟通"]);
    await fireEvent.change(screen.getByTestId("assessment-competence"), { target: { value: "用户沟通" } });
    await fireEvent.change(screen.getByTestId("assessment-level"), { target: { value: "4" } });
    await fireEvent.input(field("assessment-assessor"), { target: { value: " 赵伟 " } });
    await fireEvent.click(screen.getByTestId("assessment-form-save"));
    await waitFor(() =>
      expect(api.peopleSave).toHaveBeenCalledWith({
        record: "assessment",
        id: null,
        staff_id: 10,
        competence: "用户沟通",
        level: 4,
        assessed_on: "2026-09-30",
        assessor: "赵伟",
      }),
    );
  });
});

describe("Competence matrix", () => {
  const cell = (staffId: number, competence: string) =>
    screen.getByTestId(`matrix-cell-${staffId}-${peopleData.matrix.competences.indexOf(competence)}`);

  it("colours each cell by status, deeper red for bigger gaps, and states the totals", async () => {
    await open("matrix");
    const cases: [number, string, string, string][] = [
      [9, "ITIL 流程", "2/2", "cell cell-met"],
      [6, "ITIL 流程", "1/2", "cell cell-gap gap-1"],
      [8, "ITIL 流程", "1/3", "cell cell-gap gap-2"],
      [8, "事件处理", "1/4", "cell cell-gap gap-3"],
      [3, "问题分析", "?/3", "cell cell-not_assessed"],
      [7, "问题分析", "2", "cell cell-not_required"],
      [9, "质量管理", "", "cell cell-not_required"],
    ];
    for (const [id, competence, text, classes] of cases) {
      const td = cell(id, competence);
      expect(td.textContent?.trim(), `${id} ${competence}`).toBe(text);
      expect(td.className.replace(/\s*svelte-\w+/g, "").trim(), `${id} ${competence}`).toBe(classes);
    }
    expect(cell(3, "问题分析").getAttribute("title")).toBe("问题分析：要求 3，尚未评估");

    const totals = screen.getByTestId("matrix-totals");
    expect([...totals.querySelectorAll(".total")].map((t) => [...t.children].map((c) => c.textContent).join("="))).toEqual([
      "有要求的单元格=35",
      "达标=21",
      "差距=8",
      "未评估=6",
    ]);
    expect(totals.textContent).toContain("截至 2026-09-30，达标率 60.0%");
    expect(screen.getByTestId("matrix-row-4").textContent).toContain("服务交付团队、服务支持团队");
  });

  it("lists role × competence shortfalls and who is due for which course", async () => {
    await open("matrix");
    const byRole = within(screen.getByTestId("matrix-by-role")).getAllByRole("row").slice(1);
    const problem = byRole.find((r) => r.textContent?.includes("服务交付团队") && r.textContent.includes("问题分析"))!;
    expect([...problem.querySelectorAll("td")].map((td) => td.textContent?.trim())).toEqual(["服务交付团队", "问题分析", "3", "5", "1", "2", "60.0%"]);
    const due = within(screen.getByTestId("due-table")).getAllByRole("row").slice(1).map(cells);
    expect(due).toHaveLength(4);
    expect(due).toContain("赵伟 | 用户沟通 | 3 | 未评估 | COMM-201 用户沟通技巧");
    expect(due).toContain("王静 | ITIL 流程 | 3 | 1 | ITSM-101 ITSM 基础");
  });

  it("re-reads the figures as of another date, and back to today", async () => {
    await open("matrix");
    await fireEvent.change(screen.getByTestId("matrix-as-of"), { target: { value: "2026-06-30" } });
    await waitFor(() => expect(api.people).toHaveBeenLastCalledWith("2026-06-30"));
    await fireEvent.click(screen.getByTestId("matrix-today"));
    await waitFor(() => expect(api.people).toHaveBeenLastCalledWith(null));
    expect(api.people).toHaveBeenCalledTimes(3);
  });

  it("explains what to do when no role requires anything", async () => {
    vi.mocked(api.people).mockResolvedValue({ ...peopleData, matrix: { ...peopleData.matrix, competences: [], rows: [], by_role: [] }, due: [] });
    await open("matrix");
    expect(screen.getByTestId("matrix-empty").textContent).toContain("在「角色」中为角色添加能力要求");
  });
});

describe("Training", () => {
  it("shows courses with money from cents and their effectiveness, then sessions and attendance", async () => {
    await open("training");
    expect(screen.getByTestId("course-cost-ITSM-101").textContent).toBe("¥12,000.00");
    expect(screen.getByTestId("course-cost-COMM-201").textContent).toBe("¥3,500.50");
    const itsm = [...screen.getByTestId("course-row-ITSM-101").querySelectorAll("td")].map((td) => td.textContent?.trim());
    // 9 attended, 7 with both scores: mean pre 61.1, post 74.5, gain +13.4, 6 of 7 improved.
    expect(itsm.slice(6, 12)).toEqual(["9", "7", "61.1", "74.5", "+13.4", "85.7%"]);

    await fireEvent.click(screen.getByTestId("course-expand-ITSM-101"));
    await fireEvent.click(screen.getByTestId("session-expand-12"));
    const rows = within(screen.getByTestId("attendance-12")).getAllByRole("row").slice(1).map(cells);
    expect(rows[0]).toContain("E008 王静 | 已出勤 | 45.0 | 71.0 | +26.0");
    expect(rows[2]).toContain("E010 陈洁 | 已出勤 | — | 74.0 | —");

    const quarters = within(screen.getByTestId("training-quarters")).getAllByRole("row").slice(1);
    expect(cells(quarters[0])).toBe("2026年第3季度 | 2 | 50.0 | ¥20,800.00 | 6 | 61.7 | 74.4 | +12.8 | 83.3%");
  });

  it("edits a course's cost as money and sends exact cents", async () => {
    await open("training");
    await fireEvent.click(screen.getByTestId("course-edit-COMM-201"));
    expect(field("course-cost").value).toBe("3500.50");
    await fireEvent.input(field("course-cost"), { target: { value: "12.345" } });
    await fireEvent.click(screen.getByTestId("course-form-save"));
    expect(screen.getByText("金额格式不对：请填写数字，最多两位小数，如 1200 或 350.50。")).toBeTruthy();
    expect(api.peopleSave).not.toHaveBeenCalled();

    await fireEvent.input(field("course-cost"), { target: { value: "1,234.5" } });
    await fireEvent.click(screen.getByTestId("course-form-save"));
    await waitFor(() =>
      expect(api.peopleSave).toHaveBeenCalledWith({
        record: "course",
        id: 2,
        code: "COMM-201",
        topic: "用户沟通技巧",
        competence: "用户沟通",
        hours: 4,
        cost_cents: 123_450,
        provider: "内部讲师",
      }),
    );
  });

  it("adds an attendee who only registered, without scores", async () => {
    await open("training");
    await fireEvent.click(screen.getByTestId("course-expand-PSM-301"));
    await fireEvent.click(screen.getByTestId("session-expand-32"));
    await fireEvent.click(screen.getByTestId("attendance-new-32"));
    const options = [...(screen.getByTestId("attendance-staff") as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).not.toContain("E003 孙磊"); // already on the list
    expect(options).not.toContain("E012 卫东"); // inactive
    await fireEvent.change(screen.getByTestId("attendance-staff"), { target: { value: "6" } });
    await fireEvent.click(field("attendance-attended"));
    await fireEvent.click(screen.getByTestId("attendance-form-save"));
    await waitFor(() =>
      expect(api.peopleSave).toHaveBeenCalledWith({ record: "attendance", id: null, session_id: 32, staff_id: 6, attended: false, pre: null, post: null }),
    );
  });

  it("explains what to do without courses", async () => {
    vi.mocked(api.people).mockResolvedValue({ ...peopleData, courses: [] });
    await open("training");
    expect(screen.getByTestId("courses-empty").textContent).toContain("新增一门课程");
  });
});

describe("Rewards and penalties", () => {
  it("filters by person and kind and totals the money", async () => {
    await open("rewards");
    const rows = () => within(screen.getByTestId("reward-table")).getAllByRole("row").slice(1);
    expect(rows()).toHaveLength(5);
    expect(cells(rows()[1])).toBe("2026-09-05 | 褚明 | 奖励 | ¥1,500.00 | — | 协助解决 ERP 重大故障 | 工单 INC0010004 | 编辑 删除");
    expect(screen.getByTestId("reward-summary").textContent).toBe("奖励 3 项，合计 ¥2,300.00；处罚 2 项，合计 ¥200.00");
    await fireEvent.change(screen.getByTestId("reward-filter-kind"), { target: { value: "penalty" } });
    expect(rows().map((r) => r.querySelector("td")?.textContent)).toEqual(["2026-08-12", "2026-06-20"]);
    await fireEvent.change(screen.getByTestId("reward-filter-person"), { target: { value: "3" } });
    expect(rows().map((r) => r.querySelector("td")?.textContent)).toEqual(["2026-06-20"]);
  });

  it("records a penalty about a complaint", async () => {
    await open("rewards");
    await fireEvent.click(screen.getByTestId("reward-new"));
    await fireEvent.click(screen.getByTestId("reward-form-save"));
    expect(screen.getByText("请选择人员。")).toBeTruthy();
    await fireEvent.change(screen.getByTestId("reward-staff"), { target: { value: "8" } });
    await fireEvent.change(screen.getByTestId("reward-kind"), { target: { value: "penalty" } });
    await fireEvent.input(field("reward-amount"), { target: { value: "200" } });
    await fireEvent.input(field("reward-reason"), { target: { value: " 未按时回访 " } });
    await fireEvent.change(screen.getByTestId("reward-link-kind"), { target: { value: "complaint" } });
    await fireEvent.input(field("reward-link-ref"), { target: { value: " TS-2026-040 " } });
    await fireEvent.click(screen.getByTestId("reward-form-save"));
    await waitFor(() =>
      expect(api.peopleSave).toHaveBeenCalledWith({
        record: "reward",
        id: null,
        staff_id: 8,
        awarded_on: "2026-09-30",
        kind: "penalty",
        amount_cents: 20_000,
        points: null,
        reason: "未按时回访",
        link_kind: "complaint",
        link_ref: "TS-2026-040",
      }),
    );
  });
});

describe("Performance", () => {
  it("lists teams and people with their figures, marks unmatched names and says who sees them", async () => {
    await open("performance");
    await screen.findByTestId("perf-teams");
    expect(screen.getByTestId("perf-note").textContent).toContain("季度评审材料只列出团队");
    const teams = within(screen.getByTestId("perf-teams")).getAllByRole("row").slice(1);
    expect([...teams[1].querySelectorAll("td")].map((td) => td.textContent?.trim())).toEqual(["服务台", "512", "98.0%", "94.4%", "87.9%", "140"]);
    const vendor = screen.getByTestId("perf-teams-row-4");
    expect(vendor.classList.contains("unmatched")).toBe(true);
    expect(vendor.textContent).toContain("未匹配");
    expect(vendor.textContent).toContain("—");
    expect(screen.getByTestId("perf-people-row-8").textContent).toContain("zhang.wei");
  });

  it("matches an assignee to a staff member, then reloads performance and the saved matches", async () => {
    vi.mocked(api.nameMatchSave).mockResolvedValue(undefined);
    await open("performance");
    await screen.findByTestId("unmatched-panel");
    expect(screen.getByTestId("unmatched-1").textContent).toContain("zhang.wei");
    expect((screen.getByTestId("unmatched-save-1") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.change(screen.getByTestId("unmatched-select-1"), { target: { value: "1" } });
    await fireEvent.click(screen.getByTestId("unmatched-save-1"));
    await waitFor(() => expect(api.nameMatchSave).toHaveBeenCalledWith({ kind: "assignee", name: "zhang.wei", staff_id: 1, team: "" }));
    await waitFor(() => expect(api.performance).toHaveBeenCalledTimes(2));
    expect(api.people).toHaveBeenCalledTimes(2);
  });

  it("matches a group to a team typed in, or leaves a name unmatched on purpose", async () => {
    vi.mocked(api.nameMatchSave).mockResolvedValue(undefined);
    await open("performance");
    await screen.findByTestId("unmatched-panel");
    const teams = [...(screen.getByTestId("unmatched-select-0") as HTMLSelectElement).options].map((o) => o.value);
    // Staff teams in pinyin order, then a free-text team, then "leave unmatched".
    expect(teams).toEqual(["", "服务台", "网络与基础设施", "应用支持", "桌面支持", "__other", "__none"]);
    await fireEvent.change(screen.getByTestId("unmatched-select-0"), { target: { value: "__other" } });
    await fireEvent.input(screen.getByTestId("unmatched-team-0"), { target: { value: " 网络外包 " } });
    await fireEvent.click(screen.getByTestId("unmatched-save-0"));
    await waitFor(() => expect(api.nameMatchSave).toHaveBeenCalledWith({ kind: "group", name: "Network-Vendor", staff_id: null, team: "网络外包" }));

    await fireEvent.change(screen.getByTestId("unmatched-select-1"), { target: { value: "__none" } });
    await fireEvent.click(screen.getByTestId("unmatched-save-1"));
    await waitFor(() => expect(api.nameMatchSave).toHaveBeenLastCalledWith({ kind: "assignee", name: "zhang.wei", staff_id: null, team: "" }));
  });

  it("deletes a saved match after asking", async () => {
    vi.mocked(api.confirmNative).mockResolvedValue(true);
    vi.mocked(api.nameMatchDelete).mockResolvedValue(undefined);
    await open("performance");
    const table = await screen.findByTestId("matches-table");
    expect(table.textContent).toContain("保持未匹配");
    expect(table.textContent).toContain("网络与基础设施");
    await fireEvent.click(screen.getByTestId("match-delete-group-网络运维组"));
    await waitFor(() => expect(api.nameMatchDelete).toHaveBeenCalledWith("group", "网络运维组"));
    await waitFor(() => expect(api.performance).toHaveBeenCalledTimes(2));
  });

  it("asks for an import first when the workspace has no tickets", async () => {
    render(People, { props: { info: { ...info, quarters: [], latest_quarter: null }, revision: 0, quarter: null } });
    await screen.findByTestId("people-panel-roles");
    await fireEvent.click(screen.getByTestId("people-tab-performance"));
    expect(screen.getByTestId("perf-empty")).toBeTruthy();
    expect(api.performance).not.toHaveBeenCalled();
  });
});
