// The People commands of the mock shell: the records of `fixtures.peopleRecords`, edited in
// memory, with the figures derived by `fixtures.peopleOf` as the core derives them.

import type { NameMatch } from "../bindings/NameMatch";
import type { PeopleKind } from "../bindings/PeopleKind";
import type { PeopleRecord } from "../bindings/PeopleRecord";
import type { Quarter } from "../bindings/Quarter";
import * as fx from "../test/fixtures";

/** The mock's "today": the fixtures describe 2026 Q3. */
const TODAY = "2026-09-30";

let rec = structuredClone(fx.peopleRecords);
let nextId = 10_000;

function upsert<T extends { id: number }>(list: T[], item: T) {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) list[i] = item;
  else list.push(item);
}

const invalid = (message: string) => ({ code: "invalid", message: `invalid: ${message}`, rows: null });
const sessions = () => rec.courses.flatMap((c) => c.sessions);
function staffOf(id: number) {
  const p = rec.staff.find((x) => x.id === id);
  if (!p) throw invalid("staff member: not found");
  return p;
}

function save(r: PeopleRecord): number {
  const id = r.id ?? nextId++;
  switch (r.record) {
    case "role": {
      const { record: _, ...v } = r;
      const old = rec.roles.find((x) => x.id === id);
      upsert(rec.roles, { ...v, id, builtin: old?.builtin ?? false, requirements: old?.requirements ?? [] });
      break;
    }
    case "requirement": {
      const role = rec.roles.find((x) => x.id === r.role_id);
      if (!role) throw invalid("role: not found");
      if (role.requirements.some((q) => q.id !== id && q.competence.toLowerCase() === r.competence.toLowerCase())) {
        throw invalid(`the requirement of ${role.code} for '${r.competence}' already exists`);
      }
      upsert(role.requirements, { id, role_id: r.role_id, competence: r.competence, level: r.level });
      break;
    }
    case "staff": {
      if (rec.staff.some((p) => p.id !== id && p.code === r.code)) throw invalid(`a staff member with employee number '${r.code}' already exists`);
      const old = rec.staff.find((x) => x.id === id);
      const { record: _, ...v } = r;
      upsert(rec.staff, { ...v, id, assignments: old?.assignments ?? [], assessments: old?.assessments ?? [] });
      break;
    }
    case "assignment": {
      const { record: _, ...v } = r;
      const p = staffOf(r.staff_id);
      p.assignments = [...p.assignments.filter((a) => a.id !== id), { ...v, id }];
      break;
    }
    case "assessment": {
      const { record: _, ...v } = r;
      const p = staffOf(r.staff_id);
      p.assessments = [...p.assessments.filter((a) => a.id !== id), { ...v, id }];
      break;
    }
    case "course": {
      const old = rec.courses.find((x) => x.id === id);
      const { record: _, ...v } = r;
      upsert(rec.courses, { ...v, id, sessions: old?.sessions ?? [], effectiveness: old?.effectiveness ?? fx.effectivenessOf([]) });
      break;
    }
    case "session": {
      const course = rec.courses.find((x) => x.id === r.course_id);
      if (!course) throw invalid("course: not found");
      const old = course.sessions.find((x) => x.id === id);
      const { record: _, ...v } = r;
      upsert(course.sessions, { ...v, id, attendance: old?.attendance ?? [], effectiveness: fx.effectivenessOf([]) });
      break;
    }
    case "attendance": {
      const s = sessions().find((x) => x.id === r.session_id);
      if (!s) throw invalid("training session: not found");
      const { record: _, ...v } = r;
      upsert(s.attendance, { ...v, id });
      break;
    }
    case "reward": {
      const { record: _, ...v } = r;
      upsert(rec.rewards, { ...v, id });
      rec.rewards.sort((a, b) => b.awarded_on.localeCompare(a.awarded_on) || b.id - a.id);
      break;
    }
  }
  return id;
}

