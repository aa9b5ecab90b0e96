import { Link } from "@remix-run/react";
import { LEVEL_NAMES } from "~/domain/defaults";

interface HeatmapProps {
  caption: string;
  skills: { key: string; name: string }[];
  rows: { personId: number | string; name: string; cells: { skill: string; level: number }[] }[];
  columns: { skill: string; covered: number; max: number }[];
  minLevel: number;
  /** link each person's name to this path + id (e.g. "/people/") */
  personHref?: (id: number | string) => string;
}

/** People × skills: colour AND the level number in every cell, a real table with caption and headers. */
export function Heatmap({ caption, skills, rows, columns, minLevel, personHref }: HeatmapProps) {
  return (
    <>
      <div className="legend" aria-hidden="true">
        <span>Levels:</span>
        {LEVEL_NAMES.map((name, level) => (
          <span key={level} className={`level-cell lv${level}`} title={name}>
            {level}
          </span>
        ))}
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="heatmap compact">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              {skills.map((s) => (
                <th key={s.key} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.personId}>
                <th scope="row">{personHref ? <Link to={personHref(r.personId)}>{r.name}</Link> : r.name}</th>
                {r.cells.map((c) => (
                  <td key={c.skill} className={`level-cell lv${c.level}`}>
                    {c.level}
                    <span className="sr-only"> ({LEVEL_NAMES[c.level] ?? ""})</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">People at level {minLevel}+</th>
              {columns.map((c) => (
                <td key={c.skill} className={`num${c.covered <= 1 ? " flag" : ""}`}>
                  {c.covered}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
