// What a new improvement action starts with when it is raised from somewhere (a review meeting).

import type { Origin } from "../../bindings/Origin";

export interface ActionPreset {
  origin?: Origin;
  meeting_id?: number | null;
}
