import { type AccessArea, exp } from "./types";

// Ladder templates (issue 17, part 4): export and import a ladder; catalog:manage, so admins only.
const adminOnly = (ok: number) => exp(403, 403, 403, 403, 403, ok);

export const ladderTemplates: AccessArea = {
  name: "ladder templates",
  rows: [
    { method: "GET", path: () => "/admin/ladder/export", expect: adminOnly(200), note: "a JSON download" },
    { method: "GET", path: () => "/admin/ladder/import", expect: adminOnly(200) },
    {
      method: "POST",
      path: () => "/admin/ladder/import",
      form: () => ({ intent: "apply", template: "", fingerprint: "" }),
      expect: adminOnly(422),
      note: "nothing previewed: refused at the field, nothing written",
    },
  ],
};
