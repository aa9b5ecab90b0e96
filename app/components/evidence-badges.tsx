import { Link } from "@remix-run/react";
import { STATUS_LABELS } from "~/domain/evidence-status";
import { formatPoints } from "~/domain/mapping";
import type { EvidenceStatus } from "~/domain/types";

export function StatusBadge({ status }: { status: EvidenceStatus }) {
  return <span className={`badge ${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

/** Points per skill of one item, as in the list and the review queue; adjusted skills marked. */
export function SkillChips({
  skills,
  names,
}: {
  skills: { skill: string; points: number; adjusted: boolean }[];
  names: Record<string, string>;
}) {
  if (!skills.length) return <span className="muted">—</span>;
  return (
    <ul className="skill-chips">
      {skills.map((s) => (
        <li key={s.skill}>
          {names[s.skill] ?? s.skill} {formatPoints(s.points)}
          {s.adjusted ? (
            <>
              {" "}
              <span className="badge adjusted">adjusted</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Previous / next links that keep the current filters. */
export function Pagination({
  page,
  pages,
  total,
  params,
  noun,
}: {
  page: number;
  pages: number;
  total: number;
  params: string;
  noun: string;
}) {
  const href = (p: number) => {
    const q = new URLSearchParams(params);
    q.set("page", String(p));
    return `?${q.toString()}`;
  };
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="muted" aria-hidden="true">
          ← Previous
        </span>
      )}
      <span>
        Page {page} of {pages} ({total.toLocaleString("en")} {noun})
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span className="muted" aria-hidden="true">
          Next →
        </span>
      )}
    </nav>
  );
}
