// The one door to the Rust shell: every IPC command, the import-progress event, the file dialogs
// and opening a file. Components import from here, never from @tauri-apps/* directly, so tests mock
// this module alone.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { ask, open, save } from "@tauri-apps/plugin-dialog";
import { openPath } from "@tauri-apps/plugin-opener";
import type { ColumnMapping } from "./bindings/ColumnMapping";
import type { Dashboard } from "./bindings/Dashboard";
import type { Format } from "./bindings/Format";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportReport } from "./bindings/ImportReport";
import type { IpcError } from "./bindings/IpcError";
import type { Lang } from "./bindings/Lang";
import type { Progress } from "./bindings/Progress";
import type { QualityStandard } from "./bindings/QualityStandard";
import type { Quarter } from "./bindings/Quarter";
import type { RowError } from "./bindings/RowError";
import type { Service } from "./bindings/Service";
import type { ServiceDetail } from "./bindings/ServiceDetail";
import type { ServiceInput } from "./bindings/ServiceInput";
import type { Settings } from "./bindings/Settings";
import type { StandardInput } from "./bindings/StandardInput";
import type { WorkspaceInfo } from "./bindings/WorkspaceInfo";
import type { BreachReport } from "./bindings/BreachReport";
import type { CalendarDay } from "./bindings/CalendarDay";
import type { CalendarDef } from "./bindings/CalendarDef";
import type { DayNote } from "./bindings/DayNote";
import type { DrillMeasure } from "./bindings/DrillMeasure";
import type { DrillResult } from "./bindings/DrillResult";
import type { DrillScope } from "./bindings/DrillScope";
import type { MeasureOptions } from "./bindings/MeasureOptions";
import type { StoredCalendar } from "./bindings/StoredCalendar";
import type { TableData } from "./bindings/TableData";
import type { NameKind } from "./bindings/NameKind";
import type { NameMatch } from "./bindings/NameMatch";
import type { People } from "./bindings/People";
import type { PeopleImportKind } from "./bindings/PeopleImportKind";
import type { PeopleImportReport } from "./bindings/PeopleImportReport";
import type { PeopleKind } from "./bindings/PeopleKind";
import type { PeopleRecord } from "./bindings/PeopleRecord";
import type { Performance } from "./bindings/Performance";
import type { CbParams } from "./bindings/CbParams";
import type { CostBenefit } from "./bindings/CostBenefit";
import type { StoredCost } from "./bindings/StoredCost";
import type { StoredDriver } from "./bindings/StoredDriver";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { BackupInfo } from "./bindings/BackupInfo";
import type { Feedback } from "./bindings/Feedback";
import type { FeedbackKind } from "./bindings/FeedbackKind";
import type { FeedbackRecord } from "./bindings/FeedbackRecord";
import type { Programme } from "./bindings/Programme";
import type { SurveyImportOptions } from "./bindings/SurveyImportOptions";
import type { SurveyImportReport } from "./bindings/SurveyImportReport";
import type { AssessmentImportPreview } from "./bindings/AssessmentImportPreview";
import type { AssessmentImportReport } from "./bindings/AssessmentImportReport";
import type { AssessmentMapping } from "./bindings/AssessmentMapping";
import type { AssessmentView } from "./bindings/AssessmentView";
import type { CurrentStateAssessment } from "./bindings/CurrentStateAssessment";
import type { Process } from "./bindings/Process";
import type { ProcessDoc } from "./bindings/ProcessDoc";
import type { ProcessQuery } from "./bindings/ProcessQuery";
import type { ProcessView } from "./bindings/ProcessView";
import type { Questionnaire } from "./bindings/Questionnaire";
import type { Respondent } from "./bindings/Respondent";
import type { SopVersion } from "./bindings/SopVersion";
export type { SurveyImportOptions, SurveyImportReport };

/** Error codes the shell sends (`sqm_core::Error::code`, plus the shell's own). */
export type ErrorCode =
  | "no_workspace"
  | "db"
  | "migration"
  | "io"
  | "import"
  | "rejected_rows"
  | "not_found"
  | "invalid"
  | "in_use"
  | "report"
  | "unopenable"
  | "internal"
  | (string & {});

