import { type AccessArea, exp } from "./types";

// Routes of the evidence area against every actor (see types.ts for who the actors are).
// Every POST sends input that is refused (400/409/422) where the actor is allowed, so nothing changes.
const forbidden = exp(403, 403, 403, 403, 403, 200);
const ownerOnly = (ok: number) => exp(ok, 404, 404, 404, 404, 404);

export const evidence: AccessArea = {
  name: "evidence",
  prepare: async (app) => {
    const ben = await app.personId("ben.carter@example.com");
    const item = (status: string) =>
      app.db
        .selectFrom("evidence")
        .select("id")
        .where("person_id", "=", ben)
        .where("status", "=", status as never)
        .orderBy("id")
        .executeTakeFirstOrThrow();
    const rule = await app.db.selectFrom("mapping_rules").select("id").orderBy("id").executeTakeFirstOrThrow();
    return { ben, benSubmitted: (await item("submitted")).id, benDraft: (await item("draft")).id, rule: rule.id };
  },
  rows: [
    { method: "GET", path: () => "/evidence", expect: exp(200, 200, 200, 200, 200, 200) },
    {
      method: "GET",
      path: (c) => `/evidence?person=${c.ben}`,
      expect: exp(200, 200, 404, 200, 404, 200),
      note: "evidence:read — own, team colleagues, the manager's subtree, admins",
    },
    { method: "GET", path: () => "/evidence/new", expect: exp(200, 200, 200, 200, 200, 200) },
    {
      method: "POST",
      path: () => "/evidence/new",
      form: () => ({ intent: "draft", title: "" }),
      expect: exp(422, 422, 422, 422, 422, 422),
      note: "everyone logs their own work; an empty title is refused",
    },
    { method: "GET", path: (c) => `/evidence/${c.benSubmitted}`, expect: exp(200, 200, 404, 200, 404, 200) },
    { method: "GET", path: (c) => `/evidence/${c.benDraft}`, expect: ownerOnly(200), note: "a draft is private to its owner" },
    {
      method: "POST",
      path: (c) => `/evidence/${c.benSubmitted}`,
      form: () => ({ intent: "submit" }),
      expect: ownerOnly(409),
      note: "already submitted: the owner gets 409",
    },
    {
      method: "POST",
      path: (c) => `/evidence/${c.benSubmitted}`,
      form: () => ({ intent: "return", reason: "" }),
      expect: exp(404, 404, 404, 422, 404, 404),
      note: "evidence:verify — only a manager of the person; no reason → 422",
    },
    {
      method: "POST",
      path: (c) => `/evidence/${c.benSubmitted}`,
      form: () => ({ intent: "adjust", "adj.design": "9", "reason.design": "x" }),
      expect: ownerOnly(422),
    },
    {
      method: "POST",
      path: (c) => `/evidence/${c.benSubmitted}`,
      form: () => ({ intent: "endorse", comment: "" }),
      expect: exp(404, 422, 404, 422, 404, 404),
      note: "evidence:endorse — team colleagues (Daniel is in the same team), never the owner",
    },
    {
      method: "POST",
      path: (c) => `/evidence/${c.benSubmitted}`,
      form: () => ({ intent: "bogus" }),
      expect: exp(400, 400, 404, 400, 404, 400),
    },
    { method: "GET", path: (c) => `/evidence/${c.benSubmitted}/edit`, expect: ownerOnly(200) },
    {
      method: "POST",
      path: (c) => `/evidence/${c.benSubmitted}/edit`,
      form: () => ({ intent: "save", title: "" }),
      expect: ownerOnly(422),
    },
    { method: "GET", path: (c) => `/evidence/${c.benSubmitted}/delete`, expect: ownerOnly(200) },
    {
      method: "POST",
      path: (c) => `/evidence/${c.benSubmitted}/delete`,
      form: () => ({}),
      expect: ownerOnly(422),
      note: "no confirmation → 422 (an invalid submission)",
    },
    { method: "GET", path: () => "/review", expect: exp(403, 403, 403, 200, 200, 403) },
    {
      method: "GET",
      path: () => "/review?clear=filters",
      expect: exp(403, 403, 403, 200, 200, 403),
      note: "forgets the reviewer's remembered person filter (issue 16); evidence:verify first",
    },
    {
      method: "POST",
      path: () => "/review",
      form: (c) => ({ intent: "return", id: String(c.benSubmitted), reason: "" }),
      expect: exp(403, 403, 403, 422, 404, 403),
    },
    { method: "GET", path: () => "/admin/rules", expect: forbidden },
    { method: "POST", path: () => "/admin/rules", form: () => ({ intent: "bogus" }), expect: exp(403, 403, 403, 403, 403, 400) },
    { method: "GET", path: () => "/admin/rules/new", expect: forbidden },
    {
      method: "POST",
      path: () => "/admin/rules/new",
      form: () => ({ kind: "incident", skill: "crisis", points: "99", reason: "x" }),
      expect: exp(403, 403, 403, 403, 403, 422),
    },
    { method: "GET", path: (c) => `/admin/rules/${c.rule}`, expect: forbidden },
    {
      method: "POST",
      path: (c) => `/admin/rules/${c.rule}`,
      form: () => ({ intent: "save", kind: "incident", skill: "nope", points: "1", reason: "x" }),
      expect: exp(403, 403, 403, 403, 403, 422),
    },
  ],
};
