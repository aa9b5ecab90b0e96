// Everything SupportPath holds about one person, for their own download (/profile/data). Rows are read
// whole (selectAll), so a column a later migration adds is in the download without an edit here; what
// is a credential (any *hash* column, a session's id) is taken out.
import type { DB } from "~/db.server";
import { portableValue } from "~/domain/org-export-format";

export const PERSONAL_DATA_FORMAT = "supportpath-personal-data";
export const PERSONAL_DATA_VERSION = 1;

type Row = Record<string, unknown>;

/** A row without its credentials (password_hash, token_hash, a hashed session id), values made portable. */
function clean(row: Row, drop: string[] = []): Row {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => !/hash/i.test(k) && !drop.includes(k))
      .map(([k, v]) => [k, portableValue(v, k)]),
  );
}

const byId = <T extends Row>(rows: T[], key: string) => {
  const m = new Map<unknown, T[]>();
  for (const r of rows) m.set(r[key], [...(m.get(r[key]) ?? []), r]);
  return m;
};

export async function personalData(db: DB, personId: number, now: Date) {
  const person = await db.selectFrom("people").selectAll().where("id", "=", personId).executeTakeFirst();
  if (!person) return null;
  const names = await db
    .selectFrom("people")
    .leftJoin("teams", "teams.id", "people.team_id")
    .leftJoin("positions", "positions.id", "people.position_id")
    .leftJoin("people as mgr", "mgr.id", "people.manager_id")
    .select(["teams.name as team_name", "positions.name as position_name", "mgr.name as manager_name"])
    .where("people.id", "=", personId)
    .executeTakeFirstOrThrow();
  const handles = await db.selectFrom("itsm_handles").selectAll().where("person_id", "=", personId).orderBy("id").execute();

  // their evidence, drafts included: it is theirs
  const evidence = await db.selectFrom("evidence").selectAll().where("person_id", "=", personId).orderBy("id").execute();
  const evidenceIds = evidence.map((e) => e.id);
  const some = evidenceIds.length > 0;
  const [contributions, adjustments, received] = some
    ? await Promise.all([
        db.selectFrom("contributions").selectAll().where("evidence_id", "in", evidenceIds).orderBy("id").execute(),
        db.selectFrom("adjustments").selectAll().where("evidence_id", "in", evidenceIds).orderBy("id").execute(),
        db
          .selectFrom("endorsements")
          .leftJoin("people", "people.id", "endorsements.person_id")
          .selectAll("endorsements")
          .select("people.name as endorser_name")
          .where("endorsements.evidence_id", "in", evidenceIds)
          .orderBy("endorsements.id")
          .execute(),
      ])
    : [[], [], []];
  const given = await db
    .selectFrom("endorsements")
    .innerJoin("evidence", "evidence.id", "endorsements.evidence_id")
    .selectAll("endorsements")
    .select("evidence.title as evidence_title")
    .where("endorsements.person_id", "=", personId)
    // another person's draft is theirs alone, even if it was once endorsed
    .where("evidence.status", "!=", "draft")
    .orderBy("endorsements.id")
    .execute();

  const goals = await db.selectFrom("goals").selectAll().where("person_id", "=", personId).orderBy("id").execute();
  const goalLinks = goals.length
    ? await db
        .selectFrom("goal_evidence")
        .selectAll()
        .where(
          "goal_id",
          "in",
          goals.map((g) => g.id),
        )
        .execute()
    : [];

  const appraisals = await db
    .selectFrom("appraisals")
    .innerJoin("appraisal_cycles", "appraisal_cycles.id", "appraisals.cycle_id")
    .selectAll("appraisals")
    .select(["appraisal_cycles.name as cycle_name", "appraisal_cycles.period_start", "appraisal_cycles.period_end"])
    .where("appraisals.person_id", "=", personId)
    .orderBy("appraisals.id")
    .execute();
  const ratings = appraisals.length
    ? await db
        .selectFrom("appraisal_ratings")
        .selectAll()
        .where(
          "appraisal_id",
          "in",
          appraisals.map((a) => a.id),
        )
        .execute()
    : [];

  // entries about them; those they wrote about others are those others' data
  const audit = await db.selectFrom("audit_log").selectAll().where("subject_person_id", "=", personId).orderBy("id").execute();
  const tokens = await db.selectFrom("api_tokens").selectAll().where("created_by", "=", personId).orderBy("id").execute();
  const sessions = await db.selectFrom("sessions").selectAll().where("person_id", "=", personId).orderBy("created_at").execute();
  const imports = await db.selectFrom("import_batches").selectAll().where("created_by", "=", personId).orderBy("id").execute();
  // issue 17, part 3 (ADR 021): the feedback requests asked of them and whether they answered. What they
  // answered is not theirs to take away: it lives only in the appraisal's tallies, with no link to anyone.
  // The requests about them are not here either: who was asked is what the threshold keeps from them.
  const feedbackAsked = await db
    .selectFrom("feedback_requests")
    .select(["id", "appraisal_id", "relation", "status", "created_at"])
    .where("respondent_id", "=", personId)
    .orderBy("id")
    .execute();
  // issue 17, part 2: the certifications they recorded, with the catalogue's name; the attachment's bytes
  // are left out (the download stays small) and fetched from the certification's page.
  const certifications = await db
    .selectFrom("person_certifications")
    .innerJoin("certifications", "certifications.id", "person_certifications.certification_id")
    .selectAll("person_certifications")
    .select(["certifications.name as certification_name", "certifications.issuer as certification_issuer"])
    .where("person_certifications.person_id", "=", personId)
    .orderBy("person_certifications.id")
    .execute();

  const contributionsOf = byId(contributions, "evidence_id");
  const adjustmentsOf = byId(adjustments, "evidence_id");
  const endorsementsOf = byId(received, "evidence_id");
  const linksOf = byId(goalLinks, "goal_id");
  const ratingsOf = byId(ratings, "appraisal_id");
  return {
    format: PERSONAL_DATA_FORMAT,
    formatVersion: PERSONAL_DATA_VERSION,
    exportedAt: now.toISOString(),
    person: { ...clean(person), ...names },
    itsmHandles: handles.map((h) => clean(h)),
    evidence: evidence.map((e) => ({
      ...clean(e),
      contributions: (contributionsOf.get(e.id) ?? []).map((c) => clean(c)),
      adjustments: (adjustmentsOf.get(e.id) ?? []).map((a) => clean(a)),
      endorsements: (endorsementsOf.get(e.id) ?? []).map((x) => clean(x)),
    })),
    endorsementsGiven: given.map((g) => clean(g)),
    goals: goals.map((g) => ({ ...clean(g), evidenceIds: (linksOf.get(g.id) ?? []).map((l) => l.evidence_id) })),
    appraisals: appraisals.map((a) => ({ ...clean(a), ratings: (ratingsOf.get(a.id) ?? []).map((r) => clean(r)) })),
    auditAboutYou: audit.map((a) => clean(a)),
    apiTokens: tokens.map((t) => clean(t)),
    sessions: sessions.map((s) => clean(s, ["id"])),
    importBatches: imports.map((b) => clean(b)),
    feedbackRequestsAskedOfYou: feedbackAsked.map((r) => clean(r)),
    certifications: certifications.map((r) => clean(r, ["attachment_base64"])),
  };
}

export type PersonalData = NonNullable<Awaited<ReturnType<typeof personalData>>>;
