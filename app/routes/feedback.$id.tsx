import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/session.server";
import { now } from "~/clock.server";
import { DeclineForm, FeedbackAnswerForm } from "~/components/feedback-answer-form";
import { getDb } from "~/db.server";
import { listSkills } from "~/models/catalog.server";
import { parseFeedbackAnswer } from "~/schemas/feedback";
import { answerFeedback, feedbackRequestPage } from "~/services/feedback/answer.server";
import appraisalStyles from "~/styles/appraisals.css";
import styles from "~/styles/feedback.css";
import { LONG_FORM_LIMIT } from "~/utils/body-limits";
import { readForm } from "~/utils/form-data.server";
import { rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Feedback for ${data.request.personName}` : "Feedback"} · SupportPath` },
];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appraisalStyles },
  { rel: "stylesheet", href: styles },
];

function idOf(raw: string | undefined): number {
  const id = /^\d{1,9}$/.test(raw ?? "") ? Number(raw) : NaN;
  if (!(id > 0)) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Not there, or asked of someone else: the same 404.
  const data = await feedbackRequestPage(getDb(), user, idOf(params.id), now());
  if (!data) throw notFound();
  return json(data);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const requestId = idOf(params.id);
  const data = await readForm(request, { limit: LONG_FORM_LIMIT });
  // Someone else's request does not exist for them, whatever they post: the same 404 before any parsing.
  if (!(await feedbackRequestPage(db, user, requestId, now()))) throw notFound();
  const skills = (await listSkills(db)).map((s) => s.key);
  const parsed = parseFeedbackAnswer(data, skills);
  if (!parsed) return unknownIntent();
  const { submission, command } = parsed;
  if (!command) return rejectSubmission(submission);
  const result = await answerFeedback(db, user, { requestId, ...command }, now());
  return respond(result, submission, ({ status }) => redirect(`/feedback?done=${status}`));
}

export default function FeedbackRequestPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const r = d.request;
  return (
    <>
      <p>
        <Link to="/feedback">← Feedback requests</Link>
      </p>
      <h1>
        Feedback for {r.personName}: {r.cycleName}
      </h1>
      <p className="muted">
        {r.relationLabel} · asked on {r.askedOn} · open until {r.reviewDue}
      </p>
      {d.refusal ? (
        <p className="alert" role="alert">
          {d.refusal}
        </p>
      ) : (
        <>
          <section className="panel">
            <FeedbackAnswerForm skills={d.skills} levels={d.levels} lastResult={lastResult} />
          </section>
          <section className="panel">
            <DeclineForm lastResult={lastResult} />
          </section>
        </>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
