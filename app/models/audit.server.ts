import { now as clockNow } from "~/clock.server";
import type { DB } from "~/db.server";

export interface AuditInput {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  subjectPersonId: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function recordAudit(db: DB, e: AuditInput, now = clockNow()): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: now.toISOString(),
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId === null ? null : String(e.entityId),
      subject_person_id: e.subjectPersonId,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
    })
    .execute();
}

export async function auditFor(db: DB, entity: string, entityId: string | number) {
  return db
    .selectFrom("audit_log")
    .leftJoin("people", "people.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.action",
      "audit_log.before_json",
      "audit_log.after_json",
      "audit_log.reason",
      "people.name as actor_name",
    ])
    .where("audit_log.entity", "=", entity)
    .where("audit_log.entity_id", "=", String(entityId))
    .orderBy("audit_log.id", "asc")
    .execute();
}

/** The latest audit entry of an entity with its actor's name: who changed it last, if an entry says so. */
export async function lastAuditOf(db: DB, entity: string, entityId: string | number) {
  return db
    .selectFrom("audit_log")
    .leftJoin("people", "people.id", "audit_log.actor_id")
    .select(["audit_log.at", "audit_log.action", "audit_log.actor_id", "people.name as actor_name"])
    .where("audit_log.entity", "=", entity)
    .where("audit_log.entity_id", "=", String(entityId))
    .orderBy("audit_log.id", "desc")
    .limit(1)
    .executeTakeFirst();
}
