import { type AppraisalState, STATE_LABELS } from "~/domain/appraisal-workflow";

export function StateBadge({ state }: { state: string }) {
  const label = STATE_LABELS[state as AppraisalState] ?? state;
  return <span className={`badge state-${state}`}>{label}</span>;
}
