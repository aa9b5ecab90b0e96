// SQL of the team view's load figures (one aggregate). Who is in the team comes from people.server.ts
// (teamPeople), their skill totals from skill-months.server.ts. One query for the whole team, whatever its size.
import { sql } from "kysely";
import type { DB } from "~/db.server";

/**
 * The evidence behind on-call load, already grouped: per person and month, counted (submitted or verified)
 * items resolved in [from, to) that are P1, on-call shifts or after hours, in groups that share what the load
 * rules look at (on-call or not, P1 or not, the after-hours flag, whether after-hours minutes are known),
 * with their minutes summed and counted. One range per person over a covering partial index (migration 0008).
 */
const HOT = sql<boolean>`status in ('submitted', 'verified') and (after_hours = 1 or priority = 'P1' or kind = 'on_call')`;

export async function loadGroups(db: DB, personIds: number[], from: string, to: string) {
  if (personIds.length === 0) return [];
  const month = sql<string>`substr(resolved_at, 1, 7)`;
  const kind = sql<string>`case when kind = 'on_call' then 'on_call' else 'other' end`;
  const priority = sql<string | null>`case when priority = 'P1' then 'P1' else null end`;
  const known = sql<number>`case when after_hours_minutes > 0 then 1 else 0 end`;
  const rows = await db
    .selectFrom("evidence")
    .select([
      "person_id",
      month.as("month"),
      kind.as("kind"),
      priority.as("priority"),
      "after_hours",
      known.as("minutes_known"),
      sql<number>`sum(after_hours_minutes)`.as("after_hours_minutes"),
      sql<number>`sum(duration_minutes)`.as("duration_minutes"),
      sql<number>`count(*)`.as("items"),
    ])
    .where("person_id", "in", personIds)
    .where("resolved_at", ">=", from)
    .where("resolved_at", "<", to)
    // In literals, exactly as the partial index evidence_load_hot_idx (migration 0008) is defined: only
    // then can either engine prove the index holds every row asked for, and read it alone.
    .where(HOT)
    .groupBy(["person_id", month, kind, priority, "after_hours", known])
    .execute();
  return rows.map((r) => ({
    ...r,
    after_hours_minutes: Number(r.after_hours_minutes),
    duration_minutes: Number(r.duration_minutes),
    items: Number(r.items),
  }));
}
