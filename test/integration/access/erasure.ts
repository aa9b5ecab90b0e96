// Issue 17, point 6 (erasure; ADR 023): only an admin reaches the erase page and its action. The rows' posts
// change nothing even where allowed: an empty confirmation (422), an active person (409).
import { makePerson } from "../../support/factories";
import { type AccessArea, ACTORS, exp } from "./types";

export const erasure: AccessArea = {
  name: "erasure",
  prepare: async (app) => {
    const leaver = await makePerson(app.db);
    const stays = await makePerson(app.db);
    const admin = await app.signIn(ACTORS.admin);
    await app.post(`/admin/people/${leaver.id}`, { intent: "deactivate" }, admin);
    return { leaver: leaver.id, stays: stays.id, staysName: stays.name };
  },
  rows: [
    { method: "GET", path: (c) => `/admin/people/${c.leaver}/erase`, expect: exp(403, 403, 403, 403, 403, 200) },
    {
      method: "POST",
      path: (c) => `/admin/people/${c.leaver}/erase`,
      form: () => ({ confirmName: "" }),
      expect: exp(403, 403, 403, 403, 403, 422),
    },
    {
      method: "POST",
      path: (c) => `/admin/people/${c.stays}/erase`,
      form: (c) => ({ confirmName: String(c.staysName) }),
      expect: exp(403, 403, 403, 403, 403, 409),
      note: "an active person: deactivate first",
    },
  ],
};
