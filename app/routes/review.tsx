import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type CurrentUser, requireCapability } from "~/auth/session.server";
import { Pagination, SkillChips } from "~/components/evidence-badges";
import { SubmitButton } from "~/components/submit-button";
import { type DB, getDb } from "~/db.server";
import { now } from "~/clock.server";
import { RETURN_REASON_MAX } from "~/domain/limits";
import { reviewSchema } from "~/schemas/evidence-actions.server";
import { listSkills } from "~/models/catalog.server";
import { skillLabel } from "~/domain/skill-catalogue";
import { reviewQueuePage, submittedCounts } from "~/models/evidence.server";
import { subtreeIds } from "~/models/people.server";
import { itemFor, reviewEvidence } from "~/services/evidence.server";
import evidenceStyles from "~/styles/evidence.css";
import { formatDate, formatDateTime } from "~/utils/evidence-format";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";
import { rememberFilters } from "~/services/preferences.server";
import { REMEMBER_FIELD } from "~/utils/remember-field";

export const meta: MetaFunction = () => [{ title: "Review queue · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "evidence:verify");
  const db = getDb();
  const url = new URL(request.url);
  const ids = await subtreeIds(db, user.id);
  const personOf = (p: URLSearchParams) => {
    const person = Number(p.get("person") ?? "");
    return Number.isInteger(person) && ids.includes(person) ? person : null;
  };
  // The person filter is remembered per reviewer (issue 16): a bare /review applies the last one submitted.
  const chosen = await rememberFilters(
    db,
    user,
    "review",
    url.searchParams,
    {
      own: true,
      normalise: (p) => {
        const id = personOf(p);
        return new URLSearchParams(id === null ? {} : { person: String(id) });
      },
    },
    now(),
  );
  const personId = personOf(chosen.params);
  const page = Number(chosen.params.get("page") ?? "1");
  const [queue, people, skills, doneItem] = await Promise.all([
    reviewQueuePage(db, ids, { personId, page: Number.isInteger(page) && page > 0 ? page : 1 }),
    submittedCounts(db, ids),
    listSkills(db, { includeRetired: true }),
    reviewedItem(db, user, url.searchParams),
  ]);
  return json({
    ...queue,
    doneItem,
    people: people.map((p) => ({ ...p, n: Number(p.n) })),
    personId,
    filtersRemembered: chosen.remembered,
    skillNames: Object.fromEntries(skills.map((s) => [s.key, skillLabel(s)])),
  });
}

/** The item just verified or returned, by title (issue 16: messages name things); null when not the reviewer's. */
async function reviewedItem(db: DB, user: CurrentUser, params: URLSearchParams) {
  if (!params.get("done")) return null;
  const item = await itemFor(db, user, Number(params.get("item")), "evidence:verify").catch(() => null);
  return item ? { id: item.id, title: item.title } : null;
}

/** Verify or return one item of the queue; the item must belong to the reviewer's subtree (404 otherwise). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "evidence:verify");
  const db = getDb();
  const data = await readForm(request);
  const item = await itemFor(db, user, Number(data.get("id")), "evidence:verify");
  const intent = data.get("intent");
  if (intent !== "verify" && intent !== "return") return unknownIntent();
  const submission = parseWithZod(data, { schema: reviewSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  const review =
    submission.value.intent === "verify"
      ? { event: "verify" as const }
      : { event: "return" as const, reason: submission.value.reason };
  return respond(await reviewEvidence(db, user, item.id, review, now()), submission, () => {
    const back = new URL(request.url).searchParams;
    back.set("done", review.event === "verify" ? "verified" : "returned");
    back.set("item", String(item.id));
    return redirect(`/review?${back.toString()}`);
  });
}

export default function ReviewQueue() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  // The reply names the item it was about (its id), so the message shows beside that item.
  const repliedId = typeof result?.initialValue?.id === "string" ? result.initialValue.id : undefined;
  const formError = result?.error?.[""]?.[0];
  const reasonError = result?.error?.reason?.[0];
  const typedReason = typeof result?.initialValue?.reason === "string" ? result.initialValue.reason : "";
  const done = params.get("done");
  const pageParams = new URLSearchParams(params);
  for (const k of ["done", "item"]) pageParams.delete(k);
  // a remembered person filter is not in the URL: the page links carry it
  if (d.personId) pageParams.set("person", String(d.personId));
  return (
    <>
      <h1>Review queue</h1>
      <p className="muted">
        Items your reports submitted, oldest first. Verified evidence weighs more in their scores than self-reported evidence.
      </p>
      {done && d.doneItem ? (
        <p className="notice" role="status" data-testid="review-done">
          {done === "verified" ? "Verified: " : "Returned: "}
          <Link to={`/evidence/${d.doneItem.id}`}>{`“${d.doneItem.title}”`}</Link>.
        </p>
      ) : null}
      {formError && !repliedId ? (
        <p className="alert" role="alert">
          {formError}
        </p>
      ) : null}
      {d.filtersRemembered ? (
        <p className="notice remembered-note" role="status" data-testid="filters-remembered">
          Filters remembered from your last visit — <Link to="/review?clear=filters">clear</Link>
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Filter the queue">
        <input type="hidden" name={REMEMBER_FIELD} value="1" />
        <div className="field">
          <label htmlFor="q-person">Person</label>
          <select id="q-person" name="person" defaultValue={d.personId ? String(d.personId) : ""}>
            <option value="">Everyone ({d.people.reduce((s, p) => s + p.n, 0)})</option>
            {d.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.n})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      {d.rows.length ? (
        <ul className="review-list">
          {d.rows.map((r) => {
            const mine = repliedId === String(r.id);
            return (
              <li key={r.id} className="panel review-item">
                <div className="review-head">
                  <h2>
                    <Link to={`/evidence/${r.id}`}>{r.title}</Link>
                  </h2>
                  <p className="muted small">
                    {r.person_name} · {r.kind_name ?? r.kind}
                    {r.priority ? ` · ${r.priority}` : ""}
                    {r.external_ref ? ` · ${r.external_ref}` : ""}
                    {r.after_hours ? " · after hours" : ""} · finished {formatDate(r.resolved_at)} · submitted{" "}
                    {formatDateTime(r.updated_at)}
                  </p>
                  <SkillChips skills={r.skills} names={d.skillNames} />
                </div>
                {mine && formError ? (
                  <p className="alert" role="alert">
                    {formError}
                  </p>
                ) : null}
                <div className="review-actions">
                  <Form method="post">
                    <input type="hidden" name="id" value={r.id} />
                    <input type="hidden" name="intent" value="verify" />
                    <SubmitButton aria-label={`Verify “${r.title}” (${r.person_name})`} pendingLabel="Verifying…">
                      Verify
                    </SubmitButton>
                  </Form>
                  <details open={(mine && !!reasonError) || undefined}>
                    <summary>Return…</summary>
                    <Form method="post" className="return-form">
                      <input type="hidden" name="id" value={r.id} />
                      <input type="hidden" name="intent" value="return" />
                      <div className="field">
                        <label htmlFor={`reason-${r.id}`}>Reason for returning “{r.title}”</label>
                        <textarea
                          id={`reason-${r.id}`}
                          name="reason"
                          rows={2}
                          maxLength={RETURN_REASON_MAX}
                          required
                          defaultValue={mine ? typedReason : ""}
                          aria-invalid={mine && reasonError ? true : undefined}
                          aria-describedby={mine && reasonError ? `reason-${r.id}-error` : undefined}
                        />
                        {mine && reasonError ? (
                          <span id={`reason-${r.id}-error`} className="error" role="alert">
                            {reasonError}
                          </span>
                        ) : null}
                      </div>
                      <SubmitButton className="secondary" pendingLabel="Returning…">
                        Return to {r.person_name}
                      </SubmitButton>
                    </Form>
                  </details>
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="panel muted">Nothing is waiting for review.</p>
      )}
      {d.total > 0 ? (
        <Pagination page={d.page} pages={d.pages} total={d.total} params={pageParams.toString()} noun="waiting" />
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