/** A failed command: components switch on `code`, never on `message`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** For `rejected_rows`: every bad row, in file order. */
  readonly rows: RowError[];

  constructor(code: ErrorCode, message: string, rows: RowError[] = []) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.rows = rows;
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Turns whatever a command rejected with into an `ApiError`. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isIpcError(e)) return new ApiError(e.code, e.message, e.rows ?? []);
  // Tauri itself rejects with a plain string (unknown command, bad arguments, denied permission).
  return new ApiError("internal", e instanceof Error ? e.message : String(e));
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

// ---- workspace -------------------------------------------------------------------------------

/** The open workspace, or `null` when none is open. */
export const appState = () => call<WorkspaceInfo | null>("app_state");
export const workspaceNew = (path: string) => call<WorkspaceInfo>("workspace_new", { path });
export const workspaceOpen = (path: string) => call<WorkspaceInfo>("workspace_open", { path });
export const workspaceOpenDemo = () => call<WorkspaceInfo>("workspace_open_demo");
export const workspaceSaveCopy = (path: string) => call<void>("workspace_save_copy", { path });
export const settingsSet = (settings: Settings) => call<WorkspaceInfo>("settings_set", { settings });

// ---- dashboard and report --------------------------------------------------------------------

/** The first dashboard is on screen (the shell notes it for the start-up benchmark). */
export const appReady = () => call<void>("app_ready", {});
export const dashboard = (quarter: Quarter | null, lang: Lang) => call<Dashboard>("dashboard", { quarter, lang });

/** Writes the quarterly review pack to `path`; returns the path written. */
export const reportExport = (quarter: Quarter | null, lang: Lang, path: string) =>
  call<string>("report_export", { quarter, lang, path });

// ---- exports of what a screen shows ------------------------------------------------------------

/** Writes a table to `path`: CSV (UTF-8 with BOM) or XLSX by its extension (else `invalid`); returns the path written. */
export const tableExport = (path: string, table: TableData) => call<string>("table_export", { path, table });
/** Writes a chart to `path`: the SVG itself (.svg) or a PNG at 2× (.png), else `invalid`; returns the path written. */
export const chartExport = (path: string, svg: string) => call<string>("chart_export", { path, svg });

// ---- services and standards ------------------------------------------------------------------

export const servicesList = () => call<ServiceDetail[]>("services_list");
export const serviceCreate = (input: ServiceInput) => call<Service>("service_create", { input });
export const serviceUpdate = (id: number, input: ServiceInput) => call<Service>("service_update", { id, input });
/** `cascade`: the user confirmed that the service's tickets and responses go with it. */
export const serviceDelete = (id: number, cascade: boolean) => call<void>("service_delete", { id, cascade });
export const standardCreate = (input: StandardInput) => call<QualityStandard>("standard_create", { input });
export const standardUpdate = (id: number, input: StandardInput) =>
  call<QualityStandard>("standard_update", { id, input });
export const standardDelete = (id: number) => call<void>("standard_delete", { id });

// ---- business calendars ----------------------------------------------------------------------

export const calendarsList = () => call<StoredCalendar[]>("calendars_list");
/** `id` null creates a calendar; renaming one carries the standards that use it along. */
export const calendarSave = (id: number | null, def: CalendarDef) => call<StoredCalendar>("calendar_save", { id, def });
export const calendarDelete = (id: number) => call<void>("calendar_delete", { id });
/** The month view of a calendar as edited (it need not be saved). `month` is 1–12. */
export const calendarMonth = (def: CalendarDef, year: number, month: number) =>
  call<CalendarDay[]>("calendar_month", { def, year, month });
/** Holidays read from an iCalendar (.ics) file, to merge into the calendar being edited. */
export const calendarIcs = (path: string) => call<DayNote[]>("calendar_ics", { path });

// ---- breach analysis and drill-down ----------------------------------------------------------

export const breaches = (quarter: Quarter | null, options: MeasureOptions | null = null) =>
  call<BreachReport>("breaches", { quarter, options });
/** The tickets behind one figure (at most 500 rows; `total` counts them all). */
export const drill = (quarter: Quarter | null, scope: DrillScope, measure: DrillMeasure, options: MeasureOptions | null = null) =>
  call<DrillResult>("drill", { quarter, scope, measure, options });

// ---- import ----------------------------------------------------------------------------------

export const importPreview = (path: string, options: ImportOptions) =>
  call<ImportPreview>("import_preview", { path, options });
export const importRun = (path: string, options: ImportOptions) => call<ImportReport>("import_run", { path, options });
export const mappingSave = (headers: string[], format: Format, mapping: ColumnMapping) =>
  call<void>("mapping_save", { headers, format, mapping });

