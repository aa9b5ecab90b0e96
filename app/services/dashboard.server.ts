// Everything the dashboard shows for one person, as plain data: the progress (matrix, ladder,
// next steps, history), goals, the manager-assessed levels and, on a manager's own page, their people.
import { can } from "~/auth/permissions";
import { type CurrentUser, permits } from "~/auth/session.server";
import type { DB } from "~/db.server";
import { TREND_DAYS } from "~/domain/scoring";
import { latestAssessedLevels } from "~/models/dashboard.server";
import { reportingLine } from "~/models/people.server";
import { listGoals } from "~/models/goals.server";
import { personProgress } from "./progress.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const REPORTS_SHOWN = 25;

/** `?target=` as a position id; anything else means "the next position". */
export function parseTarget(raw: string | null): number | null {
  if (!raw || !/^\d{1,9}$/.test(raw.trim())) return null;
  const id = Number(raw.trim());
  return id > 0 ? id : null;
}

export async function dashboardData(db: DB, viewer: CurrentUser, personId: number, now: Date, targetParam: string | null) {
  const chosen = parseTarget(targetParam);
  const progress = await personProgress(db, personId, now, { targetPositionId: chosen, withHistory: true });
  if (!progress) return null;
  const own = viewer.id === personId;
  const seesReports = own && can(viewer.role, "dashboard:read", { self: false, sameTeam: false, inSubtree: true });
  const [goals, assessed, line, canWriteGoals] = await Promise.all([
    listGoals(db, personId),
    latestAssessedLevels(db, personId),
    seesReports ? reportingLine(db, viewer.id) : Promise.resolve([]),
    permits(db, viewer, "goal:write", personId),
  ]);
  const p = progress;
  return {
    own,
    person: {
      id: p.person.id,
      name: p.person.name,
      positionName: p.person.position_name,
      teamName: p.person.team_name,
      managerName: p.person.manager_name,
    },
    skills: p.skills,
    scores: p.scores,
    history: p.history,
    positions: p.positions.map((x) => ({ id: x.id, name: x.name, rank: x.rank })),
    current: p.current ? { id: p.current.id, name: p.current.name } : null,
    next: p.next ? { id: p.next.id, name: p.next.name } : null,
    target: p.target ? { id: p.target.id, name: p.target.name } : null,
    /** whether ?target= named a live position (otherwise the target is the next position) */
    targetChosen: chosen !== null && p.target?.id === chosen,
    nextReadiness: p.nextReadiness,
    targetReadiness: p.targetReadiness,
    targetNeeds: p.targetNeeds,
    nextSteps: p.nextSteps.map((s) => ({ skill: s.skill, steps: s.steps.map((x) => ({ kind: x.kind, label: x.label })) })),
    radar: p.radar,
    assessed: assessed ? { cycleName: assessed.cycleName, levels: assessed.levels } : null,
    goals,
    canWriteGoals,
    reports: line.slice(0, REPORTS_SHOWN),
    reportsTotal: line.length,
    trendDays: TREND_DAYS,
    trendFrom: new Date(now.getTime() - TREND_DAYS * DAY_MS).toISOString().slice(0, 10),
    today: now.toISOString().slice(0, 10),
  };
}

export type DashboardData = NonNullable<Awaited<ReturnType<typeof dashboardData>>>;
