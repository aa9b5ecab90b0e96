// Loads everything a portfolio shows and hands it to the pure portfolio model.
import type { DB } from "~/db.server";
import { type Portfolio, type PortfolioLimits, type PortfolioPeriod, buildPortfolio } from "~/domain/portfolio";
import type { PortfolioQueryErrors } from "~/domain/portfolio-query";
import type { PositionDef } from "~/domain/types";
import { listSkills } from "~/models/catalog.server";
import { skillLabel } from "~/domain/skill-catalogue";
import { portfolioEvidence } from "~/models/portfolio.server";
import { personProgress } from "./progress.server";

export interface PortfolioRequest {
  personId: number;
  /** null: the next position up the ladder (or the current one at the top) */
  targetId: number | null;
  period: PortfolioPeriod;
  limits?: Partial<PortfolioLimits>;
}

export type LoadedPortfolio =
  | { ok: true; portfolio: Portfolio; positions: PositionDef[] }
  | { ok: false; errors: PortfolioQueryErrors; positions: PositionDef[] };

/** null when the person does not exist; errors when the target position is not on the ladder. */
export async function loadPortfolio(db: DB, req: PortfolioRequest, now: Date): Promise<LoadedPortfolio | null> {
  const [progress, catalog, evidence] = await Promise.all([
    personProgress(db, req.personId, now, { targetPositionId: req.targetId }),
    listSkills(db, { includeRetired: true }),
    portfolioEvidence(db, req.personId, req.period),
  ]);
  if (!progress) return null;
  if (req.targetId !== null && !progress.positions.some((p) => p.id === req.targetId)) {
    return { ok: false, errors: { target: "Choose a position from the list." }, positions: progress.positions };
  }
  const portfolio = buildPortfolio({
    now,
    period: req.period,
    person: {
      id: progress.person.id,
      name: progress.person.name,
      email: progress.person.email,
      team: progress.person.team_name,
      manager: progress.person.manager_name,
    },
    current: progress.current,
    target: progress.target,
    skills: catalog.filter((s) => !s.retired).map((s) => ({ key: s.key, name: s.name, sfiaCodes: s.sfiaCodes })),
    retiredSkillNames: Object.fromEntries(catalog.filter((s) => s.retired).map((s) => [s.key, skillLabel(s)])),
    scores: progress.scores,
    readiness: progress.targetReadiness,
    nextSteps: progress.nextSteps,
    evidence,
    limits: req.limits,
  });
  return { ok: true, portfolio, positions: progress.positions };
}
