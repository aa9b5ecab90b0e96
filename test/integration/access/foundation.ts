import { type AccessArea, exp } from "./types";

export const foundation: AccessArea = {
  name: "foundation",
  prepare: async (app) => ({
    ben: await app.personId("ben.carter@example.com"),
  }),
  rows: [
    { method: "GET", path: () => "/", expect: exp(200, 200, 200, 200, 200, 200) },
    { method: "GET", path: () => "/profile", expect: exp(200, 200, 200, 200, 200, 200) },
    { method: "POST", path: () => "/profile", form: () => ({ current: "" }), expect: exp(422, 422, 422, 422, 422, 422) },
    {
      method: "POST",
      path: () => "/profile",
      form: () => ({ intent: "theme", theme: "purple" }),
      expect: exp(422, 422, 422, 422, 422, 422),
      note: "profile:write:own — everyone chooses their own colour scheme (issue 16); an unknown one is refused",
    },
    {
      method: "POST",
      path: () => "/profile",
      form: () => ({ intent: "working-time", timeZone: "Nowhere/At_All", workDays: "1", workStart: "09:00", workEnd: "17:00" }),
      expect: exp(422, 422, 422, 422, 422, 422),
      note: "profile:write:own — everyone sets where and when they work (issue 13); an unknown zone is refused",
    },
    { method: "GET", path: () => "/admin", expect: exp(403, 403, 403, 403, 403, 200) },
    { method: "GET", path: () => "/admin/people", expect: exp(403, 403, 403, 403, 403, 200) },
    { method: "GET", path: () => "/admin/people/new", expect: exp(403, 403, 403, 403, 403, 200) },
    { method: "POST", path: () => "/admin/people/new", form: () => ({ name: "" }), expect: exp(403, 403, 403, 403, 403, 422) },
    { method: "GET", path: (c) => `/admin/people/${c.ben}`, expect: exp(403, 403, 403, 403, 403, 200) },
    {
      method: "POST",
      path: (c) => `/admin/people/${c.ben}`,
      form: () => ({ intent: "save", name: "" }),
      expect: exp(403, 403, 403, 403, 403, 422),
    },
    {
      method: "POST",
      path: (c) => `/admin/people/${c.ben}`,
      form: () => ({ intent: "deactivate" }),
      expect: exp(403, 403, 403, 403, 403, 302),
      note: "the admin row deactivates Ben last; the matrix reactivates him afterwards",
    },
  ],
};
