import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { RuleForm, type RuleFormValues } from "~/components/evidence-rule-form";
import { getDb } from "~/db.server";
import { listKinds, listSkills } from "~/models/catalog.server";
import { createRuleFromForm } from "~/services/rules.server";
import evidenceStyles from "~/styles/evidence.css";

export const meta: MetaFunction = () => [{ title: "Add a mapping rule · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "catalog:manage");
  const db = getDb();
  const [kinds, skills] = await Promise.all([listKinds(db), listSkills(db)]);
  return json({ kinds, skills: skills.map((s) => ({ key: s.key, name: s.name })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const result = await createRuleFromForm(getDb(), user.id, await request.formData());
  if (!result.ok) return json({ errors: result.errors, values: result.values }, { status: 422 });
  return redirect(`/admin/rules?created=${result.id}&items=${result.items}#rule-${result.id}`);
}

const EMPTY: RuleFormValues = { kind: "", skill: "", points: "1", reason: "", when: {} };

export default function NewRule() {
  const { kinds, skills } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p><Link to="/admin/rules">← Mapping rules</Link></p>
      <h1>Add a mapping rule</h1>
      {result?.errors ? <p className="alert" role="alert">Nothing was saved: please correct the fields marked below.</p> : null}
      <section className="panel">
        <RuleForm values={result?.values ?? EMPTY} errors={(result?.errors ?? {}) as Record<string, string | undefined>} kinds={kinds} skills={skills} submitLabel="Add the rule" />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
