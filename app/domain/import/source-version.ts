// An export older than what is stored never overwrites it (issue 13, point 5): two admins exporting at
// different times, or an old file uploaded again after a newer one, must not take a ticket back in time
// (a reopen count 1 → 0, a resolution undone).
import { wallClockToStored } from "./evidence";
import type { SourceVersion } from "./types";

/** The version columns of a stored item (migration 0025); null for items written before it or by hand. */
export interface StoredVersion {
  source_mod_count?: unknown;
  source_updated_at?: unknown;
}

const utc = (stored: string) => `${stored.slice(0, 16).replace("T", " ")} UTC`;

/**
 * Why `incoming` is older than the stored item, or null when it is not (or nothing can tell). The
 * modification count decides when both have one: it rises with every change, whatever the clocks say.
 * Otherwise the source's update time does. Equal versions are not older: the same export again.
 */
export function olderThanStored(incoming: SourceVersion | undefined, stored: StoredVersion): string | null {
  if (!incoming) return null;
  const storedMod = typeof stored.source_mod_count === "number" ? stored.source_mod_count : null;
  if (incoming.modCount !== null && storedMod !== null) {
    return incoming.modCount < storedMod
      ? `Older than stored: this export has the ticket at modification ${incoming.modCount}, the stored item at ${storedMod}`
      : null;
  }
  const storedAt = typeof stored.source_updated_at === "string" ? stored.source_updated_at : null;
  if (incoming.updatedAt !== null && storedAt !== null) {
    const at = wallClockToStored(incoming.updatedAt);
    return at < storedAt
      ? `Older than stored: this export has the ticket as updated ${utc(at)}, the stored item as updated ${utc(storedAt)}`
      : null;
  }
  return null;
}

/** The version columns to record with an item written from an export (null: the export did not say). */
export function versionColumns(v: SourceVersion | null): { source_mod_count: number | null; source_updated_at: string | null } {
  return {
    source_mod_count: v?.modCount ?? null,
    source_updated_at: v?.updatedAt ? wallClockToStored(v.updatedAt) : null,
  };
}
