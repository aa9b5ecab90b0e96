import { now as clockNow } from "../../../app/clock.server";
import { type AccessArea, exp } from "./types";

// Routes of the imports area against every actor (see types.ts for who the actors are).
// The ingest API (/api/v1/evidence) uses bearer tokens, not sessions: see test/integration/api.test.ts.
export const imports: AccessArea = {
  name: "imports",
  prepare: async (app) => {
    const ben = await app.personId("ben.carter@example.com");
    // a preview batch of Ben's own (nothing is written by looking at it)
    const batch = await app.db
      .insertInto("import_batches")
      .values({
        created_by: ben,
        scope: "self",
        format: "servicenow",
        filename: "ben.csv",
        status: "preview",
        rows_read: 0,
        payload_json: JSON.stringify({ kind: "preview", format: "servicenow", rowsRead: 0, items: [], rowErrors: [] }),
        created_at: clockNow().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { benBatch: batch.id };
  },
  rows: [
    { method: "GET", path: () => "/import", expect: exp(200, 200, 200, 200, 200, 200) },
    {
      method: "POST",
      path: () => "/import?index",
      form: () => ({ file: "" }),
      expect: exp(400, 400, 400, 400, 400, 400),
      note: "not a multipart upload: refused before anything is read",
    },
    { method: "GET", path: () => "/import/upload", expect: exp(405, 405, 405, 405, 405, 405) },
    { method: "POST", path: () => "/import/upload", form: () => ({ file: "" }), expect: exp(400, 400, 400, 400, 400, 400) },
    {
      method: "GET",
      path: (c) => `/import/${c.benBatch}`,
      expect: exp(200, 404, 404, 404, 404, 200),
      note: "a batch is its uploader's (and any org-wide importer's); others get 404",
    },
    {
      method: "POST",
      path: (c) => `/import/${c.benBatch}`,
      form: () => ({ intent: "nothing" }),
      expect: exp(400, 404, 404, 404, 404, 400),
    },
    {
      method: "POST",
      path: (c) => `/import/${c.benBatch}`,
      form: () => ({ intent: "map-handle", handle: "", personId: "" }),
      expect: exp(403, 404, 404, 404, 404, 409),
      note: "only admins map handles, and only on an organisation import",
    },
    { method: "GET", path: () => "/import/999999", expect: exp(404, 404, 404, 404, 404, 404) },
    { method: "GET", path: () => "/admin/tokens", expect: exp(403, 403, 403, 403, 403, 200) },
    {
      method: "POST",
      path: () => "/admin/tokens",
      form: () => ({ intent: "create", name: "" }),
      expect: exp(403, 403, 403, 403, 403, 422),
    },
    {
      method: "POST",
      path: () => "/admin/tokens",
      form: () => ({ intent: "revoke", tokenId: "x" }),
      expect: exp(403, 403, 403, 403, 403, 422),
    },
  ],
};
