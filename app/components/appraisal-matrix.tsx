import { Link } from "@remix-run/react";
import { LEVEL_NAMES } from "~/domain/defaults";

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

/** Per skill, side by side: the evidence-derived level, the self rating and the manager rating, and the period's evidence. */
export function AppraisalMatrix({
  skills,
  evidenceHref,
  caption,
}: {
  skills: MatrixSkill[];
  evidenceHref: (skill: string) => string;
  caption: string;
}) {
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
