import { now as clockNow } from "../../../app/clock.server";
import { type AccessArea, exp } from "./types";

// Certifications (issue 17, part 2) against every actor. A person's records follow evidence's grants: who
// may read Ben's dashboard sees his records (404 for everyone else), only his managers verify them. Every
// POST sends input that is refused (422) where the actor is allowed, so nothing changes.
const everyone = (n: number) => exp(n, n, n, n, n, n);
const adminOnly = (ok: number) => exp(403, 403, 403, 403, 403, ok);
const recordOfBen = (self: number, manager: number, admin: number) => exp(self, 404, 404, manager, 404, admin);

export const certifications: AccessArea = {
  name: "certifications",
  prepare: async (app) => {
    const ben = await app.personId("ben.carter@example.com");
    const ts = clockNow().toISOString();
    const { id: cert } = await app.db
      .insertInto("certifications")
      .values({
        key: "access-matrix-cert",
        name: "Access-matrix certification",
        issuer: "Matrix",
        validity_months: 24,
        description: null,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { id: held } = await app.db
      .insertInto("person_certifications")
      .values({
        person_id: ben,
        certification_id: cert,
        issued_on: ts.slice(0, 10),
        expires_on: null,
        credential_ref: null,
        link_url: null,
        attachment_name: "proof.pdf",
        attachment_type: "application/pdf",
        attachment_base64: Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64"),
        status: "submitted",
        return_reason: null,
        verified_by: null,
        verified_at: null,
        created_at: ts,
        updated_at: ts,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { certEntry: cert, certHeld: held };
  },
  rows: [
    { method: "GET", path: () => "/certifications", expect: everyone(200) },
    { method: "GET", path: () => "/certifications/new", expect: everyone(200) },
    {
      method: "POST",
      path: () => "/certifications/new",
      form: () => ({ intent: "save", certificationId: "", issuedOn: "not a day" }),
      expect: everyone(422),
    },
    { method: "GET", path: (c) => `/certifications/${c.certHeld}`, expect: recordOfBen(200, 200, 200) },
    { method: "GET", path: () => "/certifications/999999", expect: everyone(404) },
    {
      method: "POST",
      path: (c) => `/certifications/${c.certHeld}`,
      form: () => ({ intent: "return", reason: "" }),
      expect: recordOfBen(422, 422, 422),
      note: "a return needs a reason; the form is refused before who may review is asked",
    },
    {
      method: "POST",
      path: (c) => `/certifications/${c.certHeld}`,
      form: () => ({ intent: "save", certificationId: "", issuedOn: "" }),
      expect: recordOfBen(422, 422, 422),
    },
    { method: "GET", path: (c) => `/certifications/${c.certHeld}/attachment`, expect: recordOfBen(200, 200, 200) },
    { method: "GET", path: () => "/admin/certifications", expect: adminOnly(200) },
    {
      method: "POST",
      path: () => "/admin/certifications",
      form: () => ({ intent: "create", name: "", key: "", issuer: "" }),
      expect: adminOnly(422),
    },
    { method: "GET", path: (c) => `/admin/certifications/${c.certEntry}`, expect: adminOnly(200) },
    { method: "GET", path: () => "/admin/certifications/999999", expect: adminOnly(404) },
    {
      method: "POST",
      path: (c) => `/admin/certifications/${c.certEntry}`,
      form: () => ({ intent: "save", name: "", key: "", issuer: "" }),
      expect: adminOnly(422),
    },
  ],
};
