// The greeting on an empty dashboard (issue 16, point 3): three ways in and how points become levels,
// instead of a page of zeros. Shown on one's own dashboard until the first item is logged.
import { Link } from "@remix-run/react";
import { levelLabel } from "./skill-matrix";

interface Props {
  firstName: string;
  managerName: string | null;
  /** what level 1 asks for, from the scoring thresholds in force */
  firstLevel: { level: number; minScore: number; minItems: number } | null;
}

export function FirstSteps({ firstName, managerName, firstLevel }: Props) {
  return (
    <section className="panel first-steps" aria-labelledby="first-steps-heading" data-testid="first-steps">
      <h2 id="first-steps-heading">{`Welcome to SupportPath, ${firstName}`}</h2>
      <p>Your skills grow from the work you already do. Three ways to begin:</p>
      <ol className="ways-in">
        <li>
          <Link className="button" to="/evidence/new">
            Log an item
          </Link>
          <span className="muted small">An incident, a change, a drill or a piece of mentoring: a minute each.</span>
        </li>
        <li>
          <Link className="button secondary" to="/import">
            Import your tickets
          </Link>
          <span className="muted small">Upload an export from ServiceNow, Jira or PagerDuty and keep what is yours.</span>
        </li>
        <li>
          <Link className="button secondary" to="/appraisals">
            Ask for an appraisal
          </Link>
          <span className="muted small">
            {managerName
              ? `Ask ${managerName} to start one; it appears under Appraisals.`
              : "Ask your manager to start one; it appears under Appraisals."}
          </span>
        </li>
      </ol>
      <h3>How points become levels</h3>
      <p className="small">
        Every item earns points in the skills it shows, by the rules your admins keep (a reason is shown for each). Verified items
        weigh more than self-reported ones, and older points slowly fade. A level needs both a score and a number of distinct
        items
        {firstLevel
          ? `: ${levelLabel(firstLevel.level)} asks for a score of ${firstLevel.minScore} from at least ${firstLevel.minItems} item${firstLevel.minItems === 1 ? "" : "s"}.`
          : "."}{" "}
        The matrix below shows how far each skill is from its next level.
      </p>
    </section>
  );
}
