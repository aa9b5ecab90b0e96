import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { EvidenceForm } from "~/components/evidence-form";
import { getDb } from "~/db.server";
import { listKinds } from "~/models/catalog.server";
import { evidenceSchema } from "~/schemas/evidence";
import { createEvidenceItem, evidenceKinds } from "~/services/evidence.server";
import evidenceStyles from "~/styles/evidence.css";
import { toLocalInput } from "~/utils/evidence-format";
import { parseWithZod, rejectSubmission, respond } from "~/utils/respond.server";
import { LONG_FORM_LIMIT } from "~/utils/body-limits";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Log evidence · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "evidence:write");
  const kinds = await listKinds(getDb());
  const kind = new URL(request.url).searchParams.get("kind") ?? "";
  return json({
    kinds,
    defaults: { kind: kinds.some((k) => k.key === kind) ? kind : "", resolvedAt: toLocalInput(now().toISOString()) },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  // Everyone logs their own work: the owner is always the signed-in person.
  const user = await requireCapability(request, "evidence:write");
  const db = getDb();
  const at = now();
  const submission = parseWithZod(await readForm(request, { limit: LONG_FORM_LIMIT }), {
    schema: evidenceSchema({ kinds: await evidenceKinds(db), now: at }),
  });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await createEvidenceItem(db, user, submission.value, at), submission, ({ id, status }) =>
    redirect(`/evidence/${id}?done=${status === "submitted" ? "submitted" : "created"}`),
  );
}

export default function NewEvidence() {
  const { kinds, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/evidence">← Your evidence</Link>
      </p>
      <h1>Log evidence</h1>
      {lastResult?.status === "error" ? (
        <p className="alert" role="alert">
          Nothing was saved: please correct the fields marked below.
        </p>
      ) : null}
      <section className="panel">
        <EvidenceForm isNew lastResult={lastResult} defaultValue={defaults} kinds={kinds} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
