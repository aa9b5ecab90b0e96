// The SQL of erasing a person (issue 17, point 6; ADR 023), table by table as app/domain/erasure.ts's
// ERASURE_PLAN says. Every function runs inside the command's one transaction.
import { sql } from "kysely";
import { type DB, isPostgres } from "~/db.server";
import { ERASED_TEXT, ERASURE_PLAN, scrubMentions } from "~/domain/erasure";
import { deleteEvidence, eraseItemText, setItemText, WRITER_TEXT_TABLES } from "./evidence-writer.server";
import { lockPeople } from "./locks.server";

export interface ErasureSubject {
  id: number;
  name: string;
  email: string;
  active: number;
  erased_at: string | null;
  handles: string[];
}

export async function erasureSubject(db: DB, id: number): Promise<ErasureSubject | null> {
  const person = await db
    .selectFrom("people")
    .select(["id", "name", "email", "active", "erased_at"])
    .where("id", "=", id)
    // PostgreSQL: a reactivation or edit running meanwhile waits for the erasure (SQLite has one writer anyway)
    .$if(isPostgres(db), (q) => q.forUpdate())
    .executeTakeFirst();
  if (!person) return null;
  const handles = await db.selectFrom("itsm_handles").select("handle").where("person_id", "=", id).orderBy("id").execute();
  return { ...person, handles: handles.map((h) => h.handle) };
}

