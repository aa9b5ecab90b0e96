import { now as clockNow } from "../../../app/clock.server";
import { type AccessArea, exp } from "./types";

// Routes of the dashboard area against every actor (see types.ts for who the actors are).
// Every POST sends input that is refused (400/422) where the actor is allowed, so nothing changes.
const everyone = exp(200, 200, 200, 200, 200, 200);
const dashboardOfBen = exp(200, 404, 404, 200, 404, 200);
const goalsOfBen = (ok: number) => exp(ok, 404, 404, ok, 404, 404);
const adminOnly = (ok: number) => exp(403, 403, 403, 403, 403, ok);

export const dashboard: AccessArea = {
  name: "dashboard",
  prepare: async (app) => {
    const ben = await app.personId("ben.carter@example.com");
    const lead = (await app.db.selectFrom("positions").select("id").where("key", "=", "lead").executeTakeFirstOrThrow()).id;
    const ts = clockNow().toISOString();
    const { id: benGoal } = await app.db
      .insertInto("goals")
      .values({
        person_id: ben,
        title: "Access-matrix goal",
        skill_key: "continuity",
        position_id: lead,
        due_date: "2027-01-31",
        status: "open",
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ben, lead, benGoal };
  },
  rows: [
    { method: "GET", path: (c) => `/?target=${c.lead}`, expect: everyone, note: "one's own dashboard, any target" },
    {
      method: "GET",
      path: () => "/?target=999999999",
      expect: exp(422, 422, 422, 422, 422, 422),
      note: "a target that names no position: 422 beside the picker, nothing remembered (issue 16)",
    },
    {
      method: "GET",
      path: (c) => `/people/${c.ben}?target=abc`,
      expect: exp(422, 404, 404, 422, 404, 422),
      note: "the same on a report's dashboard, after dashboard:read",
    },
    {
      method: "GET",
      path: () => "/evidence?clear=filters",
      expect: everyone,
      note: "forgets one's own remembered evidence filters (preferences:write, own)",
    },
    {
      method: "GET",
      path: (c) => `/people/${c.ben}`,
      expect: dashboardOfBen,
      note: "dashboard:read — oneself, the manager's subtree, admins; 404 for everyone else",
    },
    { method: "GET", path: (c) => `/people/${c.ben}?target=${c.lead}`, expect: dashboardOfBen },

    { method: "GET", path: () => "/goals/new", expect: everyone, note: "goal:write:own — everyone sets their own goals" },
    {
      method: "POST",
      path: () => "/goals/new",
      form: () => ({ intent: "save", title: "" }),
      expect: exp(422, 422, 422, 422, 422, 422),
    },
    {
      method: "GET",
      path: (c) => `/goals/new?person=${c.ben}`,
      expect: goalsOfBen(200),
      note: "goal:write:subtree — a manager for their reports; admins only hold goal:write:own",
    },
    {
      method: "POST",
      path: (c) => `/goals/new?person=${c.ben}`,
      form: () => ({ intent: "save", title: "" }),
      expect: goalsOfBen(422),
    },
    { method: "GET", path: (c) => `/goals/${c.benGoal}`, expect: goalsOfBen(200) },
    { method: "POST", path: (c) => `/goals/${c.benGoal}`, form: () => ({ intent: "save", title: "" }), expect: goalsOfBen(422) },
    {
      method: "POST",
      path: (c) => `/goals/${c.benGoal}`,
      form: () => ({ intent: "delete" }),
      expect: goalsOfBen(422),
      note: "deleting needs confirm=yes: refused without it",
    },

    { method: "GET", path: () => "/admin/ladder", expect: adminOnly(200), note: "catalog:manage" },
    { method: "POST", path: () => "/admin/ladder", form: () => ({ intent: "create", name: "" }), expect: adminOnly(422) },
    {
      method: "POST",
      path: () => "/admin/ladder",
      form: (c) => ({ intent: "move", id: String(c.lead), direction: "sideways" }),
      expect: adminOnly(422),
    },
    { method: "GET", path: (c) => `/admin/ladder/${c.lead}`, expect: adminOnly(200) },
    {
      method: "POST",
      path: (c) => `/admin/ladder/${c.lead}`,
      form: () => ({ intent: "save", name: "" }),
      expect: adminOnly(422),
    },
  ],
};
