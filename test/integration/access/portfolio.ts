import type { AccessArea } from "./types";

// Routes of the portfolio area against every actor (see types.ts for who the actors are).
export const portfolio: AccessArea = {
  name: "portfolio",
  rows: [],
};
