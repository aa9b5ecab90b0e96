import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission, requireUser } from "~/auth/session.server";
import { GoalForm } from "~/components/goal-form";
import { getDb } from "~/db.server";
import { rememberedTarget } from "~/services/preferences.server";
import { listSkills } from "~/models/catalog.server";
import { linkableEvidence } from "~/models/goals.server";
import { getPerson, listPositions } from "~/models/people.server";
import { now } from "~/clock.server";
import { goalSchema } from "~/schemas/goal";
import { createGoal } from "~/services/goals.server";
import styles from "~/styles/dashboard.css";
import { rejectSubmission, respond } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction = () => [{ title: "New goal · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** Whose goal: `?person=<id>` (a manager for a report), else the signed-in person. 404 for a malformed id. */
async function subject(request: Request) {
  const user = await requireUser(request);
  const raw = new URL(request.url).searchParams.get("person");
  if (raw !== null && !/^\d{1,9}$/.test(raw)) throw notFound();
  const personId = raw ? Number(raw) : user.id;
  // goal:write — one's own goals, a manager's for their subtree; anyone else gets 404.
  await requirePermission(request, "goal:write", personId);
  return { user, personId };
}

const backTo = (own: boolean, personId: number) => (own ? "/" : `/people/${personId}`);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, personId } = await subject(request);
  const db = getDb();
  const url = new URL(request.url);
  const [person, skills, positions, evidence, target] = await Promise.all([
    getPerson(db, personId),
    listSkills(db),
    listPositions(db),
    linkableEvidence(db, personId, user.id),
    // the person's remembered target (issue 16) when the link names no position
    rememberedTarget(db, personId),
  ]);
  if (!person) throw notFound();
  return json({
    own: personId === user.id,
    person: { id: person.id, name: person.name },
    skills: skills.map((s) => ({ key: s.key, name: s.name })),
    positions: positions.map((p) => ({ id: p.id, name: p.name, rank: p.rank, track: p.track })),
    evidence,
    initial: {
      skill: url.searchParams.get("skill") ?? "",
      positionId: url.searchParams.get("position") ?? (target === null ? "" : String(target)),
      status: "open",
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, personId } = await subject(request);
  const submission = parseWithZod(await readForm(request), { schema: goalSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  const result = await createGoal(getDb(), user, personId, submission.value, now());
  // The page it returns to names the new goal by its title (goal-list.tsx reads ?goal=&goalDone=).
  return respond(result, submission, ({ id }) =>
    redirect(`${backTo(personId === user.id, personId)}?goal=${id}&goalDone=created#goals`),
  );
}

export default function NewGoal() {
  const { own, person, skills, positions, evidence, initial } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={backTo(own, person.id)}>← {own ? "Your dashboard" : person.name}</Link>
      </p>
      <h1>{own ? "New development goal" : `New goal for ${person.name}`}</h1>
      <section className="panel">
        <GoalForm
          lastResult={lastResult}
          defaultValue={initial}
          skills={skills}
          positions={positions}
          evidence={evidence}
          submitLabel="Create goal"
        />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
