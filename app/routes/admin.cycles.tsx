import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/db.server";
import { createCycleFromForm, cyclesOverview } from "~/services/appraisals.server";
import styles from "~/styles/appraisals.css";
import { formObject, invalid } from "~/validation/form.server";

export const meta: MetaFunction = () => [{ title: "Appraisal cycles · Admin · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "cycles:manage");
  return json({ cycles: await cyclesOverview(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "cycles:manage");
  const form = formObject(await request.formData());
  const result = await createCycleFromForm(getDb(), user.id, form);
  if (!result.ok) return invalid(result.errors, form, result.status);
  return redirect(`/admin/cycles?created=${result.value}`);
}

export default function AdminCycles() {
  const { cycles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  const values = (result?.values ?? {}) as Record<string, string | undefined>;
  const created = params.get("created");
  return (
    <>
      <p><Link to="/admin">← Administration</Link></p>
      <h1>Appraisal cycles</h1>
      {created ? <p className="notice" role="status">Cycle created. Managers can now start appraisals in it from the Appraisals page.</p> : null}
      <div className="grid-2">
        <section className="panel" aria-labelledby="new-cycle">
          <h2 id="new-cycle">New cycle</h2>
          <FormError error={errors.form} />
          <Form method="post" className="stack" noValidate>
            <Field name="name" label="Name" required maxLength={120} defaultValue={values.name} error={errors.name} hint="For example “2026 annual review”." />
            <Field name="periodStart" label="Period start" type="date" required defaultValue={values.periodStart} error={errors.periodStart} />
            <Field name="periodEnd" label="Period end" type="date" required defaultValue={values.periodEnd} error={errors.periodEnd} />
            <Field name="selfDue" label="Self-assessment due" type="date" required defaultValue={values.selfDue} error={errors.selfDue} />
            <Field name="reviewDue" label="Manager review due" type="date" required defaultValue={values.reviewDue} error={errors.reviewDue} />
            <div className="actions"><button type="submit">Create cycle</button></div>
          </Form>
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
                    <th scope="col" className="num">Appraisals</th>
                  </tr>
                </thead>
                <tbody>
                  {cycles.map((c) => (
                    <tr key={c.id}>
                      <td><Link to={`/appraisals/cycles/${c.id}`}>{c.name}</Link></td>
                      <td>{c.period_start} – {c.period_end}</td>
                      <td>{c.self_due} / {c.review_due}</td>
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
