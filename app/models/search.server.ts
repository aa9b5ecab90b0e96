// Free-text search, the same on both engines: case-insensitive in every script (lower() is
// Unicode-aware on both, see openSqlite) and literal about LIKE's own characters, so that "50%",
// "a_b" and "C:\temp" find themselves rather than acting as wildcards.
import { type Expression, type RawBuilder, sql } from "kysely";

/** The LIKE pattern matching `q` anywhere, lower-cased, with %, _ and \ escaped by \. */
export function containsPattern(q: string): string {
  return `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(expr) LIKE '%q%'` with q taken literally. */
export function containsText(expr: Expression<string | null> | RawBuilder<unknown>, q: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${expr}) like ${containsPattern(q)} escape '\\'`;
}
