// The team view's load figures kept as a table (load_months, migration 0009): per person and month, the
// counted items that are P1, on call or after hours, grouped by what the load rules look at. The evidence
// writer moves the rows by the difference of each write (applyLoadChanges, in its transaction); the rebuild
// recomputes them from the evidence with the same grouping, and the property test holds the two equal.
import { sql } from "kysely";
import type { DB } from "~/db.server";

const CHUNK = 500;

/** Counted and P1, on call or after hours: in literals, as the partial index evidence_load_hot_idx (migration 0008). */
export const HOT = sql<boolean>`status in ('submitted', 'verified') and (after_hours = 1 or priority = 'P1' or kind = 'on_call')`;
const MONTH = sql<string>`substr(resolved_at, 1, 7)`;
const KIND = sql<string>`case when kind = 'on_call' then 'on_call' else 'other' end`;
const PRIORITY = sql<string>`case when priority = 'P1' then 'P1' else '' end`;
const KNOWN = sql<number>`case when after_hours_minutes > 0 then 1 else 0 end`;

/** One stored row, or what one item adds to it (items = 1). */
export interface LoadGroup {
  person_id: number;
  month: string;
  kind: string;
  /** 'P1' or '' */
  priority: string;
  after_hours: number;
  minutes_known: number;
  after_hours_minutes: number;
  duration_minutes: number;
  items: number;
}

const KEY = ["person_id", "month", "kind", "priority", "after_hours", "minutes_known"] as const;
const keyOf = (g: LoadGroup) => KEY.map((k) => g[k]).join("\u0000");

function numbers(r: LoadGroup): LoadGroup {
  return {
    ...r,
    after_hours: Number(r.after_hours),
    minutes_known: Number(r.minutes_known),
    after_hours_minutes: Number(r.after_hours_minutes),
    duration_minutes: Number(r.duration_minutes),
    items: Number(r.items),
  };
}

/** What these items add to load_months as they stand now: call before and after a write. */
export async function loadFactsOf(db: DB, evidenceIds: number[]): Promise<LoadGroup[]> {
  const out: LoadGroup[] = [];
  for (let i = 0; i < evidenceIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("evidence")
      .select([
        "person_id",
        MONTH.as("month"),
        KIND.as("kind"),
        PRIORITY.as("priority"),
        "after_hours",
        KNOWN.as("minutes_known"),
        "after_hours_minutes",
        "duration_minutes",
        sql<number>`1`.as("items"),
      ])
      .where("id", "in", evidenceIds.slice(i, i + CHUNK))
      .where(HOT)
      .execute();
    for (const r of rows) out.push(numbers(r));
  }
  return out;
}

/** The columns of an evidence row that its load facts come from. */
export interface LoadColumns {
  person_id: number;
  status: string;
  kind: string;
  priority: string | null;
  after_hours: number;
  after_hours_minutes: number;
  duration_minutes: number;
  resolved_at: string;
}

/**
 * loadFactsOf for rows about to be inserted, from their values, without reading them back (an import of
 * 140,000 items): the same condition and grouping as HOT and the SQL above, which the property test holds equal.
 */
export function loadFactsOfRows(rows: LoadColumns[]): LoadGroup[] {
  const out: LoadGroup[] = [];
  for (const r of rows) {
    const counted = r.status === "submitted" || r.status === "verified";
    if (!counted || !(r.after_hours === 1 || r.priority === "P1" || r.kind === "on_call")) continue;
    out.push({
      person_id: r.person_id,
      month: r.resolved_at.slice(0, 7),
      kind: r.kind === "on_call" ? "on_call" : "other",
      priority: r.priority === "P1" ? "P1" : "",
      after_hours: r.after_hours,
      minutes_known: r.after_hours_minutes > 0 ? 1 : 0,
      after_hours_minutes: r.after_hours_minutes,
      duration_minutes: r.duration_minutes,
      items: 1,
    });
  }
  return out;
}

/**
 * Moves the stored rows from the items' facts `before` a write to those `after` it: the differences are
 * summed per row key and added in place (an upsert that adds), and rows left with no item are dropped.
 * Cost: a few statements per touched key, whatever the person's history.
 */