/** The next erasure number: how many people have been erased, plus one (the email's uniqueness guards a race). */
export async function nextErasureNumber(db: DB): Promise<number> {
  const row = await db
    .selectFrom("people")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("erased_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

/** A LIKE pattern that matches `s` literally anywhere (with `escape '\'`). */
const containing = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ErasureCounts {
  draftsDeleted: number;
  evidenceKept: number;
  goalsDeleted: number;
  appraisalsBlanked: number;
  certificationsKept: number;
  mentionsScrubbed: number;
}

/**
 * Everything of the person's own: drafts and goals deleted, kept items and reviews blanked, credentials and
 * handles gone, the person row turned into the placeholder. The fields the mapping rules read (kind,
 * priority, role, outcome, hours, flags; a problem link only as "there is one") stay, so that re-deriving
 * the items' points after a rule change still gives the team's history.
 */
export async function eraseOwnData(
  db: DB,
  personId: number,
  placeholder: { name: string; email: string },
  now: Date,
): Promise<Omit<ErasureCounts, "mentionsScrubbed">> {
  const ts = now.toISOString();
  await lockPeople(db, [personId]);
  const theirEvidence = db.selectFrom("evidence").select("id").where("person_id", "=", personId);

  // Imports: their items leave every batch (an undo keeps them, as for items edited since), their previews go.
  await db.deleteFrom("import_batch_items").where("evidence_id", "in", theirEvidence).execute();
  await db.deleteFrom("import_batches").where("created_by", "=", personId).where("status", "=", "preview").execute();
  await db
    .updateTable("import_batches")
    .set({ filename: ERASED_TEXT, payload_json: null })
    .where("created_by", "=", personId)
    .execute();

  const drafts = await db
    .selectFrom("evidence")
    .select("id")
    .where("person_id", "=", personId)
    .where("status", "=", "draft")
    .execute();
  await deleteEvidence(
    db,
    drafts.map((d) => d.id),
  );

  const kept = await eraseItemText(db, personId, now);
  await db
    .updateTable("endorsements")
    .set({ comment: "" })
    .where((eb) => eb.or([eb("person_id", "=", personId), eb("evidence_id", "in", theirEvidence)]))
    .execute();

  // remembered choices (issue 16): theirs alone
  await db.deleteFrom("list_filters").where("person_id", "=", personId).execute();
  await db.deleteFrom("person_preferences").where("person_id", "=", personId).execute();

  const goals = db.selectFrom("goals").select("id").where("person_id", "=", personId);
  await db.deleteFrom("goal_evidence").where("goal_id", "in", goals).execute();
  const goalsDeleted = await db.deleteFrom("goals").where("person_id", "=", personId).executeTakeFirst();

  const theirAppraisals = db.selectFrom("appraisals").select("id").where("person_id", "=", personId);
  const appraisals = await db
    .updateTable("appraisals")
    .set((eb) => ({
      self_summary: null,
      manager_comment: null,
      acknowledgement_comment: null,
      snapshot_json: null,
      updated_at: ts,
      version: eb("version", "+", 1),
    }))
    .where("person_id", "=", personId)
    .executeTakeFirst();
  await db
    .updateTable("appraisal_ratings")
    .set({ self_comment: null, manager_comment: null })
    .where("appraisal_id", "in", theirAppraisals)
    .execute();
  await db.updateTable("feedback_tallies").set({ comments_json: "[]" }).where("appraisal_id", "in", theirAppraisals).execute();

  const certifications = await db
    .updateTable("person_certifications")
    .set((eb) => ({
      credential_ref: null,
      link_url: null,
      attachment_name: null,
      attachment_type: null,
      attachment_base64: null,
      return_reason: null,
      updated_at: ts,
      version: eb("version", "+", 1),
    }))
    .where("person_id", "=", personId)
    .executeTakeFirst();

  // The entries stay (what happened, when, by whom); what they recorded about the person goes.
  await db
    .updateTable("audit_log")
    .set({ before_json: null, after_json: null, reason: null })
    .where("subject_person_id", "=", personId)
    .execute();

  const person = await db.selectFrom("people").select("email").where("id", "=", personId).executeTakeFirstOrThrow();
  await db
    .deleteFrom("login_attempts")
    .where(sql<string>`lower(${sql.ref("key")})`, "like", sql<string>`${containing(person.email)} escape '\\'`)
    .execute();
  await db.deleteFrom("api_tokens").where("created_by", "=", personId).execute();
  await db.deleteFrom("password_tokens").where("person_id", "=", personId).execute();
  await db.deleteFrom("sessions").where("person_id", "=", personId).execute();
  await db.deleteFrom("itsm_handles").where("person_id", "=", personId).execute();
  // mail addressed to them, sent or not (issue 14): the address and the text are theirs
  await db
    .deleteFrom("outbox")
    .where("to_email", "=", db.selectFrom("people").select("email").where("id", "=", personId))
    .execute();
  await db
    .updateTable("people")
    .set({
      name: placeholder.name,
      email: placeholder.email,
      password_hash: null,
      theme: null,
      time_zone: null,
      work_days: null,
      work_start: null,
      work_end: null,
      active: 0,
      erased_at: ts,
      updated_at: ts,
    })
    .where("id", "=", personId)
    .execute();

  return {
    draftsDeleted: drafts.length,
    evidenceKept: kept,
    goalsDeleted: Number(goalsDeleted.numDeletedRows),
    appraisalsBlanked: Number(appraisals.numUpdatedRows),
    certificationsKept: Number(certifications.numUpdatedRows),
  };
}

/**
 * Mentions of the person in everyone else's free text (a colleague's note "paired with <name>", an audit
 * entry's copy of a form): the columns ERASURE_PLAN lists, rows found by a case-insensitive LIKE, each
 * mention replaced as a whole token. Returns how many values changed.
 */
export async function scrubMentionsEverywhere(db: DB, needles: string[]): Promise<number> {
  if (!needles.length) return 0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tables and columns come from the plan, not the Database interface
  const anyDb = db as unknown as import("kysely").Kysely<any>;
  let changed = 0;
  for (const [table, plan] of Object.entries(ERASURE_PLAN)) {
    if (!plan.mentions) continue;
    const { key, columns } = plan.mentions;
    for (const column of columns) {
      const rows: Record<string, unknown>[] = await anyDb
        .selectFrom(table)
        .select([...key, column])
        .where((eb) =>
          eb.or(
            needles.map((n) => eb(sql<string>`lower(${sql.ref(column)})`, "like", sql<string>`${containing(n)} escape '\\'`)),
          ),
        )
        .execute();
      for (const row of rows) {
        const next = scrubMentions(String(row[column]), needles);
        if (next === null) continue;
        if (WRITER_TEXT_TABLES.has(table)) {
          await setItemText(db, table, Number(row.id), column, next);
          changed++;
          continue;
        }
        let update = anyDb.updateTable(table).set({ [column]: next });
        for (const k of key) update = update.where(k, "=", row[k]);
        await update.execute();
        changed++;
      }
    }
  }
  return changed;
}

/** Batches with a stored payload (previews' items, applied batches' summaries), one at a time. */
export async function payloadBatchIds(db: DB) {
  return db.selectFrom("import_batches").select(["id", "status"]).where("payload_json", "is not", null).orderBy("id").execute();
}

export async function batchPayloadText(db: DB, id: number): Promise<string | null> {
  const row = await db.selectFrom("import_batches").select("payload_json").where("id", "=", id).executeTakeFirst();
  return row?.payload_json ?? null;
}

export async function setBatchPayload(db: DB, id: number, payload: string) {
  await db.updateTable("import_batches").set({ payload_json: payload }).where("id", "=", id).execute();
}

/** A preview nobody has applied: nothing refers to it but its payload. */
export async function deletePreviewBatch(db: DB, id: number) {
  await db.deleteFrom("import_batches").where("id", "=", id).where("status", "=", "preview").execute();
}
