// The ingest API: a ticketing tool posts resolved tickets as JSON with an integration token.
// Same field rules as a CSV import (evidenceFieldsSchema), attributed by handle or email, idempotent by
// import key `api:<system or "api">:<externalRef>`, planned by the import's rule (domain/import/plan.ts)
// and written through the evidence writer, one transaction per request.
import { now as clockNow } from "~/clock.server";
import { type DB, inTransaction } from "~/db.server";
import {
  type EvidenceFields,
  type IngestAction,
  type IngestCandidate,
  afterHoursOf,
  apiImportKey,
  ingestCounts,
  planIngest,
} from "~/domain/import/index";
import type { BusinessHours } from "~/domain/import/index";
import { normaliseHandle } from "~/domain/org-tree";
import { GRANTS } from "~/auth/permissions";
import { findTokenByValue, touchToken } from "~/models/api-tokens.server";
import { recordAudit } from "~/models/audit.server";
import { lockPeople } from "~/models/locks.server";
import { businessHours, listKinds, listRules } from "~/models/catalog.server";
import { violates } from "~/models/constraint-errors.server";
import { writePlanned } from "~/models/evidence-writer.server";
import { storedByKeys } from "~/models/imports.server";
import { findPersonByEmail, peopleByHandles } from "~/models/people.server";
import { type IngestItem, type ItemError, checkEvidenceFields, parseIngestBody } from "~/schemas/ingest.server";
import { inputBounds } from "~/schemas/rules";
import { type Result, conflict, invalid, ok } from "~/utils/result";

/** Largest accepted request body. */
export const INGEST_MAX_BYTES = 5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Tokens: who an API request acts as (the admin page writes them: app/services/api-tokens.server.ts)

export interface TokenActor {
  tokenId: number;
  tokenName: string;
  actorId: number;
}

export type AuthResult = { ok: true; actor: TokenActor } | { ok: false; status: 401 | 403; error: string };

/** Bearer token → the integration and the admin who created it (whose rights it carries). */
export async function authenticate(db: DB, header: string | null, now = clockNow()): Promise<AuthResult> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) return { ok: false, status: 401, error: "Send an integration token: Authorization: Bearer <token>." };
  const token = await findTokenByValue(db, m[1]!);
  if (!token) return { ok: false, status: 401, error: "Unknown token." };
  if (token.revoked_at) return { ok: false, status: 401, error: "This token has been revoked." };
  if (!token.creator_active || !GRANTS[token.creator_role].includes("import:run:any")) {
    return {
      ok: false,
      status: 403,
      error: "The admin who created this token may no longer import for the organisation: create a new token.",
    };
  }
  await touchToken(db, token.id, now);
  return { ok: true, actor: { tokenId: token.id, tokenName: token.name, actorId: token.created_by } };
}

// ---------------------------------------------------------------------------------------------
// Items

const ZONED = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An API date-time → the stored instant, the wall-clock time as written (for business hours) and whether it
 * had a zone (without one it is a wall-clock time, stored as written: the date bounds allow for that).
 */
export function readApiTime(v: string): { stored: string; wall: string; zoned: boolean } {
  const m = ZONED.exec(v.trim())!;
  const [, date, hm = "00:00", sec = "00", frac = "", zone] = m;
  const wall = `${date}T${hm}:00`;
  const ms = (frac + "000").slice(0, 3);
  if (!zone) return { stored: `${date}T${hm}:${sec}.${ms}Z`, wall, zoned: false };
  const z = zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return { stored: new Date(`${date}T${hm}:${sec}.${ms}${z}`).toISOString(), wall, zoned: true };
}

/** The evidence fields of a posted item: missing after-hours and duration are worked out from the times. */
export function fieldsOfIngest(item: IngestItem, bh: BusinessHours): EvidenceFields {
  const resolved = readApiTime(item.resolvedAt);
  const started = item.startedAt ? readApiTime(item.startedAt) : null;
  const computed = afterHoursOf(true, started?.wall ?? null, resolved.wall, bh);
  const afterHours = item.afterHours ?? computed.afterHours;
  const duration = started ? Math.max(0, Math.floor((Date.parse(resolved.stored) - Date.parse(started.stored)) / 60000)) : 0;
  return {
    kind: item.kind,
    title: item.title,
    externalRef: item.externalRef,
    startedAt: started?.stored ?? null,
    resolvedAt: resolved.stored,
    priority: (item.priority ?? null) as EvidenceFields["priority"],
    impact: (item.impact ?? null) as EvidenceFields["impact"],
    workRole: (item.workRole ?? null) as EvidenceFields["workRole"],
    outcome: (item.outcome ?? "resolved") as EvidenceFields["outcome"],
    afterHours,
    afterHoursMinutes: item.afterHoursMinutes ?? (afterHours ? computed.afterHoursMinutes : 0),
    durationMinutes: item.durationMinutes ?? duration,
    emergency: item.emergency,
    addsFunctionality: item.addsFunctionality,
    fixesSlowness: item.fixesSlowness,
    reassignmentCount: item.reassignmentCount,
    reopenCount: item.reopenCount,
    problemRef: item.problemRef,
    changeRef: item.changeRef,
    resolutionCode: item.resolutionCode,
    notes: item.notes,
    links: item.links,
  };
}

export interface IngestSummary {
  created: number;
  updated: number;
  unchanged: number;
  kept: number;
  items: { index: number; externalRef: string; importKey: string; evidenceId: number; personId: number; action: IngestAction }[];
}

