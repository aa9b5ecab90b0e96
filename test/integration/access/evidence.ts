import type { AccessArea } from "./types";

// Routes of the evidence area against every actor (see types.ts for who the actors are).
export const evidence: AccessArea = {
  name: "evidence",
  rows: [],
};
