// Request handling every portfolio route shares (a route helper, so it may throw Responses): read the query, check who may export whose portfolio
// (portfolio:export — oneself, or a manager for anyone in their reporting subtree; anyone else
// gets 404), and load the portfolio.
import { widestScope } from "~/auth/permissions";
import { type CurrentUser, notFound, requirePermission, requireUser } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { type DB, getDb } from "~/db.server";
import type { Portfolio } from "~/domain/portfolio";
import { type PortfolioQuery, type PortfolioQueryErrors, parsePortfolioQuery } from "~/domain/portfolio-query";
import type { PositionDef } from "~/domain/types";
import { listPeople, subtreeIds } from "~/models/people.server";
import { loadPortfolio } from "~/services/portfolio.server";
import { chooseTarget, rememberedTarget } from "~/services/preferences.server";

export interface PortfolioContext {
  user: CurrentUser;
  db: DB;
  personId: number;
  query: PortfolioQuery;
  positions: PositionDef[];
  /** null when the query has errors */
  portfolio: Portfolio | null;
  errors: PortfolioQueryErrors;
}

/**
 * `remember`: the options page, where choosing a target is the person's explicit choice and is stored
 * (issue 16); the downloads only read the remembered target when the link names none.
 */
export async function portfolioForRequest(
  request: Request,
  now = clockNow(),
  opts: { remember?: boolean } = {},
): Promise<PortfolioContext> {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const parsed = parsePortfolioQuery(params, now);
  if (!parsed.ok && parsed.errors.person) throw notFound();
  const personId = parsed.value.personId ?? user.id;
  await requirePermission(request, "portfolio:export", personId);
  const db = getDb();
  const raw = params.get("target");
  let targetId = parsed.value.targetId;
  if (raw === null) targetId = await rememberedTarget(db, personId);
  // A refused target is left to loadPortfolio, which names the error next to the field.
  else if (opts.remember && (parsed.ok || !parsed.errors.target)) await chooseTarget(db, user, personId, raw, now);
  const loaded = await loadPortfolio(db, { personId, targetId, period: parsed.value.period }, now);
  if (!loaded) throw notFound();
  const errors = { ...(parsed.ok ? {} : parsed.errors), ...(loaded.ok ? {} : loaded.errors) };
  const hasErrors = Object.keys(errors).length > 0;
  return {
    user,
    db,
    personId,
    query: parsed.value,
    positions: loaded.positions,
    portfolio: loaded.ok && !hasErrors ? loaded.portfolio : null,
    errors,
  };
}

/** Whose portfolio the user may export: themselves, and for a manager everyone in their subtree. */
export async function portfolioPeople(db: DB, user: CurrentUser): Promise<{ id: number; name: string }[]> {
  const self = { id: user.id, name: user.name };
  if (widestScope(user.role, "portfolio:export") !== "subtree") return [self];
  const ids = await subtreeIds(db, user.id);
  const people = ids.length ? await listPeople(db, { ids }) : [];
  return [self, ...people.filter((p) => p.id !== user.id).map((p) => ({ id: p.id, name: p.name }))];
}

/** Content-Disposition for a download: an ASCII name for old clients, the Unicode one in filename*. */
export function attachment(names: { ascii: string; unicode: string }): string {
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.unicode)}`;
}

/** Plain-text 400 for a download asked with a bad query (the options page shows these next to the fields). */
export function badQuery(errors: PortfolioQueryErrors): Response {
  const text = Object.values(errors).filter(Boolean).join("\n");
  return new Response(`The portfolio could not be made:\n${text}\n`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
