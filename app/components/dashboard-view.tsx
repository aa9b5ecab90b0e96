// The engineer's dashboard, shared by one's own home page (/) and a manager's view of a report (/people/:id).
import { Link } from "@remix-run/react";
import { SkillRadarChart } from "./radar-chart";
import { ExpiryNotice } from "./certification-lists";
import { FirstSteps } from "./first-steps";
import { ReadinessGaps, ReadinessSummary } from "./readiness-panel";
import { SkillMatrix } from "./skill-matrix";
import { type ScoreHistory, SkillTrendChart } from "./trend-chart";
import { type GoalView, GoalList } from "./goal-list";
import type { LevelProgress } from "~/domain/level-progress";

export interface DashboardViewData {
  own: boolean;
  /** verified certifications expiring within 60 days or expired (issue 17, part 2) */
  certificationsExpiring: {
    id: number;
    personName: string;
    name: string;
    expiresOn: string;
    state: "expiring" | "expired";
    daysLeft: number;
  }[];
  person: { id: number; name: string; positionName: string | null; teamName: string | null; managerName: string | null };
  skills: { key: string; name: string }[];
  scores: {
    skill: string;
    score: number;
    items: number;
    verifiedItems?: number;
    lastEvidenceAt: string | null;
    level: number;
    trend: number;
    toNext?: LevelProgress;
  }[];
  /** nothing logged yet (absent in older payloads) */
  empty?: boolean;
  firstLevel?: { level: number; minScore: number; minItems: number } | null;
  history: ScoreHistory;
  /** the history's running month, labelled "so far" (absent in older payloads) */
  partialMonth?: string | null;
  positions: { id: number; name: string; rank: number; track?: string }[];
  current: { id: number; name: string } | null;
  next: { id: number; name: string } | null;
  /** the other tracks' next rungs at the fork (absent in older payloads) */
  otherNext?: { id: number; name: string; track: string; percent: number }[];
  target: { id: number; name: string } | null;
  /** `?target=` named no position (absent in older payloads) */
  targetError?: string | null;
  targetRemembered?: boolean;
  nextReadiness: {
    percent: number;
    gaps: { skill: string; current: number; required: number; gap: number }[];
    met: boolean;
  } | null;
  /** null also when the target is the next position: its readiness is then nextReadiness */
  targetReadiness: {
    percent: number;
    gaps: { skill: string; current: number; required: number; gap: number }[];
    met: boolean;
  } | null;
  targetNeeds: {
    skill: string;
    required: number;
    minScore: number;
    minItems: number;
    score: number;
    items: number;
    scoreToGo: number;
    itemsToGo: number;
  }[];
  nextSteps: { skill: string; steps: { label: string }[] }[];
  radar: { skill: string; current: number; target: number }[];
  assessed: { cycleName: string; levels: Record<string, number> } | null;
  goals: GoalView[];
  canWriteGoals: boolean;
  reports: {
    id: number;
    name: string;
    direct: boolean;
    position_name: string | null;
    team_name: string | null;
    manager_name: string | null;
  }[];
  reportsTotal: number;
  trendDays: number;
  trendFrom: string;
  today: string;
}

