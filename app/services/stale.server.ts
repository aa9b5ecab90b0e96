// The refusal of a save from a stale page (ADR 017): which fields changed since the page was loaded and
// their stored values (the pure app/domain/stale-changes.ts), who changed it and when (the audit log).
import type { DB } from "~/db.server";
import { type Labels, type Snapshot, fingerprint, staleChanges, staleMessage } from "~/domain/stale-changes";
import { lastAuditOf } from "~/models/audit.server";
import type { PageVersion } from "~/schemas/version";
import { type Failure, conflict } from "~/utils/result";

/** What a loader sends its form: the row's version and the fingerprint of what the page shows. */
export function pageVersion(version: number, snapshot: Snapshot): PageVersion {
  return { version, base: fingerprint(snapshot) };
}

/**
 * The 409 for a save whose page is stale. The last audit entry names who changed the row when it is at
 * least as recent as the row's last write (`updatedAt`); writes that audit per batch (an import, the
 * ingest API) leave the name out and say when.
 */
export async function staleFailure(
  db: DB,
  opts: {
    entity: string;
    entityId: number | string;
    noun: string;
    page: PageVersion;
    current: Snapshot;
    labels: Labels;
    updatedAt: string;
    /** who is saving: a change of their own (another tab) is said so */
    viewerId: number;
  },
): Promise<Failure> {
  const last = await lastAuditOf(db, opts.entity, opts.entityId);
  const named = last && last.at >= opts.updatedAt;
  return conflict(
    staleMessage({
      noun: opts.noun,
      changes: staleChanges(opts.page.base, opts.current, opts.labels),
      by: named ? (last.actor_id === opts.viewerId ? "you, in another tab or window," : (last.actor_name ?? null)) : null,
      at: named ? last.at : opts.updatedAt,
    }),
  );
}
