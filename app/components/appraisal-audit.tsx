export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  changes: { field: string; label: string; before: string; after: string }[];
}

function when(iso: string) {
  return iso.slice(0, 16).replace("T", " ") + " UTC";
}

/** Who changed what and when, before → after. */
export function AppraisalAudit({ entries }: { entries: AuditEntryView[] }) {
  if (!entries.length) return <p className="muted">No changes recorded yet.</p>;
  return (
    <ol className="audit-list">
      {entries.map((e) => (
        <li key={e.id}>
          <div>
            <strong>{e.action}</strong>
            {` by ${e.actor} · `}
            <time dateTime={e.at}>{when(e.at)}</time>
          </div>
          {e.reason ? <div>{`Reason: ${e.reason}`}</div> : null}
          {e.changes.length ? (
            <ul>
              {e.changes.map((c) => (
                <li key={c.field}>
                  {c.label}: <span className="muted">{c.before}</span> → {c.after}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
