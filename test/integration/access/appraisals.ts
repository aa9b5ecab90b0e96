import { now as clockNow } from "../../../app/clock.server";
import { type AccessArea, exp } from "./types";

// Routes of the appraisals area (appraisals, cycles, calibration, team view, admin cycles and settings)
// against every actor (see types.ts for who the actors are). Every POST is one that changes nothing:
// refused input (422), a refused transition (403/409) or, for "start for all", a cycle where everyone
// already has an appraisal.
const adminOnly = exp(403, 403, 403, 403, 403, 200);
const managersAndAdmins = exp(403, 403, 403, 200, 200, 200);
/** appraisal:read — the employee, their managers (subtree), admins; 404 for everyone else */
const readers = (self: number, manager: number, admin: number) => exp(self, 404, 404, manager, 404, admin);

export const appraisals: AccessArea = {
  name: "appraisals",
  prepare: async (app) => {
    const ben = await app.personId("ben.carter@example.com");
    const daniel = await app.personId("daniel.kowalski@example.com");
    const sofia = await app.personId("sofia.marin@example.com");
    const cycles = await app.db
      .selectFrom("appraisal_cycles")
      .select(["id", "name"])
      .where("name", "like", "% annual review")
      .orderBy("period_start")
      .execute();
    const past = cycles[0]!;
    const current = cycles[cycles.length - 1]!;
    const apprPast = await app.db
      .selectFrom("appraisals")
      .select(["id", "state"])
      .where("cycle_id", "=", past.id)
      .where("person_id", "=", ben)
      .executeTakeFirstOrThrow();
    if (apprPast.state !== "acknowledged") throw new Error("the demo data should have Ben's past appraisal acknowledged");
    // An open appraisal of Ben's in this year's cycle (the demo leaves Daniel's team to be started).
    const ts = clockNow().toISOString();
    await app.db
      .insertInto("appraisals")
      .values({
        cycle_id: current.id,
        person_id: ben,
        manager_id: daniel,
        state: "self_assessment",
        created_at: ts,
        updated_at: ts,
      })
      .onConflict((oc) => oc.columns(["cycle_id", "person_id"]).doNothing())
      .execute();
    const apprOpen = await app.db
      .selectFrom("appraisals")
      .select("id")
      .where("cycle_id", "=", current.id)
      .where("person_id", "=", ben)
      .executeTakeFirstOrThrow();
    return { apprBen: ben, apprSofia: sofia, apprPastCycle: past.id, apprPast: apprPast.id, apprOpen: apprOpen.id };
  },
  rows: [
    { method: "GET", path: () => "/appraisals", expect: exp(200, 200, 200, 200, 200, 200) },
    { method: "GET", path: (c) => `/appraisals/${c.apprPast}`, expect: readers(200, 200, 200) },
    { method: "GET", path: () => "/appraisals/999999", expect: exp(404, 404, 404, 404, 404, 404) },
    {
      method: "POST",
      path: (c) => `/appraisals/${c.apprOpen}`,
      form: () => ({ intent: "save_self", "ratings.debugging.level": "9", summary: "" }),
      expect: readers(422, 403, 403),
      note: "only the employee writes the self-assessment; an impossible level → 422",
    },
    {
      method: "POST",
      path: (c) => `/appraisals/${c.apprOpen}`,
      form: () => ({ intent: "save_review", "ratings.debugging.level": "1" }),
      expect: readers(409, 409, 409),
      note: "no review during the self-assessment stage",
    },
    {
      method: "POST",
      path: (c) => `/appraisals/${c.apprPast}`,
      form: () => ({ intent: "reopen", reason: "" }),
      expect: readers(403, 403, 422),
      note: "only an admin reopens, and needs a reason",
    },
    {
      method: "POST",
      path: (c) => `/appraisals/${c.apprPast}`,
      form: () => ({ intent: "save_review", "ratings.debugging.level": "1" }),
      expect: readers(409, 409, 409),
      note: "signed off and acknowledged: locked for everyone",
    },
    {
      method: "POST",
      path: (c) => `/appraisals/${c.apprPast}`,
      form: () => ({ intent: "acknowledge" }),
      expect: readers(409, 409, 409),
    },
    { method: "GET", path: (c) => `/appraisals/history/${c.apprBen}`, expect: readers(200, 200, 200) },
    { method: "GET", path: (c) => `/appraisals/cycles/${c.apprPastCycle}`, expect: managersAndAdmins },
    { method: "GET", path: () => "/appraisals/cycles/999999", expect: exp(403, 403, 403, 404, 404, 404) },
    {
      method: "POST",
      path: (c) => `/appraisals/cycles/${c.apprPastCycle}`,
      form: (c) => ({ intent: "start", personId: String(c.apprBen) }),
      expect: exp(403, 403, 403, 409, 404, 409),
      note: "already started in that cycle; another team's manager cannot reach Ben",
    },
    {
      method: "POST",
      path: (c) => `/appraisals/cycles/${c.apprPastCycle}`,
      form: () => ({ intent: "start", personId: "" }),
      expect: exp(403, 403, 403, 422, 422, 422),
    },
    {
      method: "POST",
      path: (c) => `/appraisals/cycles/${c.apprPastCycle}`,
      form: () => ({ intent: "start_all" }),
      expect: exp(403, 403, 403, 302, 302, 403),
      note: "everyone in both teams already has one: starts 0; the admin has no reports",
    },
    { method: "GET", path: (c) => `/appraisals/cycles/${c.apprPastCycle}/calibration`, expect: managersAndAdmins },
    { method: "GET", path: () => "/team", expect: managersAndAdmins },
    {
      method: "GET",
      path: (c) => `/team?manager=${c.apprSofia}`,
      expect: exp(403, 403, 403, 404, 200, 200),
      note: "a manager sees their own line only; admins any manager's",
    },
    { method: "GET", path: () => "/admin/cycles", expect: adminOnly },
    { method: "POST", path: () => "/admin/cycles", form: () => ({ name: "" }), expect: exp(403, 403, 403, 403, 403, 422) },
    { method: "GET", path: () => "/admin/settings", expect: adminOnly },
    {
      method: "POST",
      path: () => "/admin/settings",
      form: () => ({ halfLifeMonths: "" }),
      expect: exp(403, 403, 403, 403, 403, 422),
    },
  ],
};
