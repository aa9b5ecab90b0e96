// What an import will do with each ticket: create, update, leave alone or skip, and for whom (pure).
//
// Rules (shown on the import pages too):
// - Only resolved tickets become evidence; the rest are skipped with the reason. So are tickets resolved as
//   not done (Jira's Duplicate, Won't Do…: a resolution outside the organisation's done list).
// - A ticket is attributed through the first of its handles (resolver first, then assignee) that
//   belongs to an active person. An engineer's own import ("self") keeps only tickets attributed to
//   them; the others are "not yours". An admin's import ("org") attributes by handle and lists the
//   handles nobody has, so they can be mapped to a person.
// - Idempotent by import key (`${sourceSystem}:${externalRef}`): a ticket imported before is updated
//   in place when the export changed, stays as it is when nothing changed, and is left alone
//   ("kept, edited by owner") once its owner has edited the item. A stored item keeps its owner.
import type { EvidenceStatus } from "../types";
import { normaliseHandle } from "../org-tree";
import {
  CSV_COLUMNS,
  type EvidenceFields,
  type ImportedColumn,
  changedColumns,
  importKeyOf,
  mergeFields,
  normaliseRef,
  toEvidenceFields,
} from "./evidence";
import { type Steps, runSteps } from "./common";
import { olderThanStored } from "./source-version";
import type { ImportItem, SourceVersion } from "./types";

export type ImportScope = "self" | "org";

export interface PlanPerson {
  id: number;
  name: string;
}

/** An evidence item already stored under an import key. */
export interface StoredItem {
  id: number;
  person: PlanPerson;
  editedAt: string | null;
  status: EvidenceStatus;
  /** the stored row's columns (at least the imported ones) */
  columns: Record<string, unknown>;
  fields: EvidenceFields;
}

export interface PlanInput {
  items: ImportItem[];
  scope: ImportScope;
  uploader: PlanPerson;
  /** normalised handle → active person */
  people: Map<string, PlanPerson>;
  /** import key → stored item */
  stored: Map<string, StoredItem>;
  /** why an item's fields are invalid (null when valid); asked only for items about to be written */
  check?: (fields: EvidenceFields, index: number) => string | null;
  /** columns an import owns (CSV_COLUMNS by default) */
  columns?: readonly ImportedColumn[];
}

export type PlanAction = "create" | "update" | "unchanged" | "kept" | "skip";
export type SkipReason =
  "unresolved" | "not_done" | "no_time" | "invalid" | "unknown_handle" | "not_yours" | "other_owner" | "older";

export const SKIP_LABELS: Record<SkipReason, string> = {
  unresolved: "not resolved",
  not_done: "resolved as not done",
  no_time: "no resolution time",
  invalid: "invalid fields",
  unknown_handle: "unknown handle",
  not_yours: "not yours",
  other_owner: "imported earlier for someone else",
  older: "older than stored",
};

export interface PlannedItem {
  index: number;
  ref: string;
  importKey: string;
  title: string;
  kind: string;
  state: string;
  priority: string | null;
  rows: number[];
  /** the handle the item is attributed through (or the first handle, for skipped items) */
  handle: string | null;
  person: PlanPerson | null;
  action: PlanAction;
  skip: SkipReason | null;
  /** human explanation for skipped / kept items */
  reason: string | null;
  storedId: number | null;
  /** the ticket's version in the export, recorded with what is written (create, update) */
  sourceVersion: SourceVersion | null;
  /** what will be written (create, update) */
  fields: EvidenceFields | null;
  changed: ImportedColumn[];
}

export interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  kept: number;
  skip: number;
  skipped: Record<SkipReason, number>;
}

export interface PersonTally {
  person: PlanPerson;
  create: number;
  update: number;
  unchanged: number;
  kept: number;
}

export interface ImportPlan {
  items: PlannedItem[];
  counts: PlanCounts;
  /** handles of resolved tickets that nobody has (org imports), most tickets first */
  unknownHandles: { handle: string; items: number }[];
  byPerson: PersonTally[];
}

function emptyCounts(): PlanCounts {
  return {
    create: 0,
    update: 0,
    unchanged: 0,
    kept: 0,
    skip: 0,
    skipped: {
      unresolved: 0,
      not_done: 0,
      no_time: 0,
      invalid: 0,
      unknown_handle: 0,
      not_yours: 0,
      other_owner: 0,
      older: 0,
    },
  };
}

export function planImport(input: PlanInput): ImportPlan {
  return runSteps(planImportSteps(input));
}

/** Items planned per step of planImportSteps (a few milliseconds of work). */
export const PLAN_STEP = 250;

