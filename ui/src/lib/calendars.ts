// Business calendars in the UI: working spans typed as `HH:MM`, the names of the built-in
// calendars, the time zones the forms propose and the default pause states of a new standard.

import type { CalendarDef } from "../bindings/CalendarDef";
import type { DayNote } from "../bindings/DayNote";
import type { Span } from "../bindings/Span";
import { oneDecimal } from "./format";
import { t } from "./i18n.svelte";

export const DAY_SECONDS = 86_400;

/** The IANA zones offered in the time-zone inputs (any other valid name may be typed). */
export const COMMON_TIME_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Macau",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Australia/Sydney",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "UTC",
] as const;

/**
 * The states that stop the clock in a new standard: the core's `DEFAULT_PAUSE_STATES`
 * (ServiceNow's and Jira's usual "waiting for the user" states, in English and Chinese).
 */
export const DEFAULT_PAUSE_STATES = [
  "Awaiting User Info",
  "Awaiting Caller",
  "Awaiting Customer",
  "Pending",
  "Waiting for customer",
  "等待客户",
  "等待用户",
];

/** The built-in calendars' names as stored (`24x7` cannot be edited; `china` cannot be renamed). */
export const CAL_24X7 = "24x7";
export const CAL_CHINA = "china";

/** How a calendar is named to the user: the built-ins get a readable label. */
export function calendarLabel(name: string): string {
  if (name === CAL_24X7) return t("calendars.label.24x7");
  if (name === CAL_CHINA) return t("calendars.label.china");
  return name;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `32400` → `09:00`; the end of the day reads `24:00`. */
export function hhmm(seconds: number): string {
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}`;
}

/** `9:00`, `09:00` or `24:00` → seconds from midnight; `null` for anything else. */
export function parseHhmm(text: string): number | null {
  const m = /^\s*(\d{1,2})[:：](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 3600 + min * 60;
}

/** A working span as typed in the editor. */
export interface SpanText {
  start: string;
  end: string;
  /** Set once the user left the field: only then is a bad time marked. */
  touched?: boolean;
}

/** A calendar as the editor holds it: spans as text, so half-typed times survive. */
export interface CalendarDraft {
  name: string;
  tz: string;
  week: SpanText[][];
  holidays: DayNote[];
  workdays: DayNote[];
}

export const byDate = (a: DayNote, b: DayNote) => a.date.localeCompare(b.date);

export function toDraft(def: CalendarDef): CalendarDraft {
  return {
    name: def.name,
    tz: def.tz,
    week: Array.from({ length: 7 }, (_, i) => (def.week[i] ?? []).map((s) => ({ start: hhmm(s.start), end: hhmm(s.end) }))),
    holidays: def.holidays.map((d) => ({ ...d })).sort(byDate),
    workdays: def.workdays.map((d) => ({ ...d })).sort(byDate),
  };
}

/** A span typed correctly: both times valid and the end after the start; `null` otherwise. */
export function parseSpan(s: SpanText): Span | null {
  const start = parseHhmm(s.start);
  const end = parseHhmm(s.end);
  if (start === null || end === null || start >= DAY_SECONDS || end <= start) return null;
  return { start, end };
}

/**
 * The definition the core receives: spans in seconds and in time order, notes sorted by date with
 * trimmed names. `null` while any time is not valid (the editor marks it).
 */
export function fromDraft(d: CalendarDraft): CalendarDef | null {
  const week: Span[][] = [];
  for (const day of d.week) {
    const spans: Span[] = [];
    for (const s of day) {
      const span = parseSpan(s);
      if (!span) return null;
      spans.push(span);
    }
    week.push(spans.sort((a, b) => a.start - b.start));
  }
  const notes = (list: DayNote[]) => list.map((n) => ({ date: n.date, name: n.name.trim() })).sort(byDate);
  return { name: d.name.trim(), tz: d.tz.trim(), week, holidays: notes(d.holidays), workdays: notes(d.workdays) };
}

/** Working hours of a list of spans. */
export const spanHours = (spans: Span[]) => spans.reduce((sum, s) => sum + (s.end - s.start), 0) / 3600;

/** Working hours of a whole week. */
export const weekHours = (def: CalendarDef) => def.week.reduce((sum, day) => sum + spanHours(day), 0);

/** Hours as the calendar screens show them: `40`, `7.5`. */
export function fmtCalHours(h: number): string {
  return Number.isInteger(h) ? String(h) : oneDecimal(h);
}

/** The weekday of a `YYYY-MM-DD` date, Monday 0 … Sunday 6. */
export function weekdayMon0(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
