// Skills catalogue commands (issue 17, part 1): (db, actor, input, now) → Result. Authorise through the
// permission module, check against the database, write in one transaction, audit. A skill's key never
// changes; retiring keeps every row that names it (ADR 019).
import { type Actor, auditActorId, refuseCapability } from "~/auth/authorize.server";
import { SKILL_CATALOGUE_ACTION } from "~/auth/permissions";
import { type DB, inTransaction } from "~/db.server";
import {
  SKILL_LABELS,
  SKILL_MESSAGES,
  moveInOrder,
  normaliseSfiaCodes,
  sameSkillName,
  skillSnapshot,
} from "~/domain/skill-catalogue";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import {
  type CatalogueSkill,
  getCatalogueSkill,
  insertSkill,
  listCatalogue,
  setSkillOrder,
  skillKeyExists,
  skillNames,
  updateSkillRow,
} from "~/models/skills.server";
import type { NewSkillValues, SkillMoveValues, SkillValues } from "~/schemas/skill";
import type { PageVersion } from "~/schemas/version";
import { type Failure, type FieldErrors, type Result, conflict, failIfAny, notFound, ok } from "~/utils/result";
import { pageVersion, staleFailure } from "./stale.server";

const ENTITY = "skill";

/** The version a skill's forms carry (its edit form, its retire/restore button). */
export function skillPageVersion(s: CatalogueSkill): PageVersion {
  return pageVersion(s.version, skillSnapshot(s));
}

async function nameError(db: DB, name: string, key: string | null): Promise<FieldErrors> {
  const other = (await skillNames(db)).find((s) => s.key !== key && sameSkillName(s.name, name));
  return other ? { name: SKILL_MESSAGES.nameTaken(other.name) } : {};
}

async function stale(db: DB, key: string, viewerId: number, page: PageVersion): Promise<Failure> {
  const now = await getCatalogueSkill(db, key);
  if (!now) return notFound("This skill no longer exists.");
  return staleFailure(db, {
    entity: ENTITY,
    entityId: key,
    noun: `the skill “${now.name}”`,
    page,
    current: skillSnapshot(now),
    labels: SKILL_LABELS,
    updatedAt: now.updatedAt ?? "",
    viewerId,
  });
}

const fieldsOf = (s: { name: string; description: string | null; sfiaCodes: string; retired: boolean }) => ({
  name: s.name,
  description: s.description,
  sfiaCodes: s.sfiaCodes,
  retired: s.retired,
});

/** Adds a skill at the end of the catalogue; it shows wherever skills are listed from the next page load. */
export async function createSkill(db: DB, actor: Actor, input: NewSkillValues, now: Date): Promise<Result<{ key: string }>> {
  const refused = refuseCapability(actor, SKILL_CATALOGUE_ACTION);
  if (refused) return refused;
  const v = {
    key: input.key,
    name: input.name,
    description: input.description || null,
    sfiaCodes: normaliseSfiaCodes(input.sfiaCodes),
  };
  const errors: FieldErrors = await nameError(db, v.name, null);
  if (await skillKeyExists(db, v.key)) errors.key = SKILL_MESSAGES.keyTaken(v.key);
  const failed = failIfAny(errors);
  if (failed) return failed;
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        await insertSkill(tx, v, now);
        await recordAudit(
          tx,
          {
            actorId: auditActorId(actor),
            action: "skill_create",
            entity: ENTITY,
            entityId: v.key,
            subjectPersonId: null,
            after: v,
          },
          now,
        );
      }),
    [{ names: ["skills_pkey", "skills.key"], field: "key", message: SKILL_MESSAGES.keyTaken(v.key) }],
  );
  return written.ok ? ok({ key: v.key }) : conflict(written.errors.key!);
}

/** Renames, describes and maps a skill to SFIA codes; history follows by key. */
export async function updateSkill(
  db: DB,
  actor: Actor,
  key: string,
  input: SkillValues,
  now: Date,
  page: PageVersion | null,
): Promise<Result<{ key: string }>> {
  const refused = refuseCapability(actor, SKILL_CATALOGUE_ACTION);
  if (refused) return refused;
  const before = await getCatalogueSkill(db, key);
  if (!before) return notFound("This skill no longer exists.");
  if (page && page.version !== before.version) return stale(db, key, actor.id, page);
  const after = { name: input.name, description: input.description || null, sfiaCodes: normaliseSfiaCodes(input.sfiaCodes) };
  const failed = failIfAny(await nameError(db, after.name, key));
  if (failed) return failed;
  return write(db, actor, before, after, "skill_update", now, page);
}

/** Retires (or restores) a skill: every row that names it stays; it leaves (or rejoins) the lists of new work. */
export async function setSkillRetired(
  db: DB,
  actor: Actor,
  key: string,
  retired: boolean,
  now: Date,
  page: PageVersion | null,
): Promise<Result<{ key: string }>> {
  const refused = refuseCapability(actor, SKILL_CATALOGUE_ACTION);
  if (refused) return refused;
  const before = await getCatalogueSkill(db, key);
  if (!before) return notFound("This skill no longer exists.");
  if (page && page.version !== before.version) return stale(db, key, actor.id, page);
  if (before.retired === retired) return conflict(`“${before.name}” is already ${retired ? "retired" : "live"}.`);
  if (retired && (await listCatalogue(db)).filter((s) => !s.retired).length === 1)
    return conflict("This is the last live skill: add another before retiring it.");
  return write(db, actor, before, { retired }, retired ? "skill_retire" : "skill_restore", now, page);
}

async function write(
  db: DB,
  actor: Actor,
  before: CatalogueSkill,
  fields: Parameters<typeof updateSkillRow>[2],
  action: string,
  now: Date,
  page: PageVersion | null,
): Promise<Result<{ key: string }>> {
  const written = await inTransaction(db, async (tx) => {
    if (!(await updateSkillRow(tx, before.key, fields, page?.version ?? before.version, now))) return false;
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action,
        entity: ENTITY,
        entityId: before.key,
        subjectPersonId: null,
        before: fieldsOf(before),
        after: { ...fieldsOf(before), ...fields },
      },
      now,
    );
    return true;
  });
  if (written) return ok({ key: before.key });
  return page
    ? stale(db, before.key, actor.id, page)
    : conflict("This skill was changed meanwhile: reload the page and try again.");
}

/** Moves a skill one place up or down the catalogue's order (the order of the matrix, radar and lists). */
export async function moveSkill(
  db: DB,
  actor: Actor,
  { key, direction }: SkillMoveValues,
  now: Date,
): Promise<Result<{ key: string }>> {
  const refused = refuseCapability(actor, SKILL_CATALOGUE_ACTION);
  if (refused) return refused;
  const all = await listCatalogue(db);
  const skill = all.find((s) => s.key === key);
  if (!skill) return notFound("This skill no longer exists.");
  const order = moveInOrder(
    all.map((s) => s.key),
    key,
    direction,
  );
  if (!order) return conflict(`“${skill.name}” is already ${direction === "up" ? "first" : "last"} in the catalogue.`);
  await inTransaction(db, async (tx) => {
    await setSkillOrder(tx, order);
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "skill_move",
        entity: ENTITY,
        entityId: key,
        subjectPersonId: null,
        before: all.map((s) => s.key),
        after: order,
      },
      now,
    );
  });
  return ok({ key });
}
