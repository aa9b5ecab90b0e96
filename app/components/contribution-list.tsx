import { formatContribution, formatPoints } from "~/domain/mapping";

export interface ContributionView {
  skill_key: string;
  skill_name: string;
  points: number;
  reason: string;
  adjusted: number | boolean;
  original_points: number | null;
  rule_id: number | null;
}

/** Every contribution of an item with its reason ("P1 incident: +4 Crisis…"), adjustments marked, then totals per skill. */
export function ContributionList({ contributions }: { contributions: ContributionView[] }) {
  if (!contributions.length) return <p className="muted">No skill points: no rule matches this item.</p>;
  const totals: { skill: string; name: string; points: number; adjusted: boolean }[] = [];
  for (const c of contributions) {
    const t = totals.find((x) => x.skill === c.skill_key);
    if (t) {
      t.points += c.points;
      t.adjusted ||= !!c.adjusted;
    } else totals.push({ skill: c.skill_key, name: c.skill_name, points: c.points, adjusted: !!c.adjusted });
  }
  return (
    <>
      <ul className="contributions" aria-label="Contributions">
        {contributions.map((c, i) => {
          const text = formatContribution(
            {
              skill: c.skill_key,
              points: c.points,
              reason: c.reason,
              ruleId: c.rule_id,
              adjusted: false,
              originalPoints: c.original_points,
              adjustmentReason: null,
            },
            c.skill_name,
          );
          return (
            <li key={i} className={c.adjusted ? "is-adjusted" : undefined}>
              <span>{text}</span>
              {c.adjusted ? (
                <>
                  {" "}
                  <span className="badge adjusted">adjusted</span>
                  <span className="muted"> (by the owner; the rules gave {c.original_points ?? 0})</span>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p className="skill-totals">
        <span className="label">Total: </span>
        {totals.map((t, i) => (
          <span key={t.skill}>
            {i ? " · " : null}
            {t.name} {formatPoints(t.points)}
            {t.adjusted ? (
              <>
                {" "}
                <span className="badge adjusted">adjusted</span>
              </>
            ) : null}
          </span>
        ))}
      </p>
    </>
  );
}
