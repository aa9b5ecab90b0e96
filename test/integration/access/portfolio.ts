import { type AccessArea, exp } from "./types";

// Routes of the portfolio area against every actor (see types.ts for who the actors are).
// portfolio:export is held for oneself by everyone and for the reporting subtree by managers; admins
// have no subtree, so they too get 404 for Ben. Without ?person= each actor gets their own portfolio.
// The routes only read: a POST has no action to run and is refused with 405 for everyone.
const own = exp(200, 200, 200, 200, 200, 200);
const bens = exp(200, 404, 404, 200, 404, 404);
const noAction = { anonymous: 405, self: 405, engineer: 405, otherEngineer: 405, manager: 405, otherManager: 405, admin: 405 };
const badPeriod = "from=2025-02-30";

export const portfolio: AccessArea = {
  name: "portfolio",
  prepare: async (app) => ({ ben: await app.personId("ben.carter@example.com") }),
  rows: [
    { method: "GET", path: () => "/portfolio", expect: own },
    { method: "GET", path: (c) => `/portfolio?person=${c.ben}`, expect: bens, note: "a manager for a report; anyone else 404" },
    {
      method: "GET",
      path: (c) => `/portfolio?person=${c.ben}&${badPeriod}`,
      expect: exp(422, 404, 404, 422, 404, 404),
      note: "access is decided before the query is judged",
    },
    { method: "GET", path: () => "/portfolio?person=abc", expect: exp(404, 404, 404, 404, 404, 404) },
    { method: "POST", path: () => "/portfolio", form: () => ({ target: "1" }), expect: noAction },
    { method: "GET", path: () => "/portfolio/print", expect: own },
    { method: "GET", path: (c) => `/portfolio/print?person=${c.ben}`, expect: bens },
    { method: "POST", path: () => "/portfolio/print", form: () => ({}), expect: noAction },
    { method: "GET", path: () => "/portfolio/pdf", expect: own },
    { method: "GET", path: (c) => `/portfolio/pdf?person=${c.ben}`, expect: bens },
    { method: "GET", path: (c) => `/portfolio/pdf?person=${c.ben}&${badPeriod}`, expect: exp(400, 404, 404, 400, 404, 404) },
    { method: "POST", path: () => "/portfolio/pdf", form: () => ({}), expect: noAction },
    { method: "GET", path: () => "/portfolio/md", expect: own },
    { method: "GET", path: (c) => `/portfolio/md?person=${c.ben}`, expect: bens },
    { method: "POST", path: () => "/portfolio/md", form: () => ({}), expect: noAction },
    { method: "GET", path: () => "/portfolio/json", expect: own },
    { method: "GET", path: (c) => `/portfolio/json?person=${c.ben}`, expect: bens },
    { method: "POST", path: () => "/portfolio/json", form: () => ({}), expect: noAction },
  ],
};
