import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { ImportTime } from "~/components/import-time";
import { ImportUploadForm } from "~/components/import-upload";
import { getDb } from "~/db.server";
import { handlesOf } from "~/models/people.server";
import { now } from "~/clock.server";
import { type UploadErrors, batchesFor, importMaxBytes, previewUpload, scopeFor, uploadErrors } from "~/services/import.server";
import { readUpload } from "~/utils/upload.server";
import { timeZoneOptions } from "~/utils/time-zones.server";
import { workingTimeOf } from "~/models/working-time.server";
import { isTimeZone } from "~/domain/working-time";
import { respondJson } from "~/utils/respond.server";
import styles from "~/styles/import.css";

export const meta: MetaFunction = () => [{ title: "Import · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "import:run");
  const db = getDb();
  const query = new URL(request.url).searchParams;
  const asked = query.get("dateOrder");
  const zone = query.get("timeZone");
  const timeZone = zone && isTimeZone(zone) ? zone : (await workingTimeOf(db, user.id)).zone;
  return json({
    dateOrder: asked === "dmy" || asked === "mdy" ? asked : "auto",
    timeZone,
    zones: timeZoneOptions(timeZone),
    scope: scopeFor(user),
    handles: await handlesOf(db, user.id),
    batches: await batchesFor(db, user),
    maxBytes: importMaxBytes(),
  });
}

/** The plain (no-JavaScript) upload; with JavaScript the form posts to /import/upload instead. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "import:run");
  const upload = await readUpload(request);
  if (!upload.ok) return json({ errors: { file: upload.message } as UploadErrors }, { status: upload.status });
  let result: Awaited<ReturnType<typeof previewUpload>>;
  try {
    result = await previewUpload(getDb(), user, upload, now(), upload.fields);
  } finally {
    await upload.discard();
  }
  if (result.kind === "ok") return redirect(`/import/${result.value.batchId}`);
  if (result.kind === "invalid") return json({ errors: uploadErrors(result) }, { status: 422 });
  return respondJson(result);
}

const STATUS: Record<string, { label: string; badge: string }> = {
  preview: { label: "Preview (not written)", badge: "submitted" },
  applied: { label: "Written", badge: "verified" },
  undone: { label: "Undone", badge: "returned" },
};

export default function ImportIndex() {
  const { scope, handles, batches, maxBytes, dateOrder, timeZone, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Import from ticketing tools</h1>
      <div className="grid-2">
        <section className="panel" aria-labelledby="upload-heading">
          <h2 id="upload-heading">Upload an export</h2>
          {scope === "self" ? (
            <p>
              You import for yourself: only tickets resolved under your own handles
              {handles.length ? (
                <>
                  {" "}
                  (<strong>{handles.join(", ")}</strong>)
                </>
              ) : null}{" "}
              become your evidence; the others are listed as “not yours” and skipped.
              {handles.length === 0 ? (
                <>
                  {" "}
                  <strong>You have no ITSM handles yet</strong>: ask an admin to add them to your profile.
                </>
              ) : null}
            </p>
          ) : (
            <p>
              You import for the organisation: each ticket goes to the person whose ITSM handle resolved it. Handles nobody has
              are listed in the preview, where you can map them to a person.
            </p>
          )}
          <ImportUploadForm errors={result?.errors} dateOrder={dateOrder} timeZone={timeZone} zones={zones} maxBytes={maxBytes} />
        </section>
        <section className="panel" aria-labelledby="how-heading">
          <h2 id="how-heading">How importing works</h2>
          <ul className="rules-list">
            <li>
              <strong>Preview first.</strong> Nothing is written until you confirm the preview.
            </li>
            <li>
              <strong>Only resolved tickets</strong> become evidence, as <em>submitted</em> items (self-reported until a manager
              verifies them). A ServiceNow event log is collapsed to one item per ticket, in its latest state.
            </li>
            <li>
              <strong>All or nothing.</strong> Confirming writes the whole import in one transaction.
            </li>
            <li>
              <strong>No duplicates.</strong> Tickets are keyed by tool and number: importing the same file again adds nothing; a
              later export of a changed ticket updates its item. Once the owner has edited an item, imports leave it alone (“kept,
              edited by owner”).
            </li>
            <li>
              <strong>Undo.</strong> An import can be undone as a whole: items it created are deleted, items it updated get their
              earlier values back, and items their owner has edited since are kept (detached from the import).
            </li>
          </ul>
        </section>
      </div>
      <section className="panel" aria-labelledby="batches-heading">
        <h2 id="batches-heading">{scope === "org" ? "Imports" : "Your imports"}</h2>
        {batches.length === 0 ? (
          <p className="muted">No imports yet.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Imports">
            <table>
              <thead>
                <tr>
                  <th scope="col">Import</th>
                  <th scope="col">Format</th>
                  <th scope="col">For</th>
                  <th scope="col">By</th>
                  <th scope="col">When</th>
                  <th scope="col">Status</th>
                  <th scope="col">Rows</th>
                  <th scope="col">Created</th>
                  <th scope="col">Updated</th>
                  <th scope="col">Unchanged</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id}>
                    <td>
                      <Link to={`/import/${b.id}`}>
                        #{b.id} {b.filename}
                      </Link>
                    </td>
                    <td>{b.format}</td>
                    <td>{b.scope === "org" ? "Organisation" : "Self"}</td>
                    <td>{b.creator_name}</td>
                    <td>
                      <ImportTime iso={b.applied_at ?? b.created_at} />
                    </td>
                    <td>
                      <span className={`badge ${STATUS[b.status]?.badge ?? ""}`}>{STATUS[b.status]?.label ?? b.status}</span>
                      {b.undone_at ? (
                        <>
                          {" "}
                          <ImportTime iso={b.undone_at} />
                        </>
                      ) : null}
                    </td>
                    <td>{b.rows_read}</td>
                    <td>{b.status === "preview" ? "—" : b.items_created}</td>
                    <td>{b.status === "preview" ? "—" : b.items_updated}</td>
                    <td>{b.status === "preview" ? "—" : b.items_unchanged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
