// Readiness for the next position and for a chosen target, the gaps (largest first) and next steps
// taken from the rule table. The target picker is a plain GET form: it works without JavaScript.
import { Link } from "@remix-run/react";
import { TRACK_NAMES, groupByTrack, isTrack } from "~/domain/ladder-tracks";
import { levelLabel } from "./skill-matrix";
import { Form } from "~/components/form";
import { type CertificationGapReason, GAP_REASONS } from "~/domain/certifications";

const trackLabel = (track: string) => (isTrack(track) ? TRACK_NAMES[track] : track).toLowerCase();

interface Gap {
  skill: string;
  current: number;
  required: number;
  gap: number;
}

interface CertificationGapView {
  certificationId: number;
  name: string;
  reason: CertificationGapReason;
  expiresOn: string | null;
  blocking: boolean;
}

interface ReadinessView {
  percent: number;
  gaps: Gap[];
  met: boolean;
  /** required certifications not held, not verified, expired or expiring (issue 17, part 2) */
  certificationGaps?: CertificationGapView[];
}

/** The position's required certifications that still stand in the way (or expire soon). */
function CertificationGaps({ gaps, target }: { gaps: CertificationGapView[]; target: string }) {
  if (gaps.length === 0) return null;
  return (
    <div data-testid="certification-gaps">
      <h3>Required certifications</h3>
      <p className="muted small">{`${target} requires these certifications, verified and valid.`}</p>
      <ul className="plain">
        {gaps.map((g) => (
          <li key={g.certificationId} data-reason={g.reason}>
            <strong>{g.name}</strong>: {GAP_REASONS[g.reason]}
            {g.expiresOn ? ` (${g.reason === "expired" ? "expired" : "expires"} ${g.expiresOn})` : ""}
            {g.blocking ? null : <span className="muted"> — still counts</span>}
          </li>
        ))}
      </ul>
      <p className="small">
        <Link to="/certifications">Record or renew a certification</Link>
      </p>
    </div>
  );
}

interface Need {
  skill: string;
  required: number;
  minScore: number;
  minItems: number;
  score: number;
  items: number;
  scoreToGo: number;
  itemsToGo: number;
}

interface Props {
  current: { id: number; name: string } | null;
  next: { id: number; name: string } | null;
  /** at the fork: the next rung of each other track (ADR 022) */
  otherNext?: { id: number; name: string; track: string; percent: number }[];
  nextReadiness: ReadinessView | null;
  target: { id: number; name: string } | null;
  targetReadiness: ReadinessView | null;
  positions: { id: number; name: string; rank: number; track?: string }[];
  needs: Need[];
  nextSteps: { skill: string; steps: { label: string }[] }[];
  skillNames: Record<string, string>;
  evidenceHref: (skill: string) => string;
  /** link to a new goal for a gap skill; null when the viewer may not set goals for this person */
  goalHref: ((skill: string, positionId: number) => string) | null;
  /** the page's own path, for the GET form */
  action: string;
  /** `?target=` named no position (issue 16): shown next to the picker */
  targetError?: string | null;
  /** the target is the person's remembered choice rather than the default next rung */
  targetRemembered?: boolean;
}

function Percent({ label, name, percent, testId }: { label: string; name: string; percent: number; testId: string }) {
  return (
    <div className="readiness-card" data-testid={testId}>
      <p className="card-label">{label}</p>
      <p className="big-number">
        <a href="#gaps" className="quiet-link">
          <span data-value>{percent}</span>%
        </a>
      </p>
      <p>
        ready for <strong>{name}</strong>
      </p>
      <progress max={100} value={percent} aria-label={`${percent}% ready for ${name}`} />
    </div>
  );
}

function needText(n: Need | undefined): string {
  if (!n) return "";
  const parts: string[] = [];
  if (n.scoreToGo > 0) parts.push(`+${n.scoreToGo.toFixed(1)} score (${n.score.toFixed(1)} of ${n.minScore})`);
  if (n.itemsToGo > 0) parts.push(`${n.itemsToGo} more ${n.itemsToGo === 1 ? "item" : "items"} (${n.items} of ${n.minItems})`);
  return parts.length ? parts.join(", ") : `score and items met (${n.score.toFixed(1)}, ${n.items} items)`;
}

