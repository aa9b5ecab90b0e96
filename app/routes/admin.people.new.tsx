import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { commitIssuedLinkCookie, requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { PersonForm } from "~/components/person-form";
import { getDb } from "~/db.server";
import { listManagers, listPositions, listTeams } from "~/models/people.server";
import { PASSWORD_FIELDS } from "~/schemas/password";
import { newPersonSchema } from "~/schemas/person";
import { createPerson } from "~/services/people-admin.server";
import { rejectSubmission, respond } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "New person · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "people:manage");
  const db = getDb();
  return json({ teams: await listTeams(db), positions: await listPositions(db), managers: await listManagers(db) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "people:manage");
  const submission = parseWithZod(await readForm(request), { schema: newPersonSchema });
  const hidden = { hideFields: PASSWORD_FIELDS };
  if (submission.status !== "success") return rejectSubmission(submission, hidden);
  const result = await createPerson(getDb(), user, submission.value, now());
  return respond(
    result,
    submission,
    async ({ id, setPasswordToken }) =>
      setPasswordToken
        ? redirect(`/admin/people/${id}`, { headers: { "Set-Cookie": await commitIssuedLinkCookie(request, setPasswordToken) } })
        : redirect(`/admin/people/${id}?created=1`),
    hidden,
  );
}

export default function NewPerson() {
  const { teams, positions, managers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <h1>New person</h1>
      <section className="panel">
        <PersonForm isNew lastResult={lastResult} defaultValue={{}} teams={teams} positions={positions} managers={managers} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
