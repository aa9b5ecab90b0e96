import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CERTIFICATION_ACTIONS } from "~/auth/permissions";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { CertificationTable } from "~/components/certification-lists";
import { getDb } from "~/db.server";
import { certificationsPage } from "~/services/certification-pages.server";
import styles from "~/styles/dashboard.css";

export const meta: MetaFunction = () => [{ title: "Certifications · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, CERTIFICATION_ACTIONS.record);
  return json(await certificationsPage(getDb(), user, now()));
}

export default function Certifications() {
  const { mine, queue } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1>Certifications</h1>
      {params.get("reviewed") ? (
        <p className="notice" role="status">
          Review saved.
        </p>
      ) : null}
      <p className="muted">
        A certification your manager has verified counts as evidence for the skills it supports from the day it was issued until
        it expires.
      </p>
      <p>
        <Link to="/certifications/new" className="button">
          Record a certification
        </Link>
      </p>
      <section className="panel" aria-labelledby="mine-heading">
        <h2 id="mine-heading">Your certifications</h2>
        {mine.length ? (
          <CertificationTable rows={mine} caption="Your certifications, latest issued first" />
        ) : (
          <p className="muted">You have not recorded a certification yet.</p>
        )}
      </section>
      {queue.length ? (
        <section className="panel" aria-labelledby="queue-heading">
          <h2 id="queue-heading">Awaiting your verification</h2>
          <ul className="plain" data-testid="certification-queue">
            {queue.map((q) => (
              <li key={q.id}>
                <Link to={`/certifications/${q.id}`}>
                  {q.person_name}: {q.name}
                </Link>{" "}
                <span className="muted small">issued {q.issued_on}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
