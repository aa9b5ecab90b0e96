// What changed under a stale page (ADR 017). Pure: no database, no clock.
//
// A form carries two hidden values: the row's version (the atomic check, in the models) and `base`, a
// fingerprint of each field as the page showed it. When a save is refused because the row moved on, the
// fingerprints of what is stored now are compared with the page's, so the message names the fields that
// changed since the page was loaded and shows their stored values — not the fields the person changed.
// A fingerprint is a 32-bit FNV-1a hash per field: small enough for a hidden input, and showing nothing the
// page does not already show.

/** A row as its form shows it: one display string per field (what a person would recognise). */
export type Snapshot = Record<string, string>;

/** A human label per field, in the order the message lists them. */
export type Labels = Record<string, string>;

export interface StaleChange {
  field: string;
  label: string;
  /** the value stored now, shortened for the message */
  now: string;
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The page's `base`: field=hash pairs, in the snapshot's order. */
export function fingerprint(snapshot: Snapshot): string {
  return Object.entries(snapshot)
    .map(([field, value]) => `${field}=${fnv1a(value)}`)
    .join(";");
}

function parseBase(base: string | null | undefined): Map<string, string> | null {
  if (!base || base.length > 10_000) return null;
  const out = new Map<string, string>();
  for (const pair of base.split(";")) {
    const m = /^([\w.[\]-]{1,80})=([0-9a-f]{8})$/.exec(pair);
    if (!m) return null;
    out.set(m[1]!, m[2]!);
  }
  return out;
}

const SHOWN = 80;

/** A stored value as the message quotes it. */
export function shown(value: string): string {
  const one = value.replace(/\s+/g, " ").trim();
  if (!one) return "empty";
  return `“${one.length > SHOWN ? `${one.slice(0, SHOWN - 1)}…` : one}”`;
}

/**
 * The fields whose stored value differs from what the page showed, in the labels' order. Null when the
 * page sent no readable `base` (a hand-made request): then which fields changed is not known.
 */
export function staleChanges(base: string | null | undefined, current: Snapshot, labels: Labels): StaleChange[] | null {
  const seen = parseBase(base);
  if (!seen) return null;
  const fields = [...Object.keys(labels), ...Object.keys(current).filter((k) => !(k in labels))];
  return fields
    .filter((f) => f in current && seen.get(f) !== fnv1a(current[f]!))
    .map((f) => ({ field: f, label: labels[f] ?? f, now: shown(current[f]!) }));
}

/** When a change was made, as the message says it (UTC, to the minute). */
function when(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

/**
 * The refusal: what changed (each field and its stored value), who changed it and when if known, that
 * nothing was saved, and what to do next.
 */
export function staleMessage(opts: {
  /** "this item", "this goal", "this appraisal" */
  noun: string;
  changes: StaleChange[] | null;
  by: string | null;
  at: string | null;
}): string {
  const who = opts.by ? ` by ${opts.by}` : "";
  const at = opts.at ? ` on ${when(opts.at)}` : "";
  const head = `Not saved: ${opts.noun} was changed${who}${at} after you opened this page.`;
  const changes = opts.changes;
  const what =
    changes === null
      ? ""
      : changes.length
        ? ` Changed: ${changes.map((c) => `${c.label} (now ${c.now})`).join("; ")}.`
        : " Its fields on this page are as they were; something else about it changed (its review or status).";
  return `${head}${what} Your changes are still in the form: reload the page to see the stored version, then apply your changes again.`;
}
