import { Link } from "@remix-run/react";
import { LEVEL_NAMES } from "~/domain/defaults";
import type { FeedbackSkillView } from "~/domain/feedback";

export interface MatrixSkill {
  key: string;
  name: string;
  level: number;
  score: number;
  items: number;
  self: { level: number | null; comment: string };
  manager: { level: number | null; comment: string };
  evidence: { id: number; title: string }[];
}

function Rating({ level, comment }: { level: number | null; comment: string }) {
  if (level === null) return <span className="muted">Not rated</span>;
  return (
    <>
      <strong>{level}</strong> <span className="muted">{LEVEL_NAMES[level] ?? ""}</span>
      {comment ? <div className="comment">{comment}</div> : null}
    </>
  );
}

/** Colleagues' feedback on one skill (issue 17, part 3): an aggregate, never one answer. */
function Colleagues({ f, threshold }: { f: FeedbackSkillView | undefined; threshold: number }) {
  if (!f || !f.summary) return <span className="muted">{f?.ratings ? `Fewer than ${threshold} ratings` : "No ratings"}</span>;
  const { median, mean, min, max, ratings } = f.summary;
  return (
    <>
      <strong>{median}</strong> <span className="muted">median</span>
      <div className="comment">{`mean ${mean} · range ${min}–${max} · ${ratings} rating${ratings === 1 ? "" : "s"}`}</div>
    </>
  );
}

/** Per skill, side by side: the evidence-derived level, the self rating and the manager rating, and the period's evidence. */
export function AppraisalMatrix({
  skills,
  evidenceHref,
  caption,
  feedback,
}: {
  skills: MatrixSkill[];
  evidenceHref: (skill: string) => string;
  caption: string;
  /** colleagues' aggregates, once past the threshold; absent: no column */
  feedback?: { skills: FeedbackSkillView[]; threshold: number } | null;
}) {
  const colleagues = feedback ? new Map(feedback.skills.map((f) => [f.key, f])) : null;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">From evidence</th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">Self rating</th>
            <th scope="col">Manager rating</th>
            {colleagues ? <th scope="col">Colleagues (0–5)</th> : null}
            <th scope="col">Evidence of the period</th>
          </tr>
        </thead>
        <tbody>
          {skills.map((s) => (
            <tr key={s.key}>
              <th scope="row">{s.name}</th>
              <td className={`level-cell lv${s.level}`}>
                {s.level}
                <span className="sr-only">{` (${LEVEL_NAMES[s.level] ?? ""})`}</span>
              </td>
              <td className="num">{s.score}</td>
              <td>
                <Rating {...s.self} />
              </td>
              <td>
                <Rating {...s.manager} />
              </td>
              {colleagues && feedback ? (
                <td>
                  <Colleagues f={colleagues.get(s.key)} threshold={feedback.threshold} />
                </td>
              ) : null}
              <td>
                {s.evidence.length ? (
                  <details>
                    <summary>
                      {s.evidence.length} item{s.evidence.length === 1 ? "" : "s"}
                    </summary>
                    <ul>
                      {s.evidence.slice(0, 30).map((e) => (
                        <li key={e.id}>
                          <Link to={`/evidence/${e.id}`}>{e.title}</Link>
                        </li>
                      ))}
                    </ul>
                    {s.evidence.length > 30 ? <Link to={evidenceHref(s.key)}>All {s.evidence.length} items</Link> : null}
                  </details>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
