// On-call health (issue 13 point 4) against every actor: health:read for one's own page and, through the
// permission module, a report's (managers their line, admins anyone); the team's page is team:read.
import { type AccessArea, exp } from "./types";

export const health: AccessArea = {
  name: "health",
  prepare: async (app) => ({
    healthBen: await app.personId("ben.carter@example.com"),
    healthSofia: await app.personId("sofia.marin@example.com"),
  }),
  rows: [
    { method: "GET", path: () => "/health", expect: exp(200, 200, 200, 200, 200, 200), note: "health:read:own" },
    {
      method: "GET",
      path: (c) => `/health?person=${c.healthBen}`,
      expect: exp(200, 404, 404, 200, 404, 200),
      note: "a colleague's health is not theirs to read; Ben's manager and admins may",
    },
    { method: "GET", path: () => "/health?person=ben", expect: exp(404, 404, 404, 404, 404, 404) },
    { method: "GET", path: () => "/team/health", expect: exp(403, 403, 403, 200, 200, 200), note: "team:read" },
    {
      method: "GET",
      path: (c) => `/team/health?manager=${c.healthSofia}`,
      expect: exp(403, 403, 403, 404, 200, 200),
      note: "a manager sees their own line only; admins any manager's",
    },
  ],
};
