// The import batch page's tables: the planned tickets (filtered by what confirming does with them, a page
// at a time) and the rows the file could not be read from.
import { Link } from "@remix-run/react";
import type { PreviewView } from "~/services/import.server";

const ACTION_TEXT: Record<string, string> = {
  create: "New",
  update: "Update",
  unchanged: "Unchanged",
  kept: "Kept",
  skip: "Skipped",
};

type Show = "all" | "create" | "update" | "unchanged" | "kept" | "skip";

export function ImportTickets({
  preview: p,
  show,
}: {
  preview: Pick<PreviewView, "items" | "itemCount" | "counts" | "page" | "pages" | "shown">;
  show: Show;
}) {
  const view = { show };
  return (
    <section className="panel" aria-labelledby="items-heading">
      <h2 id="items-heading">Tickets</h2>
      <ul className="import-tabs" aria-label="Show">
        {(["all", "create", "update", "unchanged", "kept", "skip"] as const).map((s) => {
          const n = s === "all" ? p.itemCount : p.counts[s];
          return (
            <li key={s}>
              <Link to={`?show=${s}`} aria-current={view.show === s ? "page" : undefined}>
                {s === "all" ? "All" : ACTION_TEXT[s]} ({n})
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Tickets of this page">
        <table>
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">Title</th>
              <th scope="col">Priority</th>
              <th scope="col">State</th>
              <th scope="col">Attributed to</th>
              <th scope="col">Outcome</th>
              <th scope="col">Rows</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((i) => (
              <tr key={i.ref}>
                <td>{i.ref}</td>
                <td>{i.title}</td>
                <td>{i.priority ?? "—"}</td>
                <td>{i.state || "—"}</td>
                <td>
                  {i.person ? (
                    <>
                      {i.person.name}
                      {i.handle ? <span className="muted"> ({i.handle})</span> : null}
                    </>
                  ) : (
                    <span className="muted">{i.handle ?? "—"}</span>
                  )}
                </td>
                <td>
                  <span className={`badge action-${i.action}`}>{ACTION_TEXT[i.action]}</span>
                  {i.reason ? (
                    <>
                      {" "}
                      <span className="muted">{i.reason}</span>
                    </>
                  ) : null}
                  {i.action === "update" && i.changed.length ? (
                    <>
                      {" "}
                      <span className="muted">changed: {i.changed.join(", ")}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {i.rows.join(", ")}
                  {i.rows.length >= 20 ? "…" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={p.page} pages={p.pages} show={view.show} shown={p.shown} />
    </section>
  );
}

function Pager({ page, pages, show, shown }: { page: number; pages: number; show: string; shown: number }) {
  if (pages <= 1) return <p className="muted">{shown} ticket(s).</p>;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? <Link to={`?show=${show}&page=${page - 1}`}>← Previous</Link> : null}
      <span>
        Page {page} of {pages} ({shown} tickets)
      </span>
      {page < pages ? <Link to={`?show=${show}&page=${page + 1}`}>Next →</Link> : null}
    </nav>
  );
}

export function RowErrors({ errors, total }: { errors: { row: number; ref: string | null; message: string }[]; total: number }) {
  if (!total) return null;
  return (
    <section className="panel" aria-labelledby="errors-heading">
      <h2 id="errors-heading">
        Rows with errors <span className="muted">({total})</span>
      </h2>
      <p className="muted">
        These rows are left out; a ticket with any unreadable row is left out whole. Row numbers are the file’s line numbers (the
        header is row 1).
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Rows with errors">
        <table>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Ticket</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={`${e.row}-${i}`}>
                <td>{e.row}</td>
                <td>{e.ref ?? "—"}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > errors.length ? (
        <p className="muted">
          Showing the first {errors.length} of {total}.
        </p>
      ) : null}
    </section>
  );
}
