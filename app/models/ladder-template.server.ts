// The SQL behind ladder templates (app/domain/ladder-template.ts): the stored ladder with the certifications
// each position requires, the certification catalogue as a template carries it, and the writes of an import.
import type { DB } from "~/db.server";
import type { StoredPosition, TemplateCertification } from "~/domain/ladder-template";
import { listLadder } from "./ladder.server";

/** Every position, retired ones too, with its requirements, required certification keys and active holders. */
export async function storedLadder(db: DB): Promise<StoredPosition[]> {
  const [ladder, required] = await Promise.all([
    listLadder(db),
    db
      .selectFrom("position_certifications")
      .innerJoin("certifications", "certifications.id", "position_certifications.certification_id")
      .select(["position_certifications.position_id", "certifications.key"])
      .orderBy("certifications.key")
      .execute(),
  ]);
  return ladder.map((p) => ({
    id: p.id,
    key: p.key,
    name: p.name,
    rank: p.rank,
    track: p.track,
    isManagement: p.isManagement,
    description: p.description,
    retired: p.retired,
    requirements: p.requirements,
    certifications: required.filter((r) => r.position_id === p.id).map((r) => r.key),
    holders: p.holders,
  }));
}

/** The certification catalogue as a template carries it (retired ones too: a position may still require one). */
export async function certificationCatalogue(db: DB): Promise<(TemplateCertification & { id: number })[]> {
  const [certs, skills] = await Promise.all([
    db.selectFrom("certifications").selectAll().orderBy("key").execute(),
    db.selectFrom("certification_skills").selectAll().execute(),
  ]);
  return certs.map((c) => ({
    id: c.id,
    key: c.key,
    name: c.name,
    issuer: c.issuer,
    validityMonths: c.validity_months,
    description: c.description,
    skills: Object.fromEntries(skills.filter((s) => s.certification_id === c.id).map((s) => [s.skill_key, s.points])),
  }));
}

/** Adds a certification a template brings to the catalogue, with the skills it supports. */
export async function insertCertification(db: DB, c: TemplateCertification, now: Date): Promise<number> {
  const at = now.toISOString();
  const { id } = await db
    .insertInto("certifications")
    .values({
      key: c.key,
      name: c.name,
      issuer: c.issuer,
      validity_months: c.validityMonths,
      description: c.description,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const skills = Object.entries(c.skills);
  if (skills.length)
    await db
      .insertInto("certification_skills")
      .values(skills.map(([skill_key, points]) => ({ certification_id: id, skill_key, points })))
      .execute();
  return id;
}

/** The certifications a position requires, replaced by `certificationIds`. */
export async function setPositionCertifications(db: DB, positionId: number, certificationIds: number[]) {
  await db.deleteFrom("position_certifications").where("position_id", "=", positionId).execute();
  if (certificationIds.length)
    await db
      .insertInto("position_certifications")
      .values(certificationIds.map((certification_id) => ({ position_id: positionId, certification_id })))
      .execute();
}