/** planImport a step of PLAN_STEP items per `next()`, for callers that give the event loop back between steps. */
export function* planImportSteps(input: PlanInput): Steps<ImportPlan> {
  const columns = input.columns ?? CSV_COLUMNS;
  const counts = emptyCounts();
  const unknown = new Map<string, { handle: string; items: number }>();
  const tallies = new Map<number, PersonTally>();
  const seen = new Set<string>();
  const items: PlannedItem[] = [];

  const planOne = (item: ImportItem, index: number) => {
    const importKey = importKeyOf(item);
    const p: PlannedItem = {
      index,
      ref: item.externalRef,
      importKey,
      title: item.title,
      kind: item.kind,
      state: item.state,
      priority: item.priority,
      rows: item.rows,
      handle: item.handles[0] ?? null,
      person: null,
      action: "skip",
      skip: null,
      reason: null,
      storedId: null,
      sourceVersion: item.sourceVersion ?? null,
      fields: null,
      changed: [],
    };
    items.push(p);
    const skip = (why: SkipReason, reason: string) => {
      p.action = "skip";
      p.skip = why;
      p.reason = reason;
      p.fields = null;
      counts.skip++;
      counts.skipped[why]++;
    };

    if (!item.resolved) return skip("unresolved", `Not resolved (state: ${item.state || "unknown"})`);
    if (item.notDoneResolution !== null) {
      return skip(
        "not_done",
        `Resolved as “${item.notDoneResolution}”, which is not work done (the done resolutions are in Settings)`,
      );
    }
    const fields = toEvidenceFields(item);
    if (!fields) return skip("no_time", "Resolved, but the export gives no resolution time");
    if (seen.has(importKey)) return skip("invalid", "Listed twice in the file");
    seen.add(importKey);

    let person: PlanPerson | null = null;
    for (const h of item.handles) {
      const hit = input.people.get(normaliseHandle(h));
      if (hit) {
        person = hit;
        p.handle = h;
        break;
      }
    }
    const stored = input.stored.get(importKey) ?? null;

    if (input.scope === "self") {
      if (!person || person.id !== input.uploader.id) {
        return skip("not_yours", item.handles.length ? `Not yours (${p.handle})` : "Not yours (no handle in the export)");
      }
      if (stored && stored.person.id !== input.uploader.id) return skip("other_owner", "Imported earlier for someone else");
    } else if (stored) {
      person = stored.person;
    } else if (!person) {
      if (item.handles.length === 0) return skip("unknown_handle", "No handle in the export");
      const h = item.handles[0]!;
      const key = normaliseHandle(h);
      const u = unknown.get(key) ?? { handle: h, items: 0 };
      u.items++;
      unknown.set(key, u);
      return skip("unknown_handle", `Unknown handle "${h}"`);
    }

    const older = stored ? olderThanStored(item.sourceVersion, stored.columns) : null;
    if (older) return skip("older", older);

    const decision = decideStored(stored, fields, columns);
    const bad = decision.fields && input.check ? input.check(decision.fields, index) : null;
    if (bad) return skip("invalid", bad);

    p.person = person!;
    let tally = tallies.get(person!.id);
    if (!tally) {
      tally = { person: person!, create: 0, update: 0, unchanged: 0, kept: 0 };
      tallies.set(person!.id, tally);
    }
    p.action = decision.action;
    p.fields = decision.fields;
    p.changed = decision.changed;
    p.storedId = stored?.id ?? null;
    if (decision.action === "kept") p.reason = KEPT_REASON;
    counts[decision.action]++;
    tally[decision.action]++;
  };
  for (let index = 0; index < input.items.length; index++) {
    planOne(input.items[index]!, index);
    if ((index + 1) % PLAN_STEP === 0) yield;
  }

  return {
    items,
    counts,
    unknownHandles: [...unknown.values()].sort((a, b) => b.items - a.items || a.handle.localeCompare(b.handle)),
    byPerson: [...tallies.values()].sort((a, b) => a.person.name.localeCompare(b.person.name)),
  };
}

const KEPT_REASON = "Kept: edited by its owner since it was imported";

export interface StoredDecision {
  action: "create" | "update" | "unchanged" | "kept";
  /** what is written: the new item, or the stored one with the imported columns replaced; null when nothing is */
  fields: EvidenceFields | null;
  changed: ImportedColumn[];
}

/**
 * The one rule for a ticket against what is stored under its import key, shared by the CSV import and the
 * ingest API: new → create; same columns → unchanged; changed but edited by its owner → kept; else update.
 */
export function decideStored(
  stored: StoredItem | null,
  fields: EvidenceFields,
  columns: readonly ImportedColumn[],
): StoredDecision {
  if (!stored) return { action: "create", fields, changed: [] };
  // The reference as first stored stays: "inc0012345 " from the API is the same ticket as "INC0012345" from
  // a CSV export (one identity, ticketKey), not a change of the item.
  if (stored.fields.externalRef !== null && normaliseRef(stored.fields.externalRef) === normaliseRef(fields.externalRef ?? ""))
    fields = { ...fields, externalRef: stored.fields.externalRef };
  const changed = changedColumns(stored.columns, fields, columns);
  if (changed.length === 0) return { action: "unchanged", fields: null, changed };
  if (stored.editedAt) return { action: "kept", fields: null, changed };
  return { action: "update", fields: mergeFields(stored.fields, fields, columns), changed };
}

/** Every distinct handle the items mention (to look people up once). */
export function handlesIn(items: ImportItem[]): string[] {
  const out = new Set<string>();
  for (const i of items) for (const h of i.handles) out.add(h);
  return [...out];
}

/** The status an updated item gets: a verified item whose fields changed needs a fresh review. */
export function statusAfterUpdate(status: EvidenceStatus): EvidenceStatus {
  return status === "verified" ? "submitted" : status;
}
