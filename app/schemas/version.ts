// The two hidden values every versioned form carries (ADR 017): the row's `version` as the page loaded it
// and `base`, the fingerprint of the fields it showed (app/domain/stale-changes.ts). Read beside the
// form's own schema so that each form keeps its schema; a request without them (a hand-made one, an old
// page) is checked by the row's state alone, as before.
export interface PageVersion {
  version: number;
  base: string | null;
}

/** The page's version, or null when the request carries none (or one that is not a version). */
export function pageVersionOf(form: FormData): PageVersion | null {
  const raw = form.get("version");
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) return null;
  const base = form.get("base");
  return { version: Number(raw), base: typeof base === "string" ? base : null };
}
