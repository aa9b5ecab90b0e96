import type { AccessArea } from "./types";

// Routes of the appraisals area against every actor (see types.ts for who the actors are).
export const appraisals: AccessArea = {
  name: "appraisals",
  rows: [],
};
