// Everything the dashboard shows for one person, as plain data: the progress (matrix, ladder,
// next steps, history), goals, the manager-assessed levels and, on a manager's own page, their people.
import { can } from "~/auth/permissions";
import { type CurrentUser, permits } from "~/auth/session.server";
import type { DB } from "~/db.server";
import { partialMonth } from "~/domain/chart-months";
import { trackOf } from "~/domain/ladder-tracks";
import { nextThreshold, progressToNext } from "~/domain/level-progress";
import { TREND_DAYS } from "~/domain/scoring";
import { latestAssessedLevels } from "~/models/dashboard.server";
import { reportingLine } from "~/models/people.server";
import { listGoals } from "~/models/goals.server";
import { certificationsExpiring } from "./certification-notices.server";
import { chooseTarget } from "./preferences.server";
import { personProgress } from "./progress.server";

const DAY_MS = 24 * 60 * 60 * 1000;
const REPORTS_SHOWN = 25;

/**
 * The loader payload sends each fact once (issue 18): it travels in the page's JSON beside the HTML drawn
 * from it, so a copy costs twice. History as one array per skill (not a skill-keyed object per month), the
 * radar without the skill names `skills` already holds, the target's readiness only when the target is not
 * the next position (then it is `nextReadiness`), and no field the page does not show.
 */
function scoreHistoryColumns(history: { month: string; scores: Record<string, number> }[], skills: { key: string }[]) {
  return {
    months: history.map((h) => h.month),
    scores: Object.fromEntries(skills.map((s) => [s.key, history.map((h) => h.scores[s.key] ?? 0)])),
  };
}

export async function dashboardData(db: DB, viewer: CurrentUser, personId: number, now: Date, targetParam: string | null) {
  // ?target= when given (remembered when the person chooses for themselves), else the remembered target.
  const choice = await chooseTarget(db, viewer, personId, targetParam, now);
  const chosen = choice.targetId;
  const progress = await personProgress(db, personId, now, { targetPositionId: chosen, withHistory: true });
  if (!progress) return null;
  const own = viewer.id === personId;
  const seesReports = own && can(viewer.role, "dashboard:read", { self: false, sameTeam: false, inSubtree: true });
  const [goals, assessed, line, canWriteGoals, expiring] = await Promise.all([
    listGoals(db, personId, viewer.id),
    latestAssessedLevels(db, personId),
    seesReports ? reportingLine(db, viewer.id) : Promise.resolve([]),
    permits(db, viewer, "goal:write", personId),
    // Certifications expiring within 60 days or expired (issue 17, part 2); `now` crossing a day changes it.
    certificationsExpiring(db, [personId], now),
  ]);
  const p = progress;
  return {
    own,
    certificationsExpiring: expiring,
    person: {
      id: p.person.id,
      name: p.person.name,
      positionName: p.person.position_name,
      teamName: p.person.team_name,
      managerName: p.person.manager_name,
    },
    skills: p.skills,
    scores: p.scores.map((s) => ({
      skill: s.skill,
      score: s.score,
      items: s.items,
      verifiedItems: s.verifiedItems,
      lastEvidenceAt: s.lastEvidenceAt,
      level: s.level,
      trend: s.trend,
      // issue 16: how far the next level is, so the first items visibly move something
      toNext: progressToNext(s, p.thresholds),
    })),
    /** nothing logged yet in any skill: the page greets the person and offers three ways in (issue 16) */
    empty: p.scores.every((s) => s.items === 0),
    firstLevel: (() => {
      const t = nextThreshold(0, p.thresholds);
      return t ? { level: t.level, minScore: t.minScore, minItems: t.minItems } : null;
    })(),
    history: scoreHistoryColumns(p.history, p.skills),
    partialMonth: partialMonth(
      p.history.map((h) => h.month),
      now,
    ),
    positions: p.positions.map((x) => ({ id: x.id, name: x.name, rank: x.rank, track: trackOf(x) })),
    current: p.current ? { id: p.current.id, name: p.current.name } : null,
    next: p.next ? { id: p.next.id, name: p.next.name } : null,
    /** the other tracks' next rungs where the person's position is the fork (ADR 022) */
    otherNext: p.nextOptions
      .filter((o) => o.position.id !== p.next?.id)
      .map((o) => ({ id: o.position.id, name: o.position.name, track: trackOf(o.position), percent: o.readiness.percent })),
    target: p.target ? { id: p.target.id, name: p.target.name } : null,
    targetError: choice.ok ? null : choice.error,
    targetRemembered: own && chosen !== null,
    nextReadiness: p.nextReadiness,
    targetReadiness: p.target && p.target.id === p.next?.id ? null : p.targetReadiness,
    targetNeeds: p.targetNeeds,
    nextSteps: p.nextSteps.map((s) => ({ skill: s.skill, steps: s.steps.map((x) => ({ label: x.label })) })),
    radar: p.radar.map((r) => ({ skill: r.skill, current: r.current, target: r.target })),
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
