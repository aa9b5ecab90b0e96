// Teams (issue 16, point 9) against every actor: catalog:manage, so admins only. POST bodies are invalid
// (422 where allowed) or refused (409) so that the matrix changes nothing.
import { teamId } from "../../support/factories";
import { type AccessArea, exp } from "./types";

const adminOnly = (ok: number) => exp(403, 403, 403, 403, 403, ok);

export const teams: AccessArea = {
  name: "teams",
  prepare: async (app) => ({ team: await teamId(app.db, "Platform Support") }),
  rows: [
    { method: "GET", path: () => "/admin/teams", expect: adminOnly(200), note: "catalog:manage" },
    { method: "POST", path: () => "/admin/teams", form: () => ({ intent: "create", name: "" }), expect: adminOnly(422) },
    { method: "GET", path: (c) => `/admin/teams/${c.team}`, expect: adminOnly(200) },
    { method: "GET", path: () => "/admin/teams/999999999", expect: adminOnly(404) },
    {
      method: "POST",
      path: (c) => `/admin/teams/${c.team}`,
      form: () => ({ intent: "rename", name: "" }),
      expect: adminOnly(422),
    },
    {
      method: "POST",
      path: (c) => `/admin/teams/${c.team}`,
      form: () => ({ intent: "retire" }),
      expect: adminOnly(409),
      note: "a team with active members cannot be retired",
    },
  ],
};