/** The request's problems as field errors keyed `<index>.<field>` (index -1: the body itself). */
function invalidItems(errors: ItemError[]) {
  return invalid(
    Object.fromEntries(errors.map((e) => [`${e.index}.${e.field}`, e.message])),
    "Nothing was written: fix the items listed in errors.",
  );
}

/** Field errors of invalidItems back as the API's documented list. */
export function itemErrorsOf(fieldErrors: Record<string, string>): ItemError[] {
  return Object.entries(fieldErrors).map(([key, message]) => {
    const dot = key.indexOf(".");
    return { index: Number(key.slice(0, dot)), field: key.slice(dot + 1), message };
  });
}

/** Checks every item and attributes it to a person; any problem refuses the whole request. */
async function candidatesOf(
  db: DB,
  items: IngestItem[],
  now: Date,
): Promise<{ candidates: IngestCandidate[]; errors: ItemError[] }> {
  const bounds = inputBounds(now);
  const [kindList, bh] = await Promise.all([listKinds(db), businessHours(db)]);
  const kinds = new Set(kindList.map((k) => k.key));
  const byHandle = await peopleByHandles(
    db,
    items.flatMap((i) => (i.handle ? [i.handle] : [])),
  );
  const errors: ItemError[] = [];
  const seen = new Map<string, number>();
  const candidates: IngestCandidate[] = [];
  for (const [index, item] of items.entries()) {
    const fields = fieldsOfIngest(item, bh);
    const bad = checkEvidenceFields(fields, kinds, bounds, {
      startedAt: item.startedAt ? !readApiTime(item.startedAt).zoned : false,
      resolvedAt: !readApiTime(item.resolvedAt).zoned,
    });
    if (bad) {
      errors.push({ index, field: bad.field, message: bad.message });
      continue;
    }
    let personId: number | null = null;
    if (item.handle) {
      personId = byHandle.get(normaliseHandle(item.handle))?.id ?? null;
      if (personId === null) {
        errors.push({ index, field: "handle", message: `No active person has the handle "${item.handle}".` });
        continue;
      }
    } else if (item.email) {
      const p = await findPersonByEmail(db, item.email);
      if (!p || !p.active) {
        errors.push({ index, field: "email", message: `No active person has the email "${item.email}".` });
        continue;
      }
      personId = p.id;
    }
    const importKey = apiImportKey(item.system, item.externalRef);
    if (seen.has(importKey)) {
      errors.push({ index, field: "externalRef", message: `Listed twice in this request (also item ${seen.get(importKey)}).` });
      continue;
    }
    seen.set(importKey, index);
    candidates.push({ index, importKey, personId: personId!, fields, externalRef: item.externalRef });
  }
  return { candidates, errors };
}

/**
 * The ingest command: validates every item, then, in one transaction, plans them against what is stored
 * (domain/import/ingest-plan.ts, the CSV import's rule) and writes the plan through the evidence writer.
 * All or nothing. The token was authenticated (and its creator's right to import checked) by `authenticate`.
 */
export async function ingest(db: DB, actor: TokenActor, body: unknown, now: Date): Promise<Result<IngestSummary>> {
  const parsed = parseIngestBody(body);
  if (!parsed.ok) return invalidItems(parsed.errors);
  const { candidates, errors } = await candidatesOf(db, parsed.items, now);
  if (errors.length) return invalidItems(errors);
  try {
    return await inTransaction(db, async (tx) => {
      // The people first, then what is stored: a concurrent request for the same tickets has committed by then.
      await lockPeople(
        tx,
        candidates.map((c) => c.personId),
      );
      const rules = await listRules(tx, { activeOnly: true });
      const stored = await storedByKeys(
        tx,
        candidates.map((c) => c.importKey),
      );
      await lockPeople(
        tx,
        [...stored.values()].map((s) => s.person.id),
      );
      const planned = planIngest(candidates, stored);
      const creates = planned.filter((p) => p.action === "created");
      const ids = await writePlanned(
        tx,
        {
          creates: creates.map((p) => ({ personId: p.personId, fields: p.fields!, importKey: p.importKey })),
          updates: planned
            .filter((p) => p.action === "updated")
            .map((p) => ({ row: stored.get(p.importKey)!.row, fields: p.fields! })),
        },
        { source: "api", batchId: null, rules },
        now,
      );
      const idOf = new Map(creates.map((p, i) => [p.importKey, ids[i]!]));
      const items = planned.map((p) => ({
        index: p.index,
        externalRef: p.externalRef,
        importKey: p.importKey,
        evidenceId: p.storedId ?? idOf.get(p.importKey)!,
        personId: p.personId,
        action: p.action,
      }));
      const summary: IngestSummary = { ...ingestCounts(planned), items };
      await recordAudit(
        tx,
        {
          actorId: actor.actorId,
          action: "api_ingest",
          entity: "api_token",
          entityId: actor.tokenId,
          subjectPersonId: null,
          after: {
            created: summary.created,
            updated: summary.updated,
            unchanged: summary.unchanged,
            kept: summary.kept,
            refs: items.slice(0, 50).map((o) => o.importKey),
          },
        },
        now,
      );
      return ok(summary);
    });
  } catch (e) {
    if (violates(e, "unique", "evidence_import_key_key", "evidence.import_key")) {
      return conflict(
        "Another request stored one of these tickets at the same moment; nothing was written. Send the request again.",
      );
    }
    throw e;
  }
}
