import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { RuleForm } from "~/components/evidence-rule-form";
import { getDb } from "~/db.server";
import { listKinds, listSkills } from "~/models/catalog.server";
import { ruleSchema } from "~/schemas/rule";
import { createRule } from "~/services/rules.server";
import evidenceStyles from "~/styles/evidence.css";
import { parseWithZod, rejectSubmission, respond } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";

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
  const submission = parseWithZod(await readForm(request), { schema: ruleSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await createRule(getDb(), user, submission.value, now()), submission, ({ id, items }) =>
    redirect(`/admin/rules?created=${id}&items=${items}#rule-${id}`),
  );
}

export default function NewRule() {
  const { kinds, skills } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/admin/rules">← Mapping rules</Link>
      </p>
      <h1>Add a mapping rule</h1>
      {lastResult?.status === "error" ? (
        <p className="alert" role="alert">
          Nothing was saved: please correct the fields marked below.
        </p>
      ) : null}
      <section className="panel">
        <RuleForm
          lastResult={lastResult}
          defaultValue={{ points: "1" }}
          kinds={kinds}
          skills={skills}
          submitLabel="Add the rule"
        />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
