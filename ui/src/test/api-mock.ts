// A stand-in for `src/api.ts` in component tests: every command is a `vi.fn()`, the error type
// and its conversion stay real so components switch on `code` as they do in the app.
//   vi.mock("../api", () => import("./api-mock"));

import { vi } from "vitest";
import type * as Api from "../api";

const actual = await vi.importActual<typeof Api>("../api");

export const ApiError = actual.ApiError;
export const toApiError = actual.toApiError;

export const appState = vi.fn<typeof Api.appState>();
export const workspaceNew = vi.fn<typeof Api.workspaceNew>();
export const workspaceOpen = vi.fn<typeof Api.workspaceOpen>();
export const workspaceOpenDemo = vi.fn<typeof Api.workspaceOpenDemo>();
export const workspaceSaveCopy = vi.fn<typeof Api.workspaceSaveCopy>();
export const settingsSet = vi.fn<typeof Api.settingsSet>();
export const dashboard = vi.fn<typeof Api.dashboard>();
export const reportExport = vi.fn<typeof Api.reportExport>();
export const tableExport = vi.fn<typeof Api.tableExport>();
export const chartExport = vi.fn<typeof Api.chartExport>();
export const servicesList = vi.fn<typeof Api.servicesList>();
export const serviceCreate = vi.fn<typeof Api.serviceCreate>();
export const serviceUpdate = vi.fn<typeof Api.serviceUpdate>();
export const serviceDelete = vi.fn<typeof Api.serviceDelete>();
export const standardCreate = vi.fn<typeof Api.standardCreate>();
export const standardUpdate = vi.fn<typeof Api.standardUpdate>();
export const standardDelete = vi.fn<typeof Api.standardDelete>();
export const calendarsList = vi.fn<typeof Api.calendarsList>();
export const calendarSave = vi.fn<typeof Api.calendarSave>();
export const calendarDelete = vi.fn<typeof Api.calendarDelete>();
export const calendarMonth = vi.fn<typeof Api.calendarMonth>();
export const calendarIcs = vi.fn<typeof Api.calendarIcs>();
export const breaches = vi.fn<typeof Api.breaches>();
export const drill = vi.fn<typeof Api.drill>();
export const importPreview = vi.fn<typeof Api.importPreview>();
export const importRun = vi.fn<typeof Api.importRun>();
export const mappingSave = vi.fn<typeof Api.mappingSave>();
export const onImportProgress = vi.fn<typeof Api.onImportProgress>();
export const people = vi.fn<typeof Api.people>();
export const peopleSave = vi.fn<typeof Api.peopleSave>();
export const peopleDelete = vi.fn<typeof Api.peopleDelete>();
export const nameMatchSave = vi.fn<typeof Api.nameMatchSave>();
export const nameMatchDelete = vi.fn<typeof Api.nameMatchDelete>();
export const performance = vi.fn<typeof Api.performance>();
export const peopleImport = vi.fn<typeof Api.peopleImport>();
export const costBenefit = vi.fn<typeof Api.costBenefit>();
export const cbParamsSet = vi.fn<typeof Api.cbParamsSet>();
export const costSave = vi.fn<typeof Api.costSave>();
export const costDelete = vi.fn<typeof Api.costDelete>();
export const driverSave = vi.fn<typeof Api.driverSave>();
export const driverDelete = vi.fn<typeof Api.driverDelete>();
export const costBenefitExport = vi.fn<typeof Api.costBenefitExport>();
export const feedback = vi.fn<typeof Api.feedback>();
export const feedbackSave = vi.fn<typeof Api.feedbackSave>();
export const feedbackDelete = vi.fn<typeof Api.feedbackDelete>();
export const programmeSet = vi.fn<typeof Api.programmeSet>();
export const surveyImport = vi.fn<typeof Api.surveyImport>();
export const backupsList = vi.fn<typeof Api.backupsList>();
export const backupNow = vi.fn<typeof Api.backupNow>();
export const backupRestore = vi.fn<typeof Api.backupRestore>();
export const auditList = vi.fn<typeof Api.auditList>();
export const auditRestore = vi.fn<typeof Api.auditRestore>();
export const auditExport = vi.fn<typeof Api.auditExport>();
export const pickFile = vi.fn<typeof Api.pickFile>();
export const pickSavePath = vi.fn<typeof Api.pickSavePath>();
export const confirmNative = vi.fn<typeof Api.confirmNative>();
export const openFile = vi.fn<typeof Api.openFile>();