/** Calls `onProgress` for each `import-progress` event; returns the function that stops listening. */
export async function onImportProgress(onProgress: (p: Progress) => void): Promise<() => void> {
  return listen<Progress>("import-progress", (event) => onProgress(event.payload));
}

// ---- people and competence -------------------------------------------------------------------

/** Everything on the People screen; figures (matrix, due, training) as of `asOf` (YYYY-MM-DD), default today. */
export const people = (asOf: string | null) => call<People>("people", { asOf });
/** Creates (`id` null) or updates one record; returns its id. */
export const peopleSave = (record: PeopleRecord) => call<number>("people_save", { record });
/** Without `cascade` a record others refer to fails with `in_use`; with it, those go too. */
export const peopleDelete = (kind: PeopleKind, id: number, cascade: boolean) =>
  call<void>("people_delete", { kind, id, cascade });
export const nameMatchSave = (m: NameMatch) => call<void>("name_match_save", { m });
export const nameMatchDelete = (kind: NameKind, name: string) => call<void>("name_match_delete", { kind, name });
/** Team and person figures of `quarter` (default: the latest with tickets). */
export const performance = (quarter: Quarter | null) => call<Performance>("performance", { quarter });
/** A staff or attendance list (CSV/XLSX): every row is written or none (`rejected_rows`). */
export const peopleImport = (kind: PeopleImportKind, path: string) =>
  call<PeopleImportReport>("people_import", { kind, path });

// ---- cost-benefit --------------------------------------------------------------------------

/** The case, both scenarios (expected, measured), what the workspace measured, and notes. */
export const costBenefit = () => call<CostBenefit>("cost_benefit");
/** `discount_rate` is a fraction (0.08 = 8%); `invalid` names what is wrong. */
export const cbParamsSet = (params: CbParams) => call<void>("cb_params_set", { params });
/** Creates (`id` null) or updates a cost item; returns its id. */
export const costSave = (cost: StoredCost) => call<number>("cost_save", { cost });
export const costDelete = (id: number) => call<void>("cost_delete", { id });
/** Creates (`id` null) or updates a benefit driver; returns its id. */
export const driverSave = (driver: StoredDriver) => call<number>("driver_save", { driver });
export const driverDelete = (id: number) => call<void>("driver_delete", { id });
/** Writes the cost-benefit report to `path`: a PDF, or the tables as XLSX when it ends in .xlsx. */
export const costBenefitExport = (lang: Lang, path: string) => call<string>("cost_benefit_export", { lang, path });

// ---- feedback and continual improvement --------------------------------------------------

/** Everything on the Feedback and Improvement screens for `quarter` (null: the latest). */
export const feedback = (quarter: Quarter | null) => call<Feedback>("feedback", { quarter });
/** Creates (`id` null) or updates one record; returns its id. An action with code '' gets the next CSI-nnn. */
export const feedbackSave = (record: FeedbackRecord) => call<number>("feedback_save", { record });
/** Without `cascade` a record others refer to fails with `in_use`; with it, their references to it are cleared. */
export const feedbackDelete = (kind: FeedbackKind, id: number, cascade: boolean) =>
  call<void>("feedback_delete", { kind, id, cascade });
/** The programme evaluation's baseline quarter (null: the earliest) and its two targets (%). */
export const programmeSet = (programme: Programme) => call<void>("programme_set", { programme });

/** A survey export (CSV/XLSX/XLS/ODS): every row is written or none (`rejected_rows` lists the bad ones). */
export const surveyImport = (path: string, options: SurveyImportOptions) =>
  call<SurveyImportReport>("survey_import", { path, options });

// ---- service processes and the current-state assessment ------------------------------------

/** Every process with its versions (newest first) and `in_force`, the version in force today. */
export const processes = () => call<ProcessDoc[]>("processes");
/** Creates (`id` null) or updates a process; returns its id. A code already used is `invalid`. */
export const processSave = (process: Process) => call<number>("process_save", { process });
/** Deletes the process with all its versions and their steps. */
export const processDelete = (id: number) => call<void>("process_delete", { id });
/** Creates (`id` null) or updates an SOP version; its steps are replaced as a whole, in order; returns its id. */
export const sopVersionSave = (version: SopVersion) => call<number>("sop_version_save", { version });
/** A new version of the same process copied from version `id` (not yet approved); returns its id. */
export const sopVersionDuplicate = (id: number, version: string, effectiveFrom: string) =>
  call<number>("sop_version_duplicate", { id, version, effectiveFrom });
