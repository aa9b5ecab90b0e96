// Not nested in evidence.$id (the trailing underscore): a page of its own, not an outlet of the item page.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { now } from "~/clock.server";
import { StatusBadge } from "~/components/evidence-badges";
import { FormError } from "~/components/field";
import { SubmitButton } from "~/components/submit-button";
import { getDb } from "~/db.server";
import { evidenceDeleteSchema } from "~/schemas/evidence-actions.server";
import { deleteEvidenceItem, itemFor } from "~/services/evidence.server";
import { formatDateTime } from "~/utils/evidence-format";
import { parseWithZod, rejectSubmission, respond } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Delete evidence · SupportPath" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const item = await itemFor(getDb(), user, Number(params.id), "evidence:write");
  return json({ item: { id: item.id, title: item.title, status: item.status, resolved_at: item.resolved_at } });
}

/** Deleting needs the explicit confirmation this page's button sends; the item's audit trail keeps a copy. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const item = await itemFor(db, user, Number(params.id), "evidence:write");
  const submission = parseWithZod(await readForm(request), { schema: evidenceDeleteSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await deleteEvidenceItem(db, user, item.id, now()), submission, () => redirect("/evidence?deleted=1"));
}

export default function DeleteEvidence() {
  const { item } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/evidence/${item.id}`}>← Back to the item</Link>
      </p>
      <h1>Delete this item?</h1>
      <FormError error={lastResult?.error?.[""]?.[0] ?? lastResult?.error?.confirm?.[0]} />
      <section className="panel">
        <p>
          <strong>{item.title}</strong> <StatusBadge status={item.status} />
        </p>
        <p className="muted">Finished {formatDateTime(item.resolved_at)}.</p>
        <p>
          Its skill points, adjustments and endorsements go with it, and it disappears from your matrix and portfolio.
          {item.status === "verified" ? " It has been verified by your manager." : ""} This cannot be undone.
        </p>
        <Form method="post" className="actions">
          <input type="hidden" name="confirm" value="yes" />
          <SubmitButton className="danger" pendingLabel="Deleting…">
            Delete the item
          </SubmitButton>
          <Link to={`/evidence/${item.id}`}>Cancel</Link>
        </Form>
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