/** Last calendar day of a YYYY-MM month, as YYYY-MM-DD. */
function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function DashboardView({ d, path }: { d: DashboardViewData; path: string }) {
  // One's own evidence needs no person parameter; a report's does.
  const person = d.own ? null : d.person.id;
  const evidenceHref = (skill: string, from?: string, to?: string) => `/evidence${query({ person, skill, from, to })}`;
  const goalHref = d.canWriteGoals
    ? (skill: string, positionId: number) => `/goals/new${query({ person, skill, position: positionId })}`
    : null;
  const skillNames = Object.fromEntries(d.skills.map((s) => [s.key, s.name]));
  const targetIsNext = d.target !== null && d.target.id === d.next?.id;
  const readiness = {
    current: d.current,
    next: d.next,
    otherNext: d.otherNext ?? [],
    nextReadiness: d.nextReadiness,
    target: d.target,
    targetReadiness: d.targetReadiness ?? (targetIsNext ? d.nextReadiness : null),
    positions: d.positions,
    needs: d.targetNeeds,
    nextSteps: d.nextSteps,
    skillNames,
    evidenceHref: (skill: string) => evidenceHref(skill),
    goalHref,
    action: path,
    targetError: d.targetError ?? null,
    targetRemembered: d.targetRemembered ?? false,
  };
  // An empty chart says why and offers what fills it: one's own first item, a report's first goal.
  const emptyAction = d.own
    ? { href: "/evidence/new", label: "Log your first item" }
    : d.canWriteGoals
      ? { href: `/goals/new${query({ person })}`, label: `Set ${d.person.name} a goal` }
      : null;
  const whose = d.own ? "you log" : `${d.person.name} logs`;
  const facts = [
    d.person.positionName,
    d.person.teamName,
    d.person.managerName ? `reports to ${d.person.managerName}` : null,
  ].filter(Boolean);
  return (
    <div className="dashboard">
      <div className="dash-head">
        <div>
          {d.own ? null : (
            <p className="no-print">
              <Link to="/">← Your dashboard</Link>
            </p>
          )}
          <h1>{d.own ? "Your dashboard" : d.person.name}</h1>
          <p className="muted">{d.own ? [d.person.name, ...facts].join(" · ") : facts.join(" · ")}</p>
        </div>
        <div className="actions no-print">
          {d.own ? (
            <Link className="button" to="/evidence/new">
              Log evidence
            </Link>
          ) : null}
          <Link className="button secondary" to={`/portfolio${query({ person, target: d.target?.id })}`}>
            Export portfolio
          </Link>
        </div>
      </div>

      {d.own && d.empty ? (
        <FirstSteps
          firstName={d.person.name.split(" ")[0] ?? d.person.name}
          managerName={d.person.managerName}
          firstLevel={d.firstLevel ?? null}
        />
      ) : null}

      <div className="dash-grid">
        <ReadinessSummary {...readiness} />
        <section className="panel" aria-labelledby="radar-heading">
          <h2 id="radar-heading">{d.target ? `Levels against ${d.target.name}` : "Current levels"}</h2>
          <SkillRadarChart
            id="dashboard-radar"
            data={d.radar.map((r) => ({ ...r, name: skillNames[r.skill] ?? r.skill }))}
            targetName={d.target?.name ?? null}
            evidenceHref={(skill) => evidenceHref(skill)}
            empty={{
              sentence: `No levels yet: each skill's level shows here once ${whose} evidence for it.`,
              action: emptyAction,
            }}
          />
        </section>
      </div>

      <section className="panel" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">Skills matrix</h2>
        <SkillMatrix
          skills={d.skills}
          scores={d.scores}
          assessed={d.assessed}
          evidenceHref={(skill, from) => evidenceHref(skill, from)}
          trendFrom={d.trendFrom}
          trendDays={d.trendDays}
        />
        <p className="muted small">
          Score: points from submitted and verified evidence, halved every half-life, verified work weighing more. A level needs
          both its score and a minimum number of distinct items.
        </p>
      </section>

      <ReadinessGaps {...readiness} />

      <ExpiryNotice items={d.certificationsExpiring} showPerson={false} linked />

      <GoalList
        goals={d.goals}
        canWrite={d.canWriteGoals}
        newHref={`/goals/new${query({ person })}`}
        today={d.today}
        own={d.own}
      />

      <section className="panel" aria-labelledby="trend-heading">
        <h2 id="trend-heading">{`Skill scores over the last ${d.history.months.length} months`}</h2>
        <SkillTrendChart
          id="dashboard-trend"
          history={d.history}
          skills={d.skills}
          evidenceHref={(skill, month) => evidenceHref(skill, undefined, lastDay(month))}
          partialMonth={d.partialMonth ?? null}
          empty={{
            sentence: `No scores yet: this chart draws each skill's score month by month once ${whose} evidence.`,
            action: emptyAction,
          }}
        />
      </section>

      {d.reports.length ? (
        <section className="panel" aria-labelledby="people-heading">
          <h2 id="people-heading">Your people</h2>
          <ul className="people-list" data-testid="reports">
            {d.reports.map((r) => (
              <li key={r.id}>
                <Link to={`/people/${r.id}`}>{r.name}</Link>{" "}
                <span className="muted small">
                  {[r.position_name, r.team_name, r.direct ? "direct report" : r.manager_name ? `via ${r.manager_name}` : null]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
          {d.reportsTotal > d.reports.length ? (
            <p className="muted small">
              and {d.reportsTotal - d.reports.length} more: see <Link to="/team">Team</Link>.
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
