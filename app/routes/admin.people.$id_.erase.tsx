// Erase a person who has left (issue 17, point 6; ADR 023): what will go and what stays, and a form that asks
// for the person's name typed out. A plain form post: it works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ERASE_ACTION } from "~/auth/permissions";
import { notFound, requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { Field, FormError } from "~/components/field";
import { Form } from "~/components/form";
import { SubmitButton } from "~/components/submit-button";
import { fieldProps, useSchemaForm } from "~/components/use-schema-form";
import { getDb } from "~/db.server";
import { erasureRefusal } from "~/domain/erasure";
import { getPerson } from "~/models/people.server";
import { erasureSchema } from "~/schemas/erasure";
import { erasePerson } from "~/services/erasure.server";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond } from "~/utils/respond.server";

export const meta: MetaFunction = () => [{ title: "Erase person · SupportPath" }];

function personId(raw: string | undefined): number {
  if (!/^\d{1,9}$/.test(raw ?? "")) throw notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, ERASE_ACTION);
  const person = await getPerson(getDb(), personId(params.id));
  if (!person) throw notFound();
  return json({
    person: { id: person.id, name: person.name },
    refusal: erasureRefusal({ active: person.active, erased_at: person.erased_at }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, ERASE_ACTION);
  const id = personId(params.id);
  const submission = parseWithZod(await readForm(request), { schema: erasureSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await erasePerson(getDb(), user, id, submission.value, now()), submission, () =>
    redirect(`/admin/people/${id}?erased=1`),
  );
}

export default function ErasePerson() {
  const { person, refusal } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(erasureSchema, { id: "erase", lastResult });
  return (
    <>
      <p>
        <Link to={`/admin/people/${person.id}`}>← {person.name}</Link>
      </p>
      <h1>Erase {person.name}</h1>
      <section className="panel stack" aria-labelledby="erase-what">
        <h2 id="erase-what">What erasure does</h2>
        <p>It cannot be undone. SupportPath will:</p>
        <ul>
          <li>replace their name and email with a placeholder (“Erased person #n”) and delete their ITSM handles;</li>
          <li>delete their password, sessions, set-password links and integration tokens, their drafts and their goals;</li>
          <li>
            blank the titles, notes, links and ticket numbers of their evidence, the comments of their appraisals, endorsements
            and feedback, and the credential numbers, links and attachments of their certifications;
          </li>
          <li>remove what the audit log recorded about them and any mention of their name, email or handles elsewhere.</li>
        </ul>
        <p>
          Their items’ points, their certifications’ dates and their appraisals’ levels stay, anonymous, so the team’s bus factor,
          skill history and load history stay true.
        </p>
      </section>
      {refusal ? (
        <p className="notice" role="status">
          {refusal}
        </p>
      ) : (
        <section className="panel" aria-labelledby="erase-confirm">
          <h2 id="erase-confirm">Confirm</h2>
          <FormError error={form.errors?.[0]} />
          <Form method="post" className="stack" {...getFormProps(form)}>
            <Field
              {...fieldProps(fields.confirmName)}
              label="Type the person’s name to confirm"
              hint={`Type “${person.name}”.`}
              autoComplete="off"
            />
            <div className="actions">
              <SubmitButton className="danger" pendingLabel="Erasing…">
                Erase this person
              </SubmitButton>
            </div>
          </Form>
        </section>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
