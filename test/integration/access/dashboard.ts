import type { AccessArea } from "./types";

// Routes of the dashboard area against every actor (see types.ts for who the actors are).
export const dashboard: AccessArea = {
  name: "dashboard",
  rows: [],
};
