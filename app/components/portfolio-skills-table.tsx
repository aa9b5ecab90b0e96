import type { PortfolioSkill } from "~/domain/portfolio";

export type SkillsTableRow = Pick<
  PortfolioSkill,
  "key" | "name" | "level" | "levelName" | "required" | "requiredName" | "met" | "score" | "itemCount" | "verifiedCount"
> &
  Partial<Pick<PortfolioSkill, "sfiaCodes">>;

/** The portfolio's table of the skills a target position requires, in the document and in its preview. */
export function PortfolioSkillsTable({
  skills,
  caption,
  withCodes,
}: {
  skills: SkillsTableRow[];
  caption?: string;
  withCodes?: boolean;
}) {
  return (
    <table className="pf-table">
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">Skill</th>
          {withCodes ? <th scope="col">SFIA codes</th> : null}
          <th scope="col">Level</th>
          <th scope="col">Required</th>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col" className="num">
            Items (verified)
          </th>
        </tr>
      </thead>
      <tbody>
        {skills.map((s) => (
          <tr key={s.key}>
            <th scope="row">{s.name}</th>
            {withCodes ? <td>{s.sfiaCodes || "–"}</td> : null}
            <td>{s.levelName}</td>
            <td>
              {s.requiredName}
              {s.met ? null : <span className="flag"> (gap {s.required - s.level})</span>}
            </td>
            <td className="num">{s.score}</td>
            <td className="num">
              {s.itemCount} ({s.verifiedCount})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
