import { it } from "vitest";
import { peopleData } from "./fixtures";
it("probe", () => {
  const m = peopleData.matrix;
  console.log(JSON.stringify({ comps: m.competences, req: m.required, met: m.met, gaps: m.gaps, na: m.not_assessed }));
  for (const r of m.rows) console.log(r.staff_id, r.name, r.role_ids.join(","), r.cells.map((c) => `${c.status}:${c.assessed}/${c.required}`).join(" "));
  console.log(JSON.stringify(peopleData.due));
  for (const c of peopleData.courses) console.log(c.code, JSON.stringify(c.effectiveness), c.sessions.map((s) => JSON.stringify(s.effectiveness)).join(" | "));
  console.log(JSON.stringify(peopleData.training));
  console.log(JSON.stringify(peopleData.matrix.by_role));
});