export async function applyLoadChanges(db: DB, before: LoadGroup[], after: LoadGroup[]) {
  const deltas = new Map<string, LoadGroup>();
  const add = (g: LoadGroup, sign: number) => {
    const k = keyOf(g);
    const d = deltas.get(k) ?? { ...g, after_hours_minutes: 0, duration_minutes: 0, items: 0 };
    d.after_hours_minutes += sign * g.after_hours_minutes;
    d.duration_minutes += sign * g.duration_minutes;
    d.items += sign * g.items;
    deltas.set(k, d);
  };
  for (const g of before) add(g, -1);
  for (const g of after) add(g, 1);
  const changed = [...deltas.values()].filter((d) => d.items !== 0 || d.after_hours_minutes !== 0 || d.duration_minutes !== 0);
  if (!changed.length) return;
  for (let i = 0; i < changed.length; i += CHUNK / 5)
    await db
      .insertInto("load_months")
      .values(changed.slice(i, i + CHUNK / 5))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({
          after_hours_minutes: sql<number>`load_months.after_hours_minutes + ${eb.ref("excluded.after_hours_minutes")}`,
          duration_minutes: sql<number>`load_months.duration_minutes + ${eb.ref("excluded.duration_minutes")}`,
          items: sql<number>`load_months.items + ${eb.ref("excluded.items")}`,
        })),
      )
      .execute();
  const people = [...new Set(changed.filter((d) => d.items < 0).map((d) => d.person_id))];
  for (let i = 0; i < people.length; i += CHUNK)
    await db
      .deleteFrom("load_months")
      .where("person_id", "in", people.slice(i, i + CHUNK))
      .where("items", "<=", 0)
      .execute();
}

/** The grouped rows straight from the evidence (the rebuild's source, and the tests' oracle). */
export function loadGroupsFromEvidence(db: DB, personIds?: number[], from?: string, to?: string) {
  return db
    .selectFrom("evidence")
    .select([
      "person_id",
      MONTH.as("month"),
      KIND.as("kind"),
      PRIORITY.as("priority"),
      "after_hours",
      KNOWN.as("minutes_known"),
      sql<number>`sum(after_hours_minutes)`.as("after_hours_minutes"),
      sql<number>`sum(duration_minutes)`.as("duration_minutes"),
      sql<number>`count(*)`.as("items"),
    ])
    .$if(personIds !== undefined, (q) => q.where("person_id", "in", personIds!))
    .$if(from !== undefined, (q) => q.where("resolved_at", ">=", from!))
    .$if(to !== undefined, (q) => q.where("resolved_at", "<", to!))
    .where(HOT)
    .groupBy(["person_id", MONTH, KIND, PRIORITY, "after_hours", KNOWN]);
}

export async function loadGroupsFromEvidenceRows(db: DB, personIds?: number[], from?: string, to?: string) {
  return (await loadGroupsFromEvidence(db, personIds, from, to).execute()).map(numbers);
}

/** Recomputes the whole table from the evidence (rebuild-scores, and data loaded around the app). */
export async function rebuildLoadMonths(db: DB) {
  await db.deleteFrom("load_months").execute();
  await db
    .insertInto("load_months")
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
    .expression(loadGroupsFromEvidence(db))
    .execute();
}

/** The stored rows of these people for the months from `fromMonth` up to `toMonth` (YYYY-MM; excluded with `before`). */
export async function storedLoadGroups(
  db: DB,
  personIds: number[],
  fromMonth: string,
  toMonth: string,
  opts: { before?: boolean } = {},
): Promise<LoadGroup[]> {
  if (!personIds.length) return [];
  // Stored integer columns come back as numbers on both engines (int4 on PostgreSQL): no copy to convert.
  return db
    .selectFrom("load_months")
    .select([...KEY, "after_hours_minutes", "duration_minutes", "items"])
    .where("person_id", "in", personIds)
    .where("month", ">=", fromMonth)
    .where("month", opts.before ? "<" : "<=", toMonth)
    .execute();
}
