// The stored items as the mapping engine reads them, for a rule edit's preview (app/domain/rule-preview.ts).
// Read-only: the preview writes nothing; only the columns the rules look at are read.
import type { DB } from "~/db.server";
import { toInput, workItemOf } from "~/domain/evidence-row";
import type { WorkItem } from "~/domain/types";

export async function workItemsForPreview(db: DB): Promise<WorkItem[]> {
  const rows = await db.selectFrom("evidence").selectAll().execute();
  return rows.map((r) => workItemOf(toInput(r)));
}
