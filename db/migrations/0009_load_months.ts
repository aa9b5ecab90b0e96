import { type Kysely, sql } from "kysely";

// Frozen once shipped. The team view's load figures as a table, per person and month (issue 18): the
// organisation's six-month window read 105,543 evidence index entries and grouped them on every view
// (2,000 people, 1M items); these rows are those groups already made, a few per person and month, so the
// view reads ~32,000 short rows in key order. What a row holds is what loadGroups returned: counted
// (submitted or verified) items that are P1, on call or after hours, grouped by on call or not, P1 or not,
// the after-hours flag and whether after-hours minutes are known, with minutes summed and items counted.
// The evidence writer moves the rows by the difference of each write (app/models/load-months.server.ts);
// `npm run cli -- rebuild-scores` recomputes them. priority is '' rather than NULL so it can be in the key.
// One transaction: kysely runs SQLite migrations without one, and a backfill that failed halfway would
// otherwise leave the table behind and the migration unrecorded.
export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.schema
      .createTable("load_months")
      .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
      .addColumn("month", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("priority", "text", (c) => c.notNull())
      .addColumn("after_hours", "integer", (c) => c.notNull())
      .addColumn("minutes_known", "integer", (c) => c.notNull())
      .addColumn("after_hours_minutes", "integer", (c) => c.notNull())
      .addColumn("duration_minutes", "integer", (c) => c.notNull())
      .addColumn("items", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("load_months_pk", ["person_id", "month", "kind", "priority", "after_hours", "minutes_known"])
      .execute();
    // Covering: the view reads a range of months per person from the index alone.
    await tx.schema
      .createIndex("load_months_read_idx")
      .on("load_months")
      .columns([
        "person_id",
        "month",
        "kind",
        "priority",
        "after_hours",
        "minutes_known",
        "after_hours_minutes",
        "duration_minutes",
        "items",
      ])
      .execute();
    await sql`
      insert into load_months (person_id, month, kind, priority, after_hours, minutes_known, after_hours_minutes, duration_minutes, items)
      select person_id, substr(resolved_at, 1, 7),
        case when kind = 'on_call' then 'on_call' else 'other' end,
        case when priority = 'P1' then 'P1' else '' end,
        after_hours,
        case when after_hours_minutes > 0 then 1 else 0 end,
        sum(after_hours_minutes), sum(duration_minutes), count(*)
      from evidence
      where status in ('submitted', 'verified') and (after_hours = 1 or priority = 'P1' or kind = 'on_call')
      group by person_id, substr(resolved_at, 1, 7), case when kind = 'on_call' then 'on_call' else 'other' end,
        case when priority = 'P1' then 'P1' else '' end, after_hours, case when after_hours_minutes > 0 then 1 else 0 end`.execute(tx);
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("load_months").execute();
}
