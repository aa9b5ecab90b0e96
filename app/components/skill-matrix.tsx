// The skills matrix: per skill the SFIA level (number and name), score, evidence count, last evidence
// date and the change over the last 90 days. Every number links to the evidence behind it.
import { Link } from "@remix-run/react";
import { LEVEL_NAMES } from "~/domain/defaults";
import type { LevelProgress } from "~/domain/level-progress";

export interface MatrixScore {
  skill: string;
  score: number;
  items: number;
  verifiedItems?: number;
  lastEvidenceAt: string | null;
  level: number;
  trend: number;
  /** distance to the next level (issue 16); absent in views that do not show it */
  toNext?: LevelProgress;
}

/** "72% to 1 Follow" with what is still missing: score and distinct items. */
export function ToNextLevel({ p }: { p: LevelProgress }) {
  if (p.nextLevel === null) return <span className="muted">top level</span>;
  const missing = [
    p.scoreToGo > 0 ? `+${p.scoreToGo.toFixed(1)} score` : null,
    p.itemsToGo > 0 ? `${p.itemsToGo} more item${p.itemsToGo === 1 ? "" : "s"}` : null,
  ].filter(Boolean);
  return (
    <span className="to-next">
      <span className="to-next-bar" aria-hidden="true">
        <span style={{ width: `${p.percent}%` }} />
      </span>
      <span>
        {p.percent}% to {levelLabel(p.nextLevel)}
      </span>
      <span className="muted small"> ({missing.length ? `needs ${missing.join(", ")}` : "reached on the next update"})</span>
    </span>
  );
}

interface Props {
  skills: { key: string; name: string }[];
  scores: MatrixScore[];
  /** manager-assessed levels from the latest signed-off appraisal */
  assessed: { cycleName: string; levels: Record<string, number> } | null;
  /** the evidence list for a skill, optionally from a day on (YYYY-MM-DD) */
  evidenceHref: (skill: string, from?: string) => string;
  /** the first day of the trend window (YYYY-MM-DD) */
  trendFrom: string;
  trendDays: number;
}

export function Trend({ value }: { value: number }) {
  if (value > 0)
    return (
      <span className="trend up">
        <span aria-hidden="true">▲ </span>
        <span className="sr-only">up </span>+{value.toFixed(1)}
      </span>
    );
  if (value < 0)
    return (
      <span className="trend down">
        <span aria-hidden="true">▼ </span>
        <span className="sr-only">down </span>−{Math.abs(value).toFixed(1)}
      </span>
    );
  return (
    <span className="trend flat">
      <span aria-hidden="true">– </span>
      <span className="sr-only">unchanged </span>0.0
    </span>
  );
}

export function levelLabel(level: number): string {
  return `${level} ${LEVEL_NAMES[level] ?? ""}`.trim();
}

export function SkillMatrix({ skills, scores, assessed, evidenceHref, trendFrom, trendDays }: Props) {
  const bySkill = new Map(scores.map((s) => [s.skill, s] as const));
  const showNext = scores.some((s) => s.toNext);
  return (
    <div className="table-scroll">
      <table className="matrix" data-testid="skill-matrix">
        <caption className="sr-only">
          Skills matrix: level, score, evidence and trend per skill; each number links to its evidence
        </caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Level (SFIA)</th>
            {assessed ? (
              <th scope="col">
                Assessed <span className="muted">({assessed.cycleName})</span>
              </th>
            ) : null}
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col" className="num">
              Evidence
            </th>
            <th scope="col">Last evidence</th>
            <th scope="col" className="num">
              Trend ({trendDays} days)
            </th>
            {showNext ? <th scope="col">Toward next level</th> : null}
          </tr>
        </thead>
        <tbody>
          {skills.map((sk) => {
            const s = bySkill.get(sk.key);
            const level = s?.level ?? 0;
            const href = evidenceHref(sk.key);
            const assessedLevel = assessed?.levels[sk.key];
            return (
              <tr key={sk.key} data-skill={sk.key}>
                <th scope="row">{sk.name}</th>
                <td className={`level-cell lv${level}`} data-col="level">
                  <Link to={href} discover="none">
                    {levelLabel(level)}
                  </Link>
                </td>
                {assessed ? (
                  <td data-col="assessed">
                    {assessedLevel === undefined ? <span className="muted">not rated</span> : levelLabel(assessedLevel)}
                  </td>
                ) : null}
                <td className="num" data-col="score">
                  <Link to={href} discover="none">
                    {(s?.score ?? 0).toFixed(1)}
                  </Link>
                </td>
                <td className="num" data-col="items">
                  <Link to={href} discover="none">
                    {s?.items ?? 0}
                  </Link>
                  {s?.verifiedItems !== undefined && s.items > 0 ? (
                    <span className="muted small"> ({s.verifiedItems} verified)</span>
                  ) : null}
                </td>
                <td data-col="last">
                  {s?.lastEvidenceAt ? (
                    <Link to={evidenceHref(sk.key, s.lastEvidenceAt.slice(0, 10))} discover="none">
                      <time dateTime={s.lastEvidenceAt}>{s.lastEvidenceAt.slice(0, 10)}</time>
                    </Link>
                  ) : (
                    <span className="muted">none yet</span>
                  )}
                </td>
                <td className="num" data-col="trend">
                  <Link to={evidenceHref(sk.key, trendFrom)} discover="none">
                    <Trend value={s?.trend ?? 0} />
                  </Link>
                </td>
                {showNext ? <td data-col="next">{s?.toNext ? <ToNextLevel p={s.toNext} /> : null}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
