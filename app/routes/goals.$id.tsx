import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/session.server";
import { FormError } from "~/components/field";
import { GoalForm } from "~/components/goal-form";
import { getDb } from "~/db.server";
import { listSkills } from "~/models/catalog.server";
import { getGoal, goalEvidenceIds, linkableEvidence } from "~/models/goals.server";
import { getLadderPosition } from "~/models/ladder.server";
import { getPerson, listPositions } from "~/models/people.server";
import { now } from "~/clock.server";
import { SubmitButton } from "~/components/submit-button";
import { goalDeleteSchema, goalSchema } from "~/schemas/goal";
import { pageVersionOf } from "~/schemas/version";
import { deleteGoal, goalPageVersion, updateGoal } from "~/services/goals.server";
import styles from "~/styles/dashboard.css";
import { rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Goal · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The goal and the signed-in user, if they may write it (owner, or a manager for their subtree); 404 otherwise. */
async function goalFor(request: Request, rawId: string | undefined) {
  if (!/^\d{1,9}$/.test(rawId ?? "")) throw notFound();
  const db = getDb();
  const goal = await getGoal(db, Number(rawId));
  if (!goal) throw notFound();
  const user = await requirePermission(request, "goal:write", goal.person_id);
  return { db, goal, user };
}

const backTo = (own: boolean, personId: number) => (own ? "/" : `/people/${personId}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, goal, user } = await goalFor(request, params.id);
  const linked = await goalEvidenceIds(db, goal.id, user.id);
  const [person, skills, positions, evidence, page] = await Promise.all([
    getPerson(db, goal.person_id),
    listSkills(db, { includeRetired: true }),
    listPositions(db),
    linkableEvidence(db, goal.person_id, user.id, linked),
    goalPageVersion(db, goal, user.id),
  ]);
  // A goal keeps a skill that has since been retired; other retired skills are not offered.
  const skillOptions = skills
    .filter((s) => !s.retired || s.key === goal.skill_key)
    .map((s) => ({ key: s.key, name: s.retired ? `${s.name} (retired)` : s.name }));
  const positionOptions: { id: number; name: string; rank?: number; track?: string }[] = positions.map((p) => ({
    id: p.id,
    name: p.name,
    rank: p.rank,
    track: p.track,
  }));
  // Likewise a position retired since: offered so that saving keeps it.
  if (goal.position_id !== null && !positionOptions.some((p) => p.id === goal.position_id)) {
    const retired = await getLadderPosition(db, goal.position_id);
    if (retired)
      positionOptions.push({ id: retired.id, name: `${retired.name} (retired)`, rank: retired.rank, track: retired.track });
  }
  return json({
    own: goal.person_id === user.id,
    person: { id: goal.person_id, name: person?.name ?? "" },
    goal: {
      id: goal.id,
      title: goal.title,
      skill: goal.skill_key ?? "",
      positionId: goal.position_id === null ? "" : String(goal.position_id),
      dueDate: goal.due_date ?? "",
      status: goal.status,
      evidence: linked.map(String),
    },
    skills: skillOptions,
    positions: positionOptions,
    evidence,
    page,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, goal, user } = await goalFor(request, params.id);
  const data = await readForm(request);
  const back = `${backTo(goal.person_id === user.id, goal.person_id)}#goals`;
  if (data.get("intent") === "delete") {
    const submission = parseWithZod(data, { schema: goalDeleteSchema });
    if (submission.status !== "success") return rejectSubmission(submission);
    return respond(await deleteGoal(db, user, goal.id, now()), submission, () => redirect(back));
  }
  if (data.get("intent") !== "save") return unknownIntent();
  const submission = parseWithZod(data, { schema: goalSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  // Back on the list, the message names the goal by its title (goal-list.tsx reads ?goal=&goalDone=).
  const saved = `${backTo(goal.person_id === user.id, goal.person_id)}?goal=${goal.id}&goalDone=saved#goals`;
  return respond(await updateGoal(db, user, goal.id, submission.value, now(), pageVersionOf(data)), submission, () =>
    redirect(saved),
  );
}

export default function EditGoal() {
  const { own, person, goal, skills, positions, evidence, page } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirming = params.get("delete") === "1";
  const deleting = lastResult?.initialValue?.intent === "delete";
  return (
    <>
      <p>
        <Link to={backTo(own, person.id)}>← {own ? "Your dashboard" : person.name}</Link>
      </p>
      <h1>{own ? "Edit goal" : `Edit ${person.name}'s goal`}</h1>
      {confirming ? (
        <section className="panel" aria-labelledby="confirm-heading">
          <h2 id="confirm-heading">Delete “{goal.title}”?</h2>
          <p>The goal and its links to evidence are removed; the evidence itself stays.</p>
          <FormError error={deleting ? (lastResult?.error?.[""]?.[0] ?? lastResult?.error?.confirm?.[0]) : undefined} />
          <Form method="post" action={`/goals/${goal.id}`} className="actions">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="confirm" value="yes" />
            <SubmitButton className="danger" pendingLabel="Deleting…">
              Delete goal
            </SubmitButton>
            <Link to={`/goals/${goal.id}`}>Cancel</Link>
          </Form>
        </section>
      ) : null}
      <section className="panel">
        <GoalForm
          lastResult={deleting ? null : lastResult}
          defaultValue={goal}
          skills={skills}
          positions={positions}
          evidence={evidence}
          page={page}
          submitLabel="Save goal"
        />
      </section>
      {confirming ? null : (
        <p>
          <Link to={`/goals/${goal.id}?delete=1`} className="button danger">
            Delete this goal…
          </Link>
        </p>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
