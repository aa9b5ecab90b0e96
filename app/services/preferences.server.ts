// Remembered choices (issue 16, point 4): the target position a person aims for, used by the dashboard,
// the portfolio and goals until they change it, and the filters of lists. A choice is stored only when
// the person makes it for themselves (`preferences:write`, own); anyone reading a page about them (a
// manager on /people/:id) sees their stored target but never changes it.
import { NO_RELATION, SELF, can } from "~/auth/permissions";
import type { CurrentUser } from "~/auth/session.server";
import type { DB } from "~/db.server";
import { listPositions } from "~/models/people.server";
import { REMEMBER_FIELD } from "~/utils/remember-field";
import { forgetFilter, storeFilter, storeTarget, storedFilter, storedTarget } from "~/models/preferences.server";

export const TARGET_ERROR = "Choose a position from the list.";

export type TargetChoice = { ok: true; targetId: number | null } | { ok: false; error: string; targetId: number | null };

const mayRemember = (viewer: CurrentUser, personId: number) =>
  can(viewer.role, "preferences:write", viewer.id === personId ? SELF : NO_RELATION);

/**
 * The target for a page about `personId`. `raw` is `?target=` as sent: absent → the stored target (if
 * that position still exists); empty → "the next position", which also forgets a stored one; a position
 * id → that position, remembered. Anything else is refused, and the page falls back to the stored one.
 */
export async function chooseTarget(
  db: DB,
  viewer: CurrentUser,
  personId: number,
  raw: string | null,
  now: Date,
): Promise<TargetChoice> {
  const [positions, stored] = await Promise.all([listPositions(db), storedTarget(db, personId)]);
  const exists = (id: number | null) => id !== null && positions.some((p) => p.id === id);
  const fallback = exists(stored) ? stored : null;
  if (raw === null) return { ok: true, targetId: fallback };
  const text = raw.trim();
  if (text === "") {
    if (mayRemember(viewer, personId) && stored !== null) await storeTarget(db, personId, null, now);
    return { ok: true, targetId: null };
  }
  const id = /^\d{1,9}$/.test(text) ? Number(text) : null;
  if (!exists(id)) return { ok: false, error: TARGET_ERROR, targetId: fallback };
  if (mayRemember(viewer, personId) && stored !== id) await storeTarget(db, personId, id, now);
  return { ok: true, targetId: id };
}

/** The target stored for a person, if its position still exists (pages that only read it, e.g. goals). */
export async function rememberedTarget(db: DB, personId: number): Promise<number | null> {
  const [positions, stored] = await Promise.all([listPositions(db), storedTarget(db, personId)]);
  return stored !== null && positions.some((p) => p.id === stored) ? stored : null;
}

export interface RememberedFilters {
  /** the query the list should apply */
  params: URLSearchParams;
  /** true when `params` came from the stored filters, not the URL */
  remembered: boolean;
}

/**
 * A list's filters, remembered per person. A visit without any query applies the stored filters; a
 * submission of the filter form (it carries `remember=1`) stores them, normalised by `normalise` so only
 * parsed values are ever replayed, and an empty submission forgets them; so does `?clear=filters`. A link
 * such as the dashboard's "evidence for this skill" filters without being remembered. Only the viewer's
 * own list is remembered (`own`), not a manager's look at someone else's.
 */
export async function rememberFilters(
  db: DB,
  viewer: CurrentUser,
  listKey: string,
  params: URLSearchParams,
  opts: { own: boolean; normalise: (p: URLSearchParams) => URLSearchParams },
  now: Date,
): Promise<RememberedFilters> {
  const mayWrite = opts.own && mayRemember(viewer, viewer.id);
  if (params.get("clear") === "filters") {
    if (mayWrite) await forgetFilter(db, viewer.id, listKey);
    return { params: new URLSearchParams(), remembered: false };
  }
  if ([...params.keys()].length === 0) {
    const stored = opts.own ? await storedFilter(db, viewer.id, listKey) : null;
    return stored ? { params: new URLSearchParams(stored), remembered: true } : { params, remembered: false };
  }
  if (mayWrite && params.get(REMEMBER_FIELD) === "1") {
    const query = opts.normalise(params).toString();
    if (query) await storeFilter(db, viewer.id, listKey, query, now);
    else await forgetFilter(db, viewer.id, listKey);
  }
  return { params, remembered: false };
}
