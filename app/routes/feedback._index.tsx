import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { myFeedbackRequests } from "~/services/feedback/answer.server";
import styles from "~/styles/feedback.css";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Feedback requests${data?.requests.length ? ` (${data.requests.length})` : ""} · SupportPath` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ requests: await myFeedbackRequests(getDb(), user, now()) });
}

const DONE: Record<string, string> = {
  answered: "Thank you: your feedback was added to the others' without your name.",
  declined: "Declined: the request has left your list.",
};

export default function FeedbackRequests() {
  const { requests } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  return (
    <>
      <h1>Feedback requests</h1>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <p>
        {requests.length === 0
          ? "Nobody is waiting for your feedback."
          : `${requests.length} colleague${requests.length === 1 ? " is" : "s are"} waiting for your feedback.`}{" "}
        <span className="muted">
          Answers are shown to the person and their manager only as totals, once enough colleagues have answered.
        </span>
      </p>
      {requests.length ? (
        <ul className="feedback-list">
          {requests.map((r) => (
            <li key={r.id} className="panel">
              <Link to={`/feedback/${r.id}`}>
                <strong>{r.personName}</strong>: {r.cycleName}
              </Link>
              <div className="muted">
                {r.relationLabel} · asked on {r.askedOn} · open until {r.reviewDue}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
