import type { PlanCounts, SkipReason } from "~/domain/import/plan";

export const SKIP_TEXT: Record<SkipReason, string> = {
  unresolved: "not resolved",
  not_done: "resolved as not done",
  no_time: "no resolution time",
  invalid: "invalid fields",
  unknown_handle: "unknown handle",
  not_yours: "not yours",
  other_owner: "imported for someone else",
  older: "older than stored",
};

/** New / to update / unchanged / kept / skipped, with the reasons for skipping. */
export function ImportCounts({ counts, preview = false }: { counts: PlanCounts; preview?: boolean }) {
  const reasons = (Object.keys(counts.skipped) as SkipReason[]).filter((k) => counts.skipped[k] > 0);
  const tiles: [string, number, string][] = [
    ["create", counts.create, preview ? "new" : "created"],
    ["update", counts.update, preview ? "to update" : "updated"],
    ["unchanged", counts.unchanged, "unchanged"],
    ["kept", counts.kept, "kept, edited by owner"],
    ["skip", counts.skip, "skipped"],
  ];
  return (
    <>
      <ul className="import-counts" data-testid="import-counts">
        {tiles.map(([key, n, label]) => (
          <li key={key} data-count={key}>
            <span className="n">{n}</span> <span className="l">{label}</span>
          </li>
        ))}
      </ul>
      {reasons.length ? (
        <p className="muted" data-testid="skip-reasons">
          Skipped: {reasons.map((r) => `${counts.skipped[r]} ${SKIP_TEXT[r]}`).join(", ")}.
        </p>
      ) : null}
    </>
  );
}
