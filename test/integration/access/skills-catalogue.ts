import { type AccessArea, exp } from "./types";

// Routes of the skills catalogue (issue 17, part 1) against every actor: catalog:manage, so admins only.
// POST bodies are invalid (422 where allowed) so that the matrix changes nothing.
const adminOnly = (ok: number) => exp(403, 403, 403, 403, 403, ok);

export const skillsCatalogue: AccessArea = {
  name: "skills catalogue",
  rows: [
    { method: "GET", path: () => "/admin/skills", expect: adminOnly(200), note: "catalog:manage" },
    {
      method: "POST",
      path: () => "/admin/skills",
      form: () => ({ intent: "create", key: "Not A Key", name: "" }),
      expect: adminOnly(422),
    },
    {
      method: "POST",
      path: () => "/admin/skills",
      form: () => ({ intent: "move", key: "debugging", direction: "sideways" }),
      expect: adminOnly(422),
    },
    { method: "GET", path: () => "/admin/skills/debugging", expect: adminOnly(200) },
    { method: "GET", path: () => "/admin/skills/no-such-skill", expect: adminOnly(404) },
    {
      method: "POST",
      path: () => "/admin/skills/debugging",
      form: () => ({ intent: "save", name: "" }),
      expect: adminOnly(422),
    },
  ],
};