/** What refers to a record, as the core's `people_usage` counts it. */
function usage(kind: PeopleKind, id: number): [string, number][] {
  const count = (what: string, n: number): [string, number][] => (n > 0 ? [[what, n]] : []);
  const all = sessions().flatMap((s) => s.attendance);
  switch (kind) {
    case "role":
      return [
        ...count("role assignments", rec.staff.flatMap((p) => p.assignments).filter((a) => a.role_id === id).length),
        ...count("competence requirements", rec.roles.find((r) => r.id === id)?.requirements.length ?? 0),
      ];
    case "staff": {
      const p = rec.staff.find((x) => x.id === id);
      return [
        ...count("role assignments", p?.assignments.length ?? 0),
        ...count("assessments", p?.assessments.length ?? 0),
        ...count("training attendances", all.filter((a) => a.staff_id === id).length),
        ...count("rewards and penalties", rec.rewards.filter((r) => r.staff_id === id).length),
        ...count("name matches", rec.matches.filter((m) => m.staff_id === id).length),
      ];
    }
    case "course": {
      const c = rec.courses.find((x) => x.id === id);
      return [...count("sessions", c?.sessions.length ?? 0), ...count("attendances", c?.sessions.flatMap((s) => s.attendance).length ?? 0)];
    }
    case "session":
      return count("attendances", sessions().find((s) => s.id === id)?.attendance.length ?? 0);
    default:
      return [];
  }
}

const NOUN: Record<PeopleKind, string> = {
  role: "role",
  requirement: "competence requirement",
  staff: "staff member",
  assignment: "role assignment",
  assessment: "assessment",
  course: "course",
  session: "training session",
  attendance: "attendance",
  reward: "reward or penalty",
};

function remove(kind: PeopleKind, id: number, cascade: boolean) {
  if (kind === "role" && rec.roles.find((r) => r.id === id)?.builtin) throw invalid("the plan's three roles can be edited but not deleted");
  const used = usage(kind, id);
  if (!cascade && used.length > 0) {
    throw { code: "in_use", message: `${NOUN[kind]} ${id} is referenced by other records: ${used.map(([w, n]) => `${n} ${w}`).join(", ")}`, rows: null };
  }
  rec.roles = rec.roles.filter((r) => !(kind === "role" && r.id === id));
  for (const r of rec.roles) r.requirements = r.requirements.filter((q) => !(kind === "requirement" && q.id === id));
  rec.staff = rec.staff.filter((p) => !(kind === "staff" && p.id === id));
  for (const p of rec.staff) {
    p.assignments = p.assignments.filter((a) => !(kind === "assignment" && a.id === id) && !(kind === "role" && a.role_id === id));
    p.assessments = p.assessments.filter((a) => !(kind === "assessment" && a.id === id));
  }
  rec.courses = rec.courses.filter((c) => !(kind === "course" && c.id === id));
  for (const c of rec.courses) {
    c.sessions = c.sessions.filter((s) => !(kind === "session" && s.id === id));
    for (const s of c.sessions) s.attendance = s.attendance.filter((a) => !(kind === "attendance" && a.id === id) && !(kind === "staff" && a.staff_id === id));
  }
  rec.rewards = rec.rewards.filter((r) => !(kind === "reward" && r.id === id) && !(kind === "staff" && r.staff_id === id));
  rec.matches = rec.matches.filter((m) => !(kind === "staff" && m.staff_id === id));
}

function saveMatch(m: NameMatch) {
  rec.matches = [...rec.matches.filter((x) => !(x.kind === m.kind && x.name === m.name)), m].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
  );
}

function performance(quarter: Quarter | null) {
  const done = (kind: string, name: string) => rec.matches.some((m) => m.kind === kind && m.name === name);
  return {
    ...fx.performanceData,
    quarter: quarter ?? fx.performanceData.quarter,
    unmatched: fx.performanceData.unmatched.filter((u) => !done(u.kind, u.name)),
  };
}

/** The answer to a People command, or `undefined` when `cmd` is not one. */
export function peopleCommand(cmd: string, args: Record<string, any>, reject: boolean): unknown {
  switch (cmd) {
    case "people":
      return fx.peopleOf(structuredClone(rec), args.asOf ?? TODAY);
    case "people_save":
      return save(args.record);
    case "people_delete":
      remove(args.kind, args.id, args.cascade);
      return null;
    case "name_match_save":
      saveMatch(args.m);
      return null;
    case "name_match_delete":
      rec.matches = rec.matches.filter((m) => !(m.kind === args.kind && m.name === args.name));
      return null;
    case "performance":
      return performance(args.quarter);
    case "people_import":
      if (reject) {
        throw { code: "rejected_rows", message: `${fx.peopleRowErrors.length} rows rejected, nothing imported`, rows: fx.peopleRowErrors };
      }
      return args.kind === "staff"
        ? fx.peopleImportReport
        : { ...fx.peopleImportReport, file: "attendance.xlsx", rows: 62, staff_added: 0, staff_updated: 0, assignments_added: 0, sessions_added: 3, attendance_added: 60, attendance_updated: 2 };
    default:
      return undefined;
  }
}
