// The evidence the after-hours model reads (issue 13, ADR 030): each counted item's kind and times, and the
// minutes its owner stated out of hours — only where a person typed them (a manual or API item, or any
// on-call shift); an imported ticket's stored minutes are the old overlap figure, which the model replaces.
import type { DB } from "~/db.server";
import type { WorkItem } from "~/domain/after-hours";

/** Counted items (submitted or verified) of these people resolved in [from, to), per person. */
export async function workItemsOf(
  db: DB,
  personIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, WorkItem[]>> {
  const out = new Map<number, WorkItem[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom("evidence")
    .select([
      "person_id",
      "kind",
      "source",
      "started_at",
      "resolved_at",
      "duration_minutes",
      "after_hours",
      "after_hours_minutes",
    ])
    .where("person_id", "in", [...new Set(personIds)])
    .where("status", "in", ["submitted", "verified"])
    .where("resolved_at", ">=", from)
    .where("resolved_at", "<", to)
    .orderBy("resolved_at")
    .execute();
  for (const r of rows) {
    const stated = r.kind === "on_call" || r.source !== "import" ? (r.after_hours ? r.after_hours_minutes : 0) : null;
    out.get(r.person_id)?.push({
      kind: r.kind,
      startedAt: r.started_at,
      resolvedAt: r.resolved_at,
      durationMinutes: r.duration_minutes,
      // a figure of 0 with the box unticked says nothing: the times decide
      statedMinutes: stated ? stated : r.kind === "on_call" ? 0 : null,
    });
  }
  return out;
}
