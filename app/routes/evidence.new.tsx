import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { EvidenceForm } from "~/components/evidence-form";
import { getDb } from "~/db.server";
import { listKinds } from "~/models/catalog.server";
import { createEvidenceFromForm } from "~/services/evidence.server";
import evidenceStyles from "~/styles/evidence.css";
import { toLocalInput } from "~/utils/evidence-format";
import { formObject, invalid } from "~/validation/form.server";

export const meta: MetaFunction = () => [{ title: "Log evidence · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "evidence:write");
  const kinds = await listKinds(getDb());
  const kind = new URL(request.url).searchParams.get("kind") ?? "";
  return json({
    kinds,
    defaults: { kind: kinds.some((k) => k.key === kind) ? kind : "", resolvedAt: toLocalInput(clockNow().toISOString()) },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  // Everyone logs their own work: the owner is always the signed-in person.
  const user = await requireCapability(request, "evidence:write");
  const form = formObject(await request.formData());
  const result = await createEvidenceFromForm(getDb(), user, form, form.intent === "submit" ? "submit" : "draft");
  if (!result.ok) return invalid(result.errors, form, result.status ?? 422);
  return redirect(`/evidence/${result.id}?done=${form.intent === "submit" ? "submitted" : "created"}`);
}

export default function NewEvidence() {
  const { kinds, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = (result?.values && Object.keys(result.values).length ? result.values : defaults) as Record<string, string>;
  return (
    <>
      <p><Link to="/evidence">← Your evidence</Link></p>
      <h1>Log evidence</h1>
      {result?.errors && Object.keys(result.errors).length ? (
        <p className="alert" role="alert">Nothing was saved: please correct the fields marked below.</p>
      ) : null}
      <section className="panel">
        <EvidenceForm isNew values={values} errors={(result?.errors ?? {}) as Record<string, string | undefined>} kinds={kinds} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
