// Not nested in evidence.$id (the trailing underscore): the edit page replaces the item page rather than rendering inside it.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { now } from "~/clock.server";
import { EvidenceForm, formValuesOf } from "~/components/evidence-form";
import { StatusBadge } from "~/components/evidence-badges";
import { getDb } from "~/db.server";
import { listKinds } from "~/models/catalog.server";
import { evidenceSchema } from "~/schemas/evidence";
import { pageVersionOf } from "~/schemas/version";
import { evidenceKinds, evidencePageVersion, itemFor, updateEvidenceItem } from "~/services/evidence.server";
import evidenceStyles from "~/styles/evidence.css";
import { parseWithZod, rejectSubmission, respond } from "~/utils/respond.server";
import { LONG_FORM_LIMIT } from "~/utils/body-limits";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "Edit evidence · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  // Only the owner edits: anyone else gets the same 404 as for an item that does not exist.
  const item = await itemFor(db, user, Number(params.id), "evidence:write");
  const kinds = await listKinds(db);
  // An item may keep a kind an admin has retired since.
  if (!kinds.some((k) => k.key === item.kind)) kinds.push({ key: item.kind, name: item.kind });
  return json({ item, kinds, page: await evidencePageVersion(db, item) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const item = await itemFor(db, user, Number(params.id), "evidence:write");
  const at = now();
  const form = await readForm(request, { limit: LONG_FORM_LIMIT });
  const submission = parseWithZod(form, {
    schema: evidenceSchema({ kinds: await evidenceKinds(db, item.kind), now: at }),
  });
  if (submission.status !== "success") return rejectSubmission(submission);
  const result = await updateEvidenceItem(db, user, item.id, submission.value, at, pageVersionOf(form));
  return respond(result, submission, ({ submitted }) =>
    redirect(`/evidence/${item.id}?done=${submitted ? "submitted" : "saved"}`),
  );
}

export default function EditEvidence() {
  const { item, kinds, page } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/evidence/${item.id}`}>← Back to the item</Link>
      </p>
      <h1>
        Edit evidence <StatusBadge status={item.status} />
      </h1>
      {lastResult?.status === "error" && !lastResult.error?.[""]?.length ? (
        <p className="alert" role="alert">
          Nothing was saved: please correct the fields marked below.
        </p>
      ) : null}
      <section className="panel">
        <EvidenceForm
          isNew={false}
          status={item.status}
          lastResult={lastResult}
          defaultValue={formValuesOf(item)}
          kinds={kinds}
          page={page}
        />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
