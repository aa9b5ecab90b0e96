import type { AccessArea } from "./types";

// Routes of the imports area against every actor (see types.ts for who the actors are).
export const imports: AccessArea = {
  name: "imports",
  rows: [],
};
