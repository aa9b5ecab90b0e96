import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireCapability } from "~/auth/session.server";
import { FormError } from "~/components/field";
import { ImportCounts } from "~/components/import-counts";
import { ImportTickets, RowErrors } from "~/components/import-tables";
import { ImportTime } from "~/components/import-time";
import { DateOrderFact, DateQuestion, TimesFact, ZoneQuestion } from "~/components/import-dates";
import { getDb } from "~/db.server";
import { now } from "~/clock.server";
import { SubmitButton } from "~/components/submit-button";
import { batchIntentSchema, batchViewSchema, mapHandleSchema } from "~/schemas/import.server";
import { applyBatch, discardPreview, mapHandle, refuseHandleMapping, undoBatch } from "~/services/import-batch.server";
import { appliedOf, batchFor, handleChoices, previewOf, scopeFor } from "~/services/import.server";
import { UnknownHandles } from "~/components/import-handles";
import styles from "~/styles/import.css";
import { parseWithZod, rejectSubmission, replyFailure, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form, useFetcher } from "~/components/form";
import { parseId } from "~/domain/input-rules";

export const meta: MetaFunction = () => [{ title: "Import · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function batchId(raw: string | undefined): number {
  const id = parseId(raw);
  if (id === null) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "import:run");
  const db = getDb();
  const batch = await batchFor(db, user, batchId(params.batchId));
  if (!batch) throw notFound();
  const url = new URL(request.url);
  const parsed = batchViewSchema.safeParse({
    show: url.searchParams.get("show") ?? undefined,
    page: url.searchParams.get("page") ?? undefined,
  });
  // A hand-edited ?page=abc is the request's fault: say so (400), never fail (500).
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? "Bad page.", { status: 400 });
  const view = parsed.data;
  const head = {
    id: batch.id,
    filename: batch.filename,
    status: batch.status,
    scope: batch.scope,
    creator: batch.creator_name,
    createdAt: batch.created_at,
    appliedAt: batch.applied_at,
    undoneAt: batch.undone_at,
  };
  if (batch.status === "preview") {
    const preview = await previewOf(db, batch, view.show, view.page);
    if (!preview) throw notFound();
    const canMap = batch.scope === "org" && scopeFor(user) === "org";
    const choices = await handleChoices(db, preview.unknownHandles);
    const { unknownHandles: _all, ...rest } = preview;
    return json({
      head,
      view,
      preview: rest,
      applied: null,
      handles: choices.handles,
      people: canMap ? choices.people : [],
    });
  }
  const none: Awaited<ReturnType<typeof handleChoices>> = { handles: [], people: [] };
  return json({
    head,
    view,
    preview: null,
    applied: await appliedOf(db, batch, view.page),
    ...none,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "import:run");
  const db = getDb();
  const batch = await batchFor(db, user, batchId(params.batchId));
  if (!batch) throw notFound();
  const data = await readForm(request);
  const intent = data.get("intent");
  if (intent === "map-handle") {
    const submission = parseWithZod(data, { schema: mapHandleSchema });
    // Who may map, and on which batch, is answered before what they typed (403, 409 before 422).
    const refused = refuseHandleMapping(user, batch);
    if (refused) return replyFailure(refused, submission);
    if (submission.status !== "success") return rejectSubmission(submission);
    const { handle } = submission.value;
    return respond(await mapHandle(db, user, batch, submission.value, now()), submission, ({ personName }) =>
      redirect(`/import/${batch.id}?mapped=${encodeURIComponent(handle)}&to=${encodeURIComponent(personName)}`),
    );
  }
  if (intent !== "confirm" && intent !== "discard" && intent !== "undo") return unknownIntent();
  const submission = parseWithZod(data, { schema: batchIntentSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  switch (submission.value.intent) {
    case "confirm":
      try {
        return respond(await applyBatch(db, user, batch.id, now()), submission, () => redirect(`/import/${batch.id}?written=1`));
      } catch (e) {
        // Rolled back whole; the cause goes to the log, not to the page.
        console.error("import apply failed", e);
        const formErrors = ["The import failed and nothing was written. Fix the file or the data and try again."];
        return json(submission.reply({ formErrors }), { status: 500 });
      }
    case "discard":
      return respond(await discardPreview(db, user, batch, now()), submission, () => {
        const { again, timeZone } = submission.value;
        const query = new URLSearchParams({ ...(again ? { dateOrder: again } : {}), ...(timeZone ? { timeZone } : {}) });
        return redirect(query.size ? `/import?${query}` : "/import");
      });
    case "undo":
      return respond(await undoBatch(db, user, batch.id, now()), submission, ({ counts: c }) =>
        redirect(`/import/${batch.id}?undone=1&deleted=${c.deleted}&restored=${c.restored}&kept=${c.kept}`),
      );
  }
}

const STATUS_TEXT = { preview: "Preview — nothing written yet", applied: "Written", undone: "Undone" } as const;

export default function ImportBatch() {
  const { head, preview, applied } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <p>
        <Link to="/import">← Imports</Link>
      </p>
      <h1>
        Import #{head.id}: {head.filename}
      </h1>
      <p>
        <span className={`badge ${head.status === "applied" ? "verified" : head.status === "undone" ? "returned" : "submitted"}`}>
          {STATUS_TEXT[head.status]}
        </span>{" "}
        <span className="muted">
          {head.scope === "org" ? "For the organisation" : "For " + head.creator} · uploaded by {head.creator}{" "}
          <ImportTime iso={head.createdAt} />
          {head.appliedAt ? (
            <>
              {" "}
              · written <ImportTime iso={head.appliedAt} />
            </>
          ) : null}
          {head.undoneAt ? (
            <>
              {" "}
              · undone <ImportTime iso={head.undoneAt} />
            </>
          ) : null}
        </span>
      </p>
      {params.get("mapped") ? (
        <p className="notice import-notice" role="status">
          Handle “{params.get("mapped")}” now belongs to {params.get("to")}. The preview below is recomputed.
        </p>
      ) : null}
      {params.get("undone") ? (
        <p className="notice import-notice" role="status">
          Import undone: {params.get("deleted")} created item(s) deleted, {params.get("restored")} updated item(s) restored,{" "}
          {params.get("kept")} item(s) edited by their owner kept.
        </p>
      ) : null}
      <FormError error={result?.error?.[""]?.[0]} />
      {preview ? <PreviewSection head={head} /> : null}
      {applied ? <AppliedSection head={head} written={params.get("written") === "1"} /> : null}
    </>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function PreviewSection({ head }: { head: Data["head"] }) {
  const { preview, view, people, handles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const mapping = result?.initialValue?.intent === "map-handle" ? result : null;
  const mapError = mapping?.error?.handle?.[0] ?? mapping?.error?.person?.[0] ?? mapping?.error?.personId?.[0];
  const mappedHandle = typeof mapping?.initialValue?.handle === "string" ? mapping.initialValue.handle : "";
  const typedPerson = typeof mapping?.initialValue?.person === "string" ? mapping.initialValue.person : "";
  const confirm = useFetcher<typeof action>();
  const zoneError = result?.initialValue?.intent === "discard" ? result.error?.timeZone?.[0] : undefined;
  const p = preview!;
  const toWrite = p.counts.create + p.counts.update;
  const writing = confirm.state !== "idle";
  const confirmError = confirm.data?.error?.[""]?.[0];
  return (
    <>
      <section className="panel" aria-labelledby="summary-heading">
        <h2 id="summary-heading">What the file holds</h2>
        <dl className="facts">
          <dt>Detected format</dt>
          <dd data-testid="format">{p.format}</dd>
          <dt>Rows read</dt>
          <dd data-testid="rows-read">{p.rowsRead}</dd>
          <dt>Tickets</dt>
          <dd data-testid="tickets">
            {p.itemCount} <span className="muted">(event logs collapsed to one item per ticket, latest state)</span>
          </dd>
          <dt>Rows with errors</dt>
          <dd data-testid="row-errors">{p.rowErrorCount}</dd>
          {p.dates ? <DateOrderFact dates={p.dates} /> : null}
          {p.times ? <TimesFact times={p.times} /> : null}
        </dl>
        {p.dates?.decided === "assumed" ? <DateQuestion dates={p.dates} disabled={writing} /> : null}
        {p.times?.local ? <ZoneQuestion times={p.times} error={zoneError} disabled={writing} /> : null}
        <h3>What confirming will do</h3>
        <ImportCounts counts={p.counts} preview />
        {toWrite === 0 ? (
          <p className="notice import-notice" role="status" data-testid="nothing-new">
            Nothing new to write:{" "}
            {p.counts.unchanged + p.counts.kept > 0
              ? "every importable ticket in this file is already imported."
              : "no ticket in this file can be imported."}
          </p>
        ) : null}
        <confirm.Form method="post" className="actions" aria-busy={writing}>
          <input type="hidden" name="intent" value="confirm" />
          <SubmitButton fetcherState={confirm.state} pendingLabel="Writing…">
            {toWrite
              ? `Confirm: write ${p.counts.create} new and ${p.counts.update} updated item(s)`
              : "Confirm (nothing new to write)"}
          </SubmitButton>
        </confirm.Form>
        {writing ? (
          <div className="import-progress" role="status" aria-live="polite">
            <span id="write-progress-label">Writing {toWrite} item(s) in one transaction… Keep this page open.</span>
            <progress aria-labelledby="write-progress-label" />
          </div>
        ) : null}
        {confirmError ? (
          <p className="alert" role="alert">
            {confirmError}
          </p>
        ) : null}
        <Form method="post" className="actions" style={{ marginTop: ".6rem" }}>
          <input type="hidden" name="intent" value="discard" />
          <SubmitButton className="secondary" pendingLabel="Discarding…" disabled={writing}>
            Discard this preview
          </SubmitButton>
        </Form>
      </section>

      {p.byPerson.length ? (
        <section className="panel" aria-labelledby="people-heading">
          <h2 id="people-heading">Attributed to</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Attributed to">
            <table>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">New</th>
                  <th scope="col">To update</th>
                  <th scope="col">Unchanged</th>
                  <th scope="col">Kept (edited)</th>
                </tr>
              </thead>
              <tbody>
                {p.byPerson.map((t) => (
                  <tr key={t.person.id}>
                    <td>{t.person.name}</td>
                    <td>{t.create}</td>
                    <td>{t.update}</td>
                    <td>{t.unchanged}</td>
                    <td>{t.kept}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {handles.length ? (
        <UnknownHandles
          handles={handles}
          people={people}
          error={mapError ? { handle: mappedHandle, message: mapError } : null}
          typed={typedPerson}
          disabled={writing}
        />
      ) : null}

      <RowErrors errors={p.rowErrors} total={p.rowErrorCount} />

      <ImportTickets preview={p} show={view.show} />
      <p className="muted">Preview of import #{head.id}: stored until you confirm or discard it.</p>
    </>
  );
}

function AppliedSection({ head, written }: { head: Data["head"]; written: boolean }) {
  const { applied } = useLoaderData<typeof loader>();
  const a = applied!;
  const c = a.counts;
  return (
    <>
      {written && c ? (
        <p className="notice import-notice" role="status" data-testid="written-notice">
          {c.create + c.update === 0
            ? `Nothing new: all ${c.unchanged + c.kept} importable ticket(s) were already imported. Nothing was added.`
            : `Written in one transaction: ${c.create} new item(s), ${c.update} updated.`}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="result-heading">
        <h2 id="result-heading">Result</h2>
        <dl className="facts">
          <dt>Format</dt>
          <dd>{a.format}</dd>
          <dt>Rows read</dt>
          <dd>{a.rowsRead}</dd>
          <dt>Tickets</dt>
          <dd>{a.itemCount}</dd>
        </dl>
        {c ? <ImportCounts counts={c} /> : null}
      </section>
      {head.status === "applied" ? (
        <section className="panel" aria-labelledby="undo-heading">
          <h2 id="undo-heading">Undo this import</h2>
          <p>
            Undoing deletes the items this import created and gives the items it updated their earlier values back, in one
            transaction. Items their owner has edited since the import are kept (and detached from it). If a later import changed
            the same items, undo that one first.
          </p>
          <Form
            method="post"
            onSubmit={(e) => {
              if (!confirm("Undo this import? Items it created are deleted.")) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="undo" />
            <SubmitButton className="danger" pendingLabel="Undoing…">
              Undo import #{head.id}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
      <RowErrors errors={a.rowErrors} total={a.rowErrorCount} />
      {a.undone ? <UndoneSummary undone={a.undone} total={a.written.total} /> : <WrittenItems head={head} />}
    </>
  );
}

/** An undone batch: what undoing did, in counts (its items are deleted, restored or detached: no rows to list). */
function UndoneSummary({ undone: u, total }: { undone: NonNullable<Data["applied"]>["undone"] & object; total: number }) {
  return (
    <section className="panel" aria-labelledby="undone-heading" data-testid="undone-summary">
      <h2 id="undone-heading">What undoing did</h2>
      <p>This import wrote {total} item(s); undoing it in one transaction:</p>
      <ul className="import-counts">
        <li data-count="deleted">
          <span className="n">{u.deleted}</span> <span className="l">created, deleted</span>
        </li>
        <li data-count="restored">
          <span className="n">{u.restored}</span> <span className="l">updated, restored</span>
        </li>
        <li data-count="kept">
          <span className="n">{u.kept}</span> <span className="l">edited by owner, kept</span>
        </li>
      </ul>
      {total > u.deleted + u.restored + u.kept ? (
        <p className="muted">
          {total - u.deleted - u.restored - u.kept} item(s) had been deleted by their owner before the undo.
        </p>
      ) : null}
    </section>
  );
}

function WrittenItems({ head }: { head: Data["head"] }) {
  const { applied } = useLoaderData<typeof loader>();
  const w = applied!.written;
  return (
    <section className="panel" aria-labelledby="written-heading">
      <h2 id="written-heading">
        Items written <span className="muted">({w.total})</span>
      </h2>
      {w.total === 0 ? (
        <p className="muted">This import wrote no items.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Items written">
          <table>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Ticket</th>
                <th scope="col">Person</th>
                <th scope="col">Priority</th>
                <th scope="col">Import</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {w.rows.map((r) => (
                <tr key={r.evidence_id}>
                  <td>
                    {r.title ? <Link to={`/evidence/${r.evidence_id}`}>{r.title}</Link> : <span className="muted">deleted</span>}
                  </td>
                  <td>{r.external_ref ?? "—"}</td>
                  <td>{r.person_name ?? "—"}</td>
                  <td>{r.priority ?? "—"}</td>
                  <td>
                    {r.action === "created" ? "Created" : "Updated"}
                    {r.title && r.import_batch_id !== head.id ? <span className="muted"> (detached)</span> : null}
                  </td>
                  <td>{r.status ? <span className={`badge ${r.status}`}>{r.status}</span> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {w.pages > 1 ? (
        <nav className="pagination" aria-label="Pages of items">
          {w.page > 1 ? <Link to={`?page=${w.page - 1}`}>← Previous</Link> : null}
          <span>
            Page {w.page} of {w.pages} ({w.total} items)
          </span>
          {w.page < w.pages ? <Link to={`?page=${w.page + 1}`}>Next →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
