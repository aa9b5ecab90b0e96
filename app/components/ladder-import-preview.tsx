import type { ChangeKind, LadderPlan } from "~/domain/ladder-template";

const KIND_TEXT: Record<ChangeKind, string> = {
  add: "added",
  rename: "renamed",
  requirements: "requirements changed",
  update: "rank, track or description changed",
  retire: "retired",
  restore: "back on the ladder",
};

/** Counts, then one row per position the import changes, with what changes. */
export function LadderImportPreview({ plan }: { plan: LadderPlan }) {
  const kinds = (Object.keys(KIND_TEXT) as ChangeKind[]).filter((k) => plan.counts[k] > 0);
  return (
    <>
      <ul className="import-counts" data-testid="ladder-counts">
        {kinds.map((k) => (
          <li key={k} data-count={k}>
            <span className="n">{plan.counts[k]}</span> <span className="l">{KIND_TEXT[k]}</span>
          </li>
        ))}
        <li data-count="unchanged">
          <span className="n">{plan.unchanged}</span> <span className="l">unchanged</span>
        </li>
      </ul>
      {plan.newCertifications.length ? (
        <p data-testid="new-certifications">
          Adds to the certification catalogue: {plan.newCertifications.map((c) => c.name).join(", ")}.
        </p>
      ) : null}
      {plan.changes.length ? (
        // focusable: on a phone the table scrolls sideways, and a keyboard must reach it (axe)
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Positions the import changes">
          <table className="compact" data-testid="ladder-changes">
            <caption className="sr-only">Positions the import changes</caption>
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col">Change</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {plan.changes.map((c) => (
                <tr key={c.key} data-position={c.key}>
                  <th scope="row">{c.name}</th>
                  <td>{c.kinds.map((k) => KIND_TEXT[k]).join(", ")}</td>
                  <td>
                    <ul className="plain">
                      {c.details.map((d) => (
                        <li key={d}>{d}</li>
                      ))}
                      {c.holders > 0 ? (
                        <li>{`${c.holders} ${c.holders === 1 ? "person holds" : "people hold"} it and keep${c.holders === 1 ? "s" : ""} it.`}</li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
