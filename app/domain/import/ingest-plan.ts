// What an ingest request does with each posted ticket (pure): the same rule as a CSV import's plan
// (decideStored in ./plan.ts) with the API owning every column. Attribution and the request's own checks
// (unknown handle, a ticket listed twice) happen before, in the ingest command, and refuse the whole request.
import type { EvidenceFields } from "../types";
import { API_COLUMNS } from "./evidence";
import { type StoredItem, decideStored } from "./plan";

export type IngestAction = "created" | "updated" | "unchanged" | "kept";

export interface IngestCandidate {
  index: number;
  externalRef: string;
  importKey: string;
  /** the person the ticket is attributed to; a stored item keeps its owner instead */
  personId: number;
  fields: EvidenceFields;
}

export interface PlannedIngest {
  index: number;
  externalRef: string;
  importKey: string;
  personId: number;
  action: IngestAction;
  storedId: number | null;
  /** what is written (created, updated); null otherwise */
  fields: EvidenceFields | null;
}

const ACTION = { create: "created", update: "updated", unchanged: "unchanged", kept: "kept" } as const;

export function planIngest(candidates: IngestCandidate[], stored: Map<string, StoredItem>): PlannedIngest[] {
  return candidates.map((c) => {
    const s = stored.get(c.importKey) ?? null;
    const decision = decideStored(s, c.fields, API_COLUMNS);
    return {
      index: c.index,
      externalRef: c.externalRef,
      importKey: c.importKey,
      personId: s ? s.person.id : c.personId,
      action: ACTION[decision.action],
      storedId: s?.id ?? null,
      fields: decision.fields,
    };
  });
}

export function ingestCounts(planned: PlannedIngest[]): Record<IngestAction, number> {
  const out = { created: 0, updated: 0, unchanged: 0, kept: 0 };
  for (const p of planned) out[p.action]++;
  return out;
}
