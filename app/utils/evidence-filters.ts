// The evidence list's filters from the query string (a GET form: nothing is written, so no schema).
import { searchText } from "~/domain/input-rules";
import { validDay } from "./evidence-format";

export const evidenceStatuses = ["draft", "submitted", "verified", "returned"] as const;

export interface ListFilters {
  kind: string;
  skill: string;
  status: string;
  from: string;
  to: string;
  q: string;
  page: number;
}

/**
 * The list's filters from the query string. Values that are not valid (an unknown kind, a malformed
 * date) are dropped rather than refused: a bookmarked URL keeps working after the catalog changes.
 */
export function parseListFilters(params: URLSearchParams, known: { kinds: string[]; skills: string[] }): ListFilters {
  const get = (k: string) => (params.get(k) ?? "").trim();
  const kind = get("kind");
  const skill = get("skill");
  const status = get("status");
  const page = Number(get("page") || "1");
  const day = (v: string) => (validDay(v) ? v : "");
  return {
    kind: known.kinds.includes(kind) ? kind : "",
    skill: known.skills.includes(skill) ? skill : "",
    status: (evidenceStatuses as readonly string[]).includes(status) ? status : "",
    from: day(get("from")),
    to: day(get("to")),
    q: searchText(get("q"), 100),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The filters as a query string holding only parsed, non-empty values (what is remembered, issue 16). */
export function filterQuery(f: ListFilters): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of ["kind", "skill", "status", "from", "to", "q"] as const) if (f[key]) q.set(key, f[key]);
  return q;
}
