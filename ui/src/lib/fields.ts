// The ticket fields an import fills, in the core's order (`Field::ALL`), and which are required.

import type { Field } from "../bindings/Field";

export const ALL_FIELDS: readonly Field[] = [
  "key",
  "opened",
  "first_response",
  "resolved",
  "closed",
  "priority",
  "service",
  "category",
  "channel",
  "assignee",
  "assignment_group",
  "state",
  "reassignment_count",
  "reopen_count",
  "satisfaction",
  "mod_count",
  "updated_at",
];

/** A mapping must name a column for these (`Field::required` in the core). */
export const REQUIRED_FIELDS: readonly Field[] = ["key", "opened"];
