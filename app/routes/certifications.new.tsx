import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CERTIFICATION_ACTIONS } from "~/auth/permissions";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { HeldForm } from "~/components/certification-forms";
import { getDb } from "~/db.server";
import { heldSchema } from "~/schemas/certification";
import { attachmentPart } from "~/services/certification-attachments.server";
import { certificationChoices } from "~/services/certification-pages.server";
import { recordCertification } from "~/services/certifications.server";
import styles from "~/styles/dashboard.css";
import { LONG_FORM_LIMIT } from "~/utils/body-limits";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction = () => [{ title: "Record a certification · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, CERTIFICATION_ACTIONS.record);
  return json({ choices: await certificationChoices(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, CERTIFICATION_ACTIONS.record);
  // The attachment travels in the form: 512 KB of file within the long forms' limit (body-limits.ts).
  const data = await readForm(request, { limit: LONG_FORM_LIMIT });
  if (data.get("intent") !== "save") return unknownIntent();
  const file = attachmentPart(data);
  const submission = parseWithZod(data, { schema: heldSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await recordCertification(getDb(), user, user.id, submission.value, file, now()), submission, ({ id }) =>
    redirect(`/certifications/${id}?saved=1`),
  );
}

export default function NewCertification() {
  const { choices } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/certifications">← Certifications</Link>
      </p>
      <h1>Record a certification</h1>
      <section className="panel narrow" aria-labelledby="form-heading">
        <h2 id="form-heading">Certification</h2>
        {choices.length ? (
          <HeldForm lastResult={lastResult} defaultValue={{}} choices={choices} submitLabel="Send for verification" />
        ) : (
          <p className="muted">The catalogue has no certifications yet: ask an administrator to add them.</p>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
