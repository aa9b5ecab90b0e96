import { type AppraisalState, STATE_LABELS } from "~/domain/appraisal-workflow";

export function StateBadge({ state }: { state: AppraisalState }) {
  return <span className={`badge state-${state}`}>{STATE_LABELS[state]}</span>;
}
