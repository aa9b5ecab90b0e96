import { type AccessArea, exp } from "./types";

// The data-ownership downloads (ADR 018). org:export is an admin's alone (403 for every other role);
// data:export is everyone's for their own data, so /profile/data answers each actor with their own file.
// The routes only read: a POST has no action to run and is refused with 405 for everyone.
const noAction = { anonymous: 405, self: 405, engineer: 405, otherEngineer: 405, manager: 405, otherManager: 405, admin: 405 };
const adminOnly = exp(403, 403, 403, 403, 403, 200);

export const dataExport: AccessArea = {
  name: "data export",
  rows: [
    { method: "GET", path: () => "/admin/export", expect: adminOnly },
    { method: "POST", path: () => "/admin/export", form: () => ({}), expect: noAction },
    { method: "GET", path: () => "/admin/export/download", expect: adminOnly },
    { method: "POST", path: () => "/admin/export/download", form: () => ({}), expect: noAction },
    { method: "GET", path: () => "/profile/data", expect: exp(200, 200, 200, 200, 200, 200), note: "each actor's own data" },
    {
      method: "GET",
      path: (c) => `/profile/data?person=${c.ben}`,
      expect: exp(200, 200, 200, 200, 200, 200),
      note: "no way to ask for someone else's",
    },
    { method: "POST", path: () => "/profile/data", form: () => ({}), expect: noAction },
  ],
};