/** Readiness % for the next position and the chosen target, and the target picker (a GET form). */
export function ReadinessSummary(p: Props) {
  const sameAsNext = p.target && p.next && p.target.id === p.next.id;
  // Grouped by track, so a person sees both ways up from the fork (ADR 022).
  const groups = groupByTrack(p.positions);
  const nextIds = new Set([p.next?.id, ...(p.otherNext ?? []).map((o) => o.id)]);
  const option = (pos: { id: number; name: string }) => (
    <option key={pos.id} value={pos.id}>
      {pos.name}
      {p.current?.id === pos.id ? " (current)" : nextIds.has(pos.id) ? " (next)" : ""}
    </option>
  );
  return (
    <section className="panel readiness" aria-labelledby="readiness-heading">
      <h2 id="readiness-heading">Readiness</h2>
      <div className="readiness-cards">
        {p.next && p.nextReadiness ? (
          <Percent testId="next-readiness" label="Next position" name={p.next.name} percent={p.nextReadiness.percent} />
        ) : (
          <div className="readiness-card" data-testid="next-readiness">
            <p className="card-label">Next position</p>
            <p>{p.current ? `${p.current.name} is the top of the ladder.` : "No ladder positions are defined."}</p>
          </div>
        )}
        {(p.otherNext ?? []).map((o) => (
          <div className="readiness-card" data-testid="other-next" key={o.id}>
            <p className="card-label">{`Next on the ${trackLabel(o.track)}`}</p>
            <p className="big-number">
              <Link to={`${p.action}?target=${o.id}#gaps`} className="quiet-link">
                <span data-value>{o.percent}</span>%
              </Link>
            </p>
            <p>
              ready for <strong>{o.name}</strong>
            </p>
          </div>
        ))}
        {p.target && p.targetReadiness && !sameAsNext ? (
          <Percent testId="target-readiness" label="Chosen target" name={p.target.name} percent={p.targetReadiness.percent} />
        ) : null}
      </div>

      <Form method="get" action={p.action} className="filters target-form">
        <div className="field">
          <label htmlFor="target">Target position</label>
          <select
            id="target"
            name="target"
            defaultValue={p.target?.id ?? ""}
            aria-invalid={p.targetError ? true : undefined}
            aria-describedby={p.targetError ? "target-error" : undefined}
          >
            {groups.map((g) =>
              groups.length > 1 ? (
                <optgroup key={g.track} label={g.label}>
                  {g.positions.map(option)}
                </optgroup>
              ) : (
                g.positions.map(option)
              ),
            )}
          </select>
          {p.targetError ? (
            <span id="target-error" className="error" role="alert">
              {p.targetError}
            </span>
          ) : null}
        </div>
        <button type="submit" className="secondary">
          Show readiness
        </button>
      </Form>
      {p.targetRemembered && p.target ? (
        <p className="muted small" data-testid="target-remembered">
          {`${p.target.name} is your remembered target: the portfolio and goals use it too until you choose another.`}
        </p>
      ) : null}
      <p className="muted small">
        Readiness counts the levels the position requires that are already reached. The gaps below say what each missing level
        still needs.
      </p>
    </section>
  );
}

/** The target's gaps, largest first, with what each still needs, and next steps from the rule table. */
export function ReadinessGaps(p: Props) {
  const needs = new Map(p.needs.map((n) => [n.skill, n] as const));
  if (!p.target || !p.targetReadiness) return null;
  const target = p.target;
  return (
    <section className="panel readiness" aria-labelledby="gaps">
      <h2 id="gaps" tabIndex={-1}>
        {`Gaps for ${target.name}: `}
        <span data-testid="target-percent">{`${p.targetReadiness.percent}%`}</span> ready
      </h2>
      <CertificationGaps gaps={p.targetReadiness.certificationGaps ?? []} target={target.name} />
      {p.targetReadiness.gaps.length === 0 ? (
        <p className="notice" role="status">{`Every level ${target.name} requires is met.`}</p>
      ) : (
        <div className="gaps-grid">
          <div className="table-scroll">
            <table className="compact gaps" data-testid="gaps">
              <caption className="sr-only">{`Skills below the level ${target.name} requires, largest gap first`}</caption>
              <thead>
                <tr>
                  <th scope="col">Skill</th>
                  <th scope="col">Now</th>
                  <th scope="col">Required</th>
                  <th scope="col" className="num">
                    Gap
                  </th>
                  <th scope="col">Still needed for the required level</th>
                  {p.goalHref ? (
                    <th scope="col">
                      <span className="sr-only">Goal</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {p.targetReadiness.gaps.map((g) => (
                  <tr key={g.skill} data-skill={g.skill}>
                    <th scope="row">{p.skillNames[g.skill] ?? g.skill}</th>
                    <td className="nowrap">
                      <Link to={p.evidenceHref(g.skill)} discover="none">
                        {levelLabel(g.current)}
                      </Link>
                    </td>
                    <td className="nowrap">{levelLabel(g.required)}</td>
                    <td className="num">{g.gap}</td>
                    <td data-col="need">{needText(needs.get(g.skill))}</td>
                    {p.goalHref ? (
                      <td className="nowrap">
                        <Link
                          to={p.goalHref(g.skill, target.id)}
                          aria-label={`Set a goal for ${p.skillNames[g.skill] ?? g.skill}`}
                        >
                          Set a goal
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.nextSteps.length ? (
            <div>
              <h3>Next steps</h3>
              <p className="muted small">
                Work the current rule table credits to each gap skill (self-reported work counts less until it is verified).
              </p>
              <ul className="next-steps" data-testid="next-steps">
                {p.nextSteps.map((s) => (
                  <li key={s.skill}>
                    <strong>{p.skillNames[s.skill] ?? s.skill}</strong>
                    {s.steps.length ? (
                      <ul>
                        {s.steps.map((step) => (
                          <li key={step.label}>{step.label}</li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted"> — no active rule raises this skill yet.</span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
