// Certifications (issue 17, part 2): the catalogue admins keep and the records people hold. All the SQL;
// the rules (validity, what counts, gaps) are app/domain/certifications.ts. Dates are YYYY-MM-DD text.
import type { DB } from "~/db.server";
import {
  type CertificationSkill,
  type HeldCertification,
  type HeldStatus,
  certificationBuckets,
  dayOf,
} from "~/domain/certifications";
import type { SkillBucket } from "~/domain/scoring";

export interface CatalogueInput {
  key: string;
  name: string;
  issuer: string;
  validityMonths: number | null;
  description: string | null;
  retired: boolean;
  /** points per supported skill */
  skills: Record<string, number>;
  /** ids of the positions that require it */
  positions: number[];
}

export async function getCertification(db: DB, id: number) {
  return db.selectFrom("certifications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The catalogue with each entry's skills (points) and requiring positions; retired ones last. */
export async function listCatalogue(db: DB, opts: { includeRetired?: boolean } = {}) {
  const [rows, skills, positions] = await Promise.all([
    db
      .selectFrom("certifications")
      .selectAll()
      .$if(!opts.includeRetired, (q) => q.where("retired", "=", 0))
      .orderBy("retired")
      .orderBy("name")
      .orderBy("id")
      .execute(),
    db.selectFrom("certification_skills").selectAll().orderBy("certification_id").orderBy("skill_key").execute(),
    db
      .selectFrom("position_certifications")
      .innerJoin("positions", "positions.id", "position_certifications.position_id")
      .select(["position_certifications.certification_id", "positions.id", "positions.name", "positions.rank"])
      .orderBy("positions.rank")
      .execute(),
  ]);
  return rows.map((c) => ({
    ...c,
    skills: Object.fromEntries(skills.filter((s) => s.certification_id === c.id).map((s) => [s.skill_key, s.points])),
    positions: positions.filter((p) => p.certification_id === c.id).map((p) => ({ id: p.id, name: p.name })),
  }));
}

export type CatalogueEntry = Awaited<ReturnType<typeof listCatalogue>>[number];

export async function catalogueEntry(db: DB, id: number): Promise<CatalogueEntry | undefined> {
  return (await listCatalogue(db, { includeRetired: true })).find((c) => c.id === id);
}

export async function certificationKeyTaken(db: DB, key: string, exceptId: number | null): Promise<boolean> {
  const row = await db
    .selectFrom("certifications")
    .select("id")
    .where("key", "=", key)
    .$if(exceptId !== null, (q) => q.where("id", "<>", exceptId!))
    .executeTakeFirst();
  return !!row;
}

export async function certificationNameTaken(db: DB, name: string, exceptId: number | null): Promise<boolean> {
  const rows = await db
    .selectFrom("certifications")
    .select(["id", "name"])
    .$if(exceptId !== null, (q) => q.where("id", "<>", exceptId!))
    .execute();
  // Case-insensitive in JavaScript: SQLite's lower() folds ASCII only.
  return rows.some((r) => r.name.toLocaleLowerCase("en") === name.toLocaleLowerCase("en"));
}

async function setLinks(db: DB, id: number, v: CatalogueInput) {
  await db.deleteFrom("certification_skills").where("certification_id", "=", id).execute();
  const skills = Object.entries(v.skills).filter(([, points]) => points > 0);
  if (skills.length)
    await db
      .insertInto("certification_skills")
      .values(skills.map(([skill_key, points]) => ({ certification_id: id, skill_key, points })))
      .execute();
  await db.deleteFrom("position_certifications").where("certification_id", "=", id).execute();
  if (v.positions.length)
    await db
      .insertInto("position_certifications")
      .values(v.positions.map((position_id) => ({ position_id, certification_id: id })))
      .execute();
}

export async function insertCertification(db: DB, v: CatalogueInput, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await db
    .insertInto("certifications")
    .values({
      key: v.key,
      name: v.name,
      issuer: v.issuer,
      validity_months: v.validityMonths,
      description: v.description,
      retired: v.retired ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await setLinks(db, id, v);
  return id;
}

/** Writes the entry if it is still at `expectedVersion` (ADR 017); false when someone saved meanwhile. */
export async function updateCertificationRow(db: DB, id: number, v: CatalogueInput, now: Date, expectedVersion: number) {
  const res = await db
    .updateTable("certifications")
    .set((eb) => ({
      key: v.key,
      name: v.name,
      issuer: v.issuer,
      validity_months: v.validityMonths,
      description: v.description,
      retired: v.retired ? 1 : 0,
      updated_at: now.toISOString(),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await setLinks(db, id, v);
  return true;
}

/** Every certification's points per skill (retired ones too: what people hold keeps counting). */
export async function allCertificationSkills(db: DB): Promise<CertificationSkill[]> {
  const rows = await db.selectFrom("certification_skills").selectAll().execute();
  return rows.map((r) => ({ certificationId: r.certification_id, skill: r.skill_key, points: r.points }));
}

/** Per position, the live certifications it requires, by name. */
export async function requiredCertifications(db: DB): Promise<Map<number, { id: number; name: string }[]>> {
  const rows = await db
    .selectFrom("position_certifications")
    .innerJoin("certifications", "certifications.id", "position_certifications.certification_id")
    .select(["position_certifications.position_id", "certifications.id", "certifications.name"])
    .where("certifications.retired", "=", 0)
    .orderBy("certifications.name")
    .execute();
  const out = new Map<number, { id: number; name: string }[]>();
  for (const r of rows) out.set(r.position_id, [...(out.get(r.position_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

// ---- the records people hold ----

export interface HeldInput {
  certificationId: number;
  issuedOn: string;
  expiresOn: string | null;
  credentialRef: string | null;
  linkUrl: string | null;
}

export interface Attachment {
  name: string;
  type: string;
  base64: string;
}

/** One record with its certification's name and the holder's name and manager, without the attachment bytes. */
export async function getHeld(db: DB, id: number) {
  return db
    .selectFrom("person_certifications as pc")
    .innerJoin("certifications as c", "c.id", "pc.certification_id")
    .innerJoin("people as p", "p.id", "pc.person_id")
    .leftJoin("people as v", "v.id", "pc.verified_by")
    .select([
      "pc.id",
      "pc.person_id",
      "pc.certification_id",
      "pc.issued_on",
      "pc.expires_on",
      "pc.credential_ref",
      "pc.link_url",
      "pc.attachment_name",
      "pc.attachment_type",
      "pc.status",
      "pc.return_reason",
      "pc.verified_at",
      "pc.version",
      "pc.created_at",
      "pc.updated_at",
      "c.name as certification_name",
      "c.issuer",
      "c.validity_months",
      "p.name as person_name",
      "v.name as verified_by_name",
    ])
    .where("pc.id", "=", id)
    .executeTakeFirst();
}

export type HeldRow = NonNullable<Awaited<ReturnType<typeof getHeld>>>;

export async function attachmentOf(db: DB, id: number) {
  return db
    .selectFrom("person_certifications")
    .select(["person_id", "attachment_name", "attachment_type", "attachment_base64"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** The records of these people, newest issued first, for lists and for the rules. */
export async function heldBy(db: DB, personIds: number[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom("person_certifications as pc")
    .innerJoin("certifications as c", "c.id", "pc.certification_id")
    .innerJoin("people as p", "p.id", "pc.person_id")
    .select([
      "pc.id",
      "pc.person_id",
      "pc.certification_id",
      "pc.issued_on",
      "pc.expires_on",
      "pc.status",
      "pc.credential_ref",
      "pc.attachment_name",
      "pc.link_url",
      "c.name",
      "c.issuer",
      "p.name as person_name",
    ])
    .where("pc.person_id", "in", personIds)
    .orderBy("pc.issued_on", "desc")
    .orderBy("pc.id", "desc")
    .execute();
  return rows;
}

/** A row of heldBy as the rules take it. */
export function asHeld(r: {
  id: number;
  person_id: number;
  certification_id: number;
  status: string;
  issued_on: string;
  expires_on: string | null;
  name: string;
  person_name: string;
}): HeldCertification & { personId: number; personName: string; name: string } {
  return {
    id: r.id,
    certificationId: r.certification_id,
    status: r.status as HeldStatus,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    personId: r.person_id,
    personName: r.person_name,
    name: r.name,
  };
}

export async function insertHeld(db: DB, personId: number, v: HeldInput, attachment: Attachment | null, now: Date) {
  const at = now.toISOString();
  const { id } = await db
    .insertInto("person_certifications")
    .values({
      person_id: personId,
      certification_id: v.certificationId,
      issued_on: v.issuedOn,
      expires_on: v.expiresOn,
      credential_ref: v.credentialRef,
      link_url: v.linkUrl,
      attachment_name: attachment?.name ?? null,
      attachment_type: attachment?.type ?? null,
      attachment_base64: attachment?.base64 ?? null,
      status: "submitted",
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * The owner's edit while not verified: back to "submitted" (a returned record is sent again). The
 * attachment is replaced only when a new one is given. False when the row moved on meanwhile.
 */
export async function updateHeld(
  db: DB,
  id: number,
  v: HeldInput,
  attachment: Attachment | "keep" | "remove",
  now: Date,
  expectedVersion: number,
) {
  const res = await db
    .updateTable("person_certifications")
    .set((eb) => ({
      certification_id: v.certificationId,
      issued_on: v.issuedOn,
      expires_on: v.expiresOn,
      credential_ref: v.credentialRef,
      link_url: v.linkUrl,
      ...(attachment === "keep"
        ? {}
        : attachment === "remove"
          ? { attachment_name: null, attachment_type: null, attachment_base64: null }
          : { attachment_name: attachment.name, attachment_type: attachment.type, attachment_base64: attachment.base64 }),
      status: "submitted",
      return_reason: null,
      updated_at: now.toISOString(),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .where("status", "<>", "verified")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The manager's review of a submitted record; false when it is no longer awaiting one. */
export async function reviewHeld(
  db: DB,
  id: number,
  review: { event: "verify"; by: number } | { event: "return"; reason: string },
  now: Date,
) {
  const at = now.toISOString();
  const res = await db
    .updateTable("person_certifications")
    .set((eb) => ({
      ...(review.event === "verify"
        ? { status: "verified" as const, verified_by: review.by, verified_at: at, return_reason: null }
        : { status: "returned" as const, return_reason: review.reason, verified_by: null, verified_at: null }),
      updated_at: at,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Records of people in these ids awaiting verification (the manager's queue). */
export async function awaitingReview(db: DB, personIds: number[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom("person_certifications as pc")
    .innerJoin("certifications as c", "c.id", "pc.certification_id")
    .innerJoin("people as p", "p.id", "pc.person_id")
    .select(["pc.id", "pc.issued_on", "pc.expires_on", "c.name", "p.name as person_name", "pc.person_id"])
    .where("pc.person_id", "in", personIds)
    .where("pc.status", "=", "submitted")
    .orderBy("pc.created_at")
    .orderBy("pc.id")
    .execute();
}

// ---- read time: certifications as evidence (ADR 020) ----

/**
 * The zone whose calendar decides the day a certification expires. The organisation has no zone setting
 * yet: UTC days, the same on every instance and in every process zone. When it gets one, pass it here.
 */
export const CERTIFICATION_TIME_ZONE = "UTC";

/** Today as the certification rules count days. */
export function certificationToday(now: Date): string {
  return dayOf(now, CERTIFICATION_TIME_ZONE);
}

/** The records of these people as the rules take them (no names needed). */
export async function heldForRules(db: DB, personIds: number[]) {
  if (personIds.length === 0) return new Map<number, HeldCertification[]>();
  const rows = await db
    .selectFrom("person_certifications")
    .select(["id", "person_id", "certification_id", "status", "issued_on", "expires_on"])
    .where("person_id", "in", personIds)
    .execute();
  const out = new Map<number, HeldCertification[]>();
  for (const r of rows)
    out.set(r.person_id, [
      ...(out.get(r.person_id) ?? []),
      { id: r.id, certificationId: r.certification_id, status: r.status, issuedOn: r.issued_on, expiresOn: r.expires_on },
    ]);
  return out;
}

/**
 * Per person, the skill buckets their verified, valid certifications add at `now` (merged into the evidence
 * buckets by every reader of scores: dashboard, matrix, ladder, team view, portfolio).
 */
export async function certificationEvidence(db: DB, personIds: number[], now: Date): Promise<Map<number, SkillBucket[]>> {
  const [held, skills] = await Promise.all([heldForRules(db, personIds), allCertificationSkills(db)]);
  const today = certificationToday(now);
  const out = new Map<number, SkillBucket[]>();
  for (const [personId, list] of held) {
    const buckets = certificationBuckets(list, skills, today);
    if (buckets.length) out.set(personId, buckets);
  }
  return out;
}
