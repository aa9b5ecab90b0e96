// What a portfolio request asks for: whose portfolio, which target position, which period.
// Pure: the same rules for the options page and every download, `now` passed in.
import { type PortfolioPeriod, defaultPeriod, isDay } from "./portfolio";
import { ID_MAX } from "./input-rules";

export interface PortfolioQuery {
  /** null: the signed-in person */
  personId: number | null;
  /** null: the next position up the ladder */
  targetId: number | null;
  period: PortfolioPeriod;
}

export type PortfolioQueryErrors = Partial<Record<"person" | "target" | "from" | "to", string>>;

export type ParsedPortfolioQuery =
  { ok: true; value: PortfolioQuery } | { ok: false; errors: PortfolioQueryErrors; value: PortfolioQuery };

const ID = /^[1-9]\d{0,9}$/;

export function parsePortfolioQuery(params: URLSearchParams, now: Date): ParsedPortfolioQuery {
  const errors: PortfolioQueryErrors = {};
  const defaults = defaultPeriod(now);
  const text = (k: string) => (params.get(k) ?? "").trim();

  const person = text("person");
  let personId: number | null = null;
  if (person) {
    if (ID.test(person) && Number(person) <= ID_MAX) personId = Number(person);
    else errors.person = "Choose a person from the list.";
  }

  const target = text("target");
  let targetId: number | null = null;
  if (target) {
    if (ID.test(target) && Number(target) <= ID_MAX) targetId = Number(target);
    else errors.target = "Choose a position from the list.";
  }

  const fromRaw = text("from");
  const toRaw = text("to");
  let from = defaults.from;
  let to = defaults.to;
  if (fromRaw) {
    if (isDay(fromRaw)) from = fromRaw;
    else errors.from = "Enter the start date as YYYY-MM-DD.";
  }
  if (toRaw) {
    if (isDay(toRaw)) to = toRaw;
    else errors.to = "Enter the end date as YYYY-MM-DD.";
  }
  if (!errors.from && !errors.to && from > to) errors.to = "The end date must be on or after the start date.";

  const value = { personId, targetId, period: { from, to } };
  return Object.keys(errors).length ? { ok: false, errors, value } : { ok: true, value };
}

/** The query string that asks for the same portfolio (for the links to each format). */
export function portfolioSearch(
  q: { personId: number | null; targetId: number | null; period: PortfolioPeriod },
  selfId: number,
): string {
  const p = new URLSearchParams();
  if (q.personId !== null && q.personId !== selfId) p.set("person", String(q.personId));
  if (q.targetId !== null) p.set("target", String(q.targetId));
  p.set("from", q.period.from);
  p.set("to", q.period.to);
  return p.toString();
}
