// The draft rule of app/auth/permissions.ts (`seesDraftOf`) as SQL, for every query that lists someone's
// evidence: an item is visible to a viewer unless it is a draft of somebody else. Plain SQL so that it fits
// any query over `evidence`, whatever else it joins; both engines read it alike.
import { type RawBuilder, sql } from "kysely";

/** `evidence` (or the alias given) is not another person's draft. */
export function visibleTo(viewerId: number, table = "evidence"): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${table}.status`)} <> 'draft' or ${sql.ref(`${table}.person_id`)} = ${viewerId})`;
}