export const sopVersionDelete = (id: number) => call<void>("sop_version_delete", { id });
/** The request process over the tickets opened in `[start, end]`: step times, bottleneck, process map. */
export const processView = (query: ProcessQuery) => call<ProcessView>("process_view", { query });
export const questionnaire = () => call<Questionnaire>("questionnaire");
/** Dimensions and items updated by id or added (`id` null); the ones left out are deleted with their answers. */
export const questionnaireSave = (questionnaire: Questionnaire) => call<void>("questionnaire_save", { questionnaire });
/** Creates (`id` null) or updates an assessment; returns its id. */
export const assessmentSave = (assessment: CurrentStateAssessment) => call<number>("assessment_save", { assessment });
/** Deletes the assessment with its respondents and their answers. */
export const assessmentDelete = (id: number) => call<void>("assessment_delete", { id });
export const respondents = (assessmentId: number) => call<Respondent[]>("respondents", { assessmentId });
/** Creates (`id` null) or updates a respondent with all their answers (scores 1–5); returns its id. */
export const respondentSave = (assessmentId: number, respondent: Respondent) =>
  call<number>("respondent_save", { assessmentId, respondent });
export const respondentDelete = (id: number) => call<void>("respondent_delete", { id });
/** The assessments against the baseline with the evidence of `quarter` (null: the latest with tickets). */
export const assessmentView = (quarter: Quarter | null, lang: Lang) =>
  call<AssessmentView>("assessment_view", { quarter, lang });
/** A survey export's headers and rows, with the mapping saved for these headers or a guess. */
export const assessmentImportPreview = (path: string) =>
  call<AssessmentImportPreview>("assessment_import_preview", { path });
/** One row per respondent into the assessment: every row is written or none (`rejected_rows`). */
export const assessmentImport = (path: string, assessmentId: number, mapping: AssessmentMapping) =>
  call<AssessmentImportReport>("assessment_import", { path, assessmentId, mapping });
/** Writes the questionnaire as XLSX (to set a survey tool up with); returns the path written. */
export const questionnaireExport = (path: string, lang: Lang) => call<string>("questionnaire_export", { path, lang });
/** Writes one SOP version, or (null) every SOP in force today, as PDF; returns the path written. */
export const sopExport = (path: string, versionId: number | null, lang: Lang) =>
  call<string>("sop_export", { path, versionId, lang });

// ---- backups and the audit trail -------------------------------------------------------------

/** The workspace's backups, newest first. */
export const backupsList = () => call<BackupInfo[]>("backups_list");
export const backupNow = () => call<BackupInfo>("backup_now");
/** Replaces the workspace's content with the backup `name` (a file name from the list), after backing up the current state. */
export const backupRestore = (name: string) => call<BackupInfo>("backup_restore", { name });
/** The audit trail, newest first: `limit` entries older than `beforeId` (a page), of one table or all. */
export const auditList = (record: string | null, beforeId: number | null, limit: number) =>
  call<AuditEntry[]>("audit_list", { record, beforeId, limit });
/** Undoes a deletion: the row comes back as it was (`invalid` when what it belongs to is gone). */
export const auditRestore = (id: number) => call<void>("audit_restore", { id });
/** Writes the whole audit trail to `path`: CSV, or XLSX when it ends in .xlsx; returns the path written. */
export const auditExport = (path: string) => call<string>("audit_export", { path });

// ---- dialogs and the opener ------------------------------------------------------------------

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Native "open file" dialog; `null` when the user cancels. */
export async function pickFile(title: string, filters: FileFilter[]): Promise<string | null> {
  const chosen = await open({ title, filters, multiple: false, directory: false });
  return typeof chosen === "string" ? chosen : null;
}

/** Native "save as" dialog; `null` when the user cancels. */
export async function pickSavePath(title: string, defaultPath: string, filters: FileFilter[]): Promise<string | null> {
  return (await save({ title, defaultPath, filters })) ?? null;
}

/** Native yes/no question. */
export async function confirmNative(message: string, title: string, okLabel: string, cancelLabel: string): Promise<boolean> {
  return ask(message, { title, kind: "warning", okLabel, cancelLabel });
}

/** Opens a file with the system's default application (the exported PDF). */
export async function openFile(path: string): Promise<void> {
  try {
    await openPath(path);
  } catch (e) {
    throw toApiError(e);
  }
}
