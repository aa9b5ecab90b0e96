import { type Kysely, sql } from "kysely";

// Frozen once shipped. Monthly score buckets kept as a table, per (person, skill, month): what the
// per-item aggregate over contributions gives (points split by verification, items whose net points for
// the skill are positive, the latest of them), so that reading the levels of a whole organisation is one
// pass over ~1 row per person, skill and month instead of every contribution. `month_mid_ms` is the
// middle of the month (ms since the epoch), the instant decay is measured from, kept as a number so that
// the decay can be applied in SQL. The evidence writes keep the table up to date (ADR 005).
// One transaction: kysely runs SQLite migrations without one, and a backfill that failed halfway would
// otherwise leave the table behind and the migration unrecorded.
export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await createAndFill(tx);
  });
}

async function createAndFill(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("skill_months")
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("skill_key", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("month_mid_ms", "bigint", (c) => c.notNull())
    .addColumn("verified_points", "integer", (c) => c.notNull())
    .addColumn("self_points", "integer", (c) => c.notNull())
    .addColumn("items", "integer", (c) => c.notNull())
    .addColumn("verified_items", "integer", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("skill_months_pk", ["person_id", "skill_key", "month"])
    .execute();
  // Covering: the organisation-wide sum reads the index alone, in (person, skill) order.
  await db.schema
    .createIndex("skill_months_totals_idx")
    .on("skill_months")
    .columns(["person_id", "skill_key", "month", "month_mid_ms", "verified_points", "self_points", "items"])
    .execute();

  const rows = await sql<{
    person_id: number;
    skill_key: string;
    month: string;
    verified_points: number;
    self_points: number;
    items: number;
    verified_items: number;
    last_at: string;
  }>`
    select person_id, skill_key, substr(resolved_at, 1, 7) as month,
      sum(case when verified = 1 then pts else 0 end) as verified_points,
      sum(case when verified = 1 then 0 else pts end) as self_points,
      count(*) as items, sum(verified) as verified_items, max(resolved_at) as last_at
    from (
      select person_id, evidence_id, skill_key, resolved_at, verified, sum(points) as pts
      from contributions where counted = 1
      group by person_id, evidence_id, skill_key, resolved_at, verified
      having sum(points) > 0
    ) as i
    group by person_id, skill_key, substr(resolved_at, 1, 7)`.execute(db);
  const values = rows.rows.map((r) => {
    const [y, m] = r.month.split("-").map(Number) as [number, number];
    return { ...r, month_mid_ms: (Date.UTC(y, m - 1, 1) + Date.UTC(y, m, 1)) / 2 };
  });
  for (let i = 0; i < values.length; i += 500) await db.insertInto("skill_months").values(values.slice(i, i + 500)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("skill_months").execute();
}
