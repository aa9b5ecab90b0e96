import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { StateBadge } from "~/components/appraisal-state";
import { FormError } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { getDb } from "~/db.server";
import { parseStartSubmission } from "~/schemas/appraisal-start.server";
import { cycleRoster } from "~/services/appraisals/roster.server";
import { startAppraisal, startForAllReports } from "~/services/appraisals/start.server";
import styles from "~/styles/appraisals.css";
import { rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.cycle.name ?? "Cycle"} · Appraisals · SupportPath` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function idOf(raw: string | undefined): number {
  const id = /^\d{1,9}$/.test(raw ?? "") ? Number(raw) : NaN;
  if (!(id > 0)) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Managers (their subtree) and admins (everyone) run cycles; engineers get 403.
  const user = await requireCapability(request, "appraisal:start");
  const roster = await cycleRoster(getDb(), user, idOf(params.id));
  if (!roster) throw notFound();
  return json(roster);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "appraisal:start");
  const db = getDb();
  const cycleId = idOf(params.id);
  const parsed = parseStartSubmission(await readForm(request));
  if (parsed?.intent === "start") {
    const { submission } = parsed;
    if (submission.status !== "success") return rejectSubmission(submission);
    const result = await startAppraisal(db, user, { cycleId, personId: submission.value.personId }, now());
    return respond(result, submission, ({ id }) => redirect(`/appraisals/${id}?done=start`));
  }
  if (parsed?.intent === "start_all") {
    const { submission } = parsed;
    if (submission.status !== "success") return rejectSubmission(submission);
    const result = await startForAllReports(db, user, { cycleId }, now());
    return respond(result, submission, ({ started }) => redirect(`/appraisals/cycles/${cycleId}?started=${started}`));
  }
  return unknownIntent();
}

export default function CycleRoster() {
  const { cycle, rows, missingInSubtree } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const started = params.get("started");
  return (
    <>
      <p>
        <Link to="/appraisals">← Appraisals</Link>
      </p>
      <h1>{cycle.name}</h1>
      {started !== null ? (
        <p className="notice" role="status">
          Started {started} appraisal{started === "1" ? "" : "s"}.
        </p>
      ) : null}
      <FormError error={result?.error?.[""]?.[0] ?? result?.error?.personId?.[0]} />
      <section className="panel" aria-labelledby="cycle-facts">
        <h2 id="cycle-facts" className="sr-only">
          Dates
        </h2>
        <dl className="facts">
          <dt>Period</dt>
          <dd>
            {cycle.period_start} to {cycle.period_end}
          </dd>
          <dt>Self-assessment due</dt>
          <dd>{cycle.self_due}</dd>
          <dt>Review due</dt>
          <dd>{cycle.review_due}</dd>
        </dl>
        <p>
          <Link to={`/appraisals/cycles/${cycle.id}/calibration`}>Calibration of this cycle</Link>
        </p>
      </section>

      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title">People</h2>
        {missingInSubtree > 0 ? (
          <Form method="post" className="actions" style={{ marginBottom: ".8rem" }}>
            <input type="hidden" name="intent" value="start_all" />
            <SubmitButton pendingLabel="Starting…">{`Start for all my reports (${missingInSubtree})`}</SubmitButton>
          </Form>
        ) : null}
        {rows.length ? (
          <div className="table-scroll">
            <table>
              <caption>Appraisals in {cycle.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Team</th>
                  <th scope="col">Manager</th>
                  <th scope="col">State</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.personId}>
                    <th scope="row" style={{ fontWeight: 500, color: "inherit" }}>
                      {r.name}
                    </th>
                    <td>{r.team ?? "—"}</td>
                    <td>{r.manager ?? "—"}</td>
                    <td>
                      <StateBadge state={r.state} />
                    </td>
                    <td>
                      {r.appraisalId ? (
                        <Link to={`/appraisals/${r.appraisalId}`}>
                          Open<span className="sr-only"> the appraisal of {r.name}</span>
                        </Link>
                      ) : r.canStart ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="start" />
                          <SubmitButton
                            className="secondary"
                            aria-label={`Start the appraisal of ${r.name}`}
                            name="personId"
                            value={r.personId}
                            pendingLabel="Starting…"
                          >
                            Start
                          </SubmitButton>
                        </Form>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">Nobody to appraise in this cycle.</p>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
