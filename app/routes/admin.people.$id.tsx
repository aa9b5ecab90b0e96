import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { commitIssuedLinkCookie, notFound, requireCapability, takeIssuedLink } from "~/auth/session.server";
import { now } from "~/clock.server";
import { FormError } from "~/components/field";
import { PersonForm } from "~/components/person-form";
import { SubmitButton } from "~/components/submit-button";
import { getDb } from "~/db.server";
import { getPerson, handlesOf, listManagers, listPositions, listTeams } from "~/models/people.server";
import { PERSON_ACCOUNT_INTENTS, personAccountSchema, personSchema } from "~/schemas/person";
import { issueSetPasswordLink, setPersonActive, updatePerson } from "~/services/people-admin.server";
import { rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Edit person · SupportPath" }];

function personId(raw: string | undefined): number {
  if (!/^\d{1,9}$/.test(raw ?? "")) throw notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "people:manage");
  const db = getDb();
  const id = personId(params.id);
  const person = await getPerson(db, id);
  if (!person) throw notFound();
  // a set-password link just issued comes in a cookie (never the URL: issue 12) and is shown once
  const issued = await takeIssuedLink(request);
  return json(
    {
      link: issued?.token ?? null,
      person,
      handles: await handlesOf(db, id),
      teams: await listTeams(db),
      positions: await listPositions(db),
      managers: (await listManagers(db)).filter((m) => m.id !== id),
    },
    { headers: issued ? { "Set-Cookie": issued.clear } : {} },
  );
}

/** The loader's Set-Cookie (clearing a shown link) reaches the browser on a document request too. */
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const clear = loaderHeaders.get("Set-Cookie");
  return clear ? { "Set-Cookie": clear } : new Headers();
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "people:manage");
  const db = getDb();
  const id = personId(params.id);
  const data = await readForm(request);
  const intent = data.get("intent");
  if (intent === "save") {
    const submission = parseWithZod(data, { schema: personSchema });
    if (submission.status !== "success") return rejectSubmission(submission);
    return respond(await updatePerson(db, user, id, submission.value, now()), submission, () =>
      redirect(`/admin/people/${id}?saved=1`),
    );
  }
  if (!PERSON_ACCOUNT_INTENTS.some((i) => i === intent)) return unknownIntent();
  const submission = parseWithZod(data, { schema: personAccountSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  switch (submission.value.intent) {
    case "deactivate":
      return respond(await setPersonActive(db, user, id, false, now()), submission, () =>
        redirect(`/admin/people/${id}?deactivated=1`),
      );
    case "reactivate":
      return respond(await setPersonActive(db, user, id, true, now()), submission, () => redirect(`/admin/people/${id}`));
    case "password-link":
      return respond(await issueSetPasswordLink(db, user, id, now()), submission, async ({ token }) =>
        redirect(`/admin/people/${id}`, { headers: { "Set-Cookie": await commitIssuedLinkCookie(request, token) } }),
      );
  }
}

export default function EditPerson() {
  const { link, person, handles, teams, positions, managers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const accountResult = PERSON_ACCOUNT_INTENTS.some((i) => i === lastResult?.initialValue?.intent);
  const defaultValue = {
    name: person.name,
    email: person.email,
    role: person.role,
    managerId: person.manager_id === null ? "" : String(person.manager_id),
    teamId: person.team_id === null ? "" : String(person.team_id),
    positionId: person.position_id === null ? "" : String(person.position_id),
    handles: handles.join("\n"),
  };
  return (
    <>
      <p>
        <Link to="/admin/people">← People</Link>
      </p>
      <h1>
        {person.name}
        {person.active ? null : (
          <>
            {" "}
            <span className="badge returned">{person.erased_at ? "Erased" : "Deactivated"}</span>
          </>
        )}
      </h1>
      {params.get("erased") ? (
        <p className="notice" role="status">
          Erased: what identified the person is gone; their anonymous history is kept.
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      {params.get("created") ? (
        <p className="notice" role="status">
          Person created.
        </p>
      ) : null}
      {params.get("deactivated") ? (
        <p className="notice" role="status">
          Deactivated: sign-in refused and sessions revoked. Their history is kept.
        </p>
      ) : null}
      {link ? (
        <div className="notice" role="status">
          One-time set-password link (valid 72 hours), to send to {person.email}:{" "}
          <code data-testid="set-password-link">/set-password/{link}</code>
        </div>
      ) : null}
      {person.erased_at ? (
        <p className="muted">This record is an anonymous placeholder: it can no longer be edited, reactivated or invited.</p>
      ) : (
        <div className="grid-2">
          <section className="panel">
            <h2>Details</h2>
            <PersonForm
              isNew={false}
              lastResult={accountResult ? null : lastResult}
              defaultValue={defaultValue}
              teams={teams}
              positions={positions}
              managers={managers}
            />
          </section>
          <section className="panel">
            <h2>Account</h2>
            <FormError error={accountResult ? lastResult?.error?.[""]?.[0] : undefined} />
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="password-link" />
              <SubmitButton className="secondary" pendingLabel="Creating…">
                Create a set-password link
              </SubmitButton>
            </Form>
            <p />
            {person.active ? (
              <Form
                method="post"
                onSubmit={(e) => {
                  if (!confirm(`Deactivate ${person.name}? They will be signed out.`)) e.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="deactivate" />
                <SubmitButton className="danger" pendingLabel="Deactivating…">
                  Deactivate
                </SubmitButton>
              </Form>
            ) : (
              <>
                <Form method="post">
                  <input type="hidden" name="intent" value="reactivate" />
                  <SubmitButton pendingLabel="Reactivating…">Reactivate</SubmitButton>
                </Form>
                <p>
                  Has this person left for good? <Link to={`/admin/people/${person.id}/erase`}>Erase their personal data…</Link>
                </p>
              </>
            )}
          </section>
        </div>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
