import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { Field, FormError } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { fieldProps, useSchemaForm } from "~/components/use-schema-form";
import { getDb } from "~/db.server";
import { cycleSchema } from "~/schemas/appraisal-cycle";
import { createCycle, cyclesOverview } from "~/services/appraisals/cycles.server";
import styles from "~/styles/appraisals.css";
import { rejectSubmission, respond } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Appraisal cycles · Admin · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "cycles:manage");
  return json({ cycles: await cyclesOverview(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "cycles:manage");
  const submission = parseWithZod(await readForm(request), { schema: cycleSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await createCycle(getDb(), user, submission.value, now()), submission, ({ id }) =>
    redirect(`/admin/cycles?created=${id}`),
  );
}

function CycleForm() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(cycleSchema, { id: "cycle", lastResult });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormError error={form.errors?.[0]} />
      <Field {...fieldProps(fields.name)} label="Name" hint="For example “2026 annual review”." />
      <Field {...fieldProps(fields.periodStart)} label="Period start" type="date" />
      <Field {...fieldProps(fields.periodEnd)} label="Period end" type="date" />
      <Field {...fieldProps(fields.selfDue)} label="Self-assessment due" type="date" />
      <Field {...fieldProps(fields.reviewDue)} label="Manager review due" type="date" />
      <div className="actions">
        <SubmitButton pendingLabel="Creating…">Create cycle</SubmitButton>
      </div>
    </Form>
  );
}

export default function AdminCycles() {
  const { cycles } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const created = params.get("created");
  return (
    <>
      <p>
        <Link to="/admin">← Administration</Link>
      </p>
      <h1>Appraisal cycles</h1>
      {created ? (
        <p className="notice" role="status">
          Cycle created. Managers can now start appraisals in it from the Appraisals page.
        </p>
      ) : null}
      <div className="grid-2">
        <section className="panel" aria-labelledby="new-cycle">
          <h2 id="new-cycle">New cycle</h2>
          <CycleForm key={created ?? "new"} />
        </section>
        <section className="panel" aria-labelledby="cycles-list">
          <h2 id="cycles-list">Cycles</h2>
          {cycles.length ? (
            <div className="table-scroll">
              <table className="compact">
                <caption>All cycles, newest period first</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Period</th>
                    <th scope="col">Due (self / review)</th>
                    <th scope="col" className="num">
                      Appraisals
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cycles.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/appraisals/cycles/${c.id}`}>{c.name}</Link>
                      </td>
                      <td>
                        {c.period_start} – {c.period_end}
                      </td>
                      <td>
                        {c.self_due} / {c.review_due}
                      </td>
                      <td className="num">{c.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">No cycles yet.</p>
          )}
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
