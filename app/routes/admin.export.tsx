// The organisation export page: what the file holds and leaves out, and the download (ADR 018).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { EXCLUDED_TABLES, OMITTED_COLUMNS, ORG_EXPORT_FORMAT, ORG_EXPORT_VERSION } from "~/domain/org-export-format";

export const meta: MetaFunction = () => [{ title: "Export the organisation · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "org:export");
  const omitted = Object.entries(OMITTED_COLUMNS).flatMap(([table, cols]) =>
    Object.entries(cols).map(([column, why]) => ({ name: `${table}.${column}`, why })),
  );
  const excluded = Object.entries(EXCLUDED_TABLES)
    .filter(([t]) => !t.startsWith("kysely_"))
    .map(([name, why]) => ({ name, why }));
  return json({ format: ORG_EXPORT_FORMAT, version: ORG_EXPORT_VERSION, omitted, excluded });
}

export default function AdminExport() {
  const { format, version, omitted, excluded } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Export the organisation</h1>
      <section className="panel" aria-labelledby="what">
        <h2 id="what">What the file holds</h2>
        <p>
          Every table of SupportPath: people, ITSM handles, evidence with its points, adjustments and endorsements, mapping rules,
          the career ladder, appraisal cycles and appraisals with their snapshots and ratings, the audit log, goals, settings,
          import batches and integration token names. It is one JSON file in the format <code>{format}</code>, version {version},
          which <code>npm run cli -- import-org</code> loads into an empty database on SQLite or PostgreSQL.
        </p>
        <p>
          <a className="button" href="/admin/export/download" download>
            Download the organisation export
          </a>
        </p>
        <p className="muted">The download is recorded in the audit log. The file holds everyone&apos;s data: keep it safe.</p>
      </section>
      <section className="panel" aria-labelledby="left-out">
        <h2 id="left-out">What it leaves out</h2>
        <ul>
          {omitted.map((o) => (
            <li key={o.name}>
              <code>{o.name}</code>: {o.why}
            </li>
          ))}
          {excluded.map((e) => (
            <li key={e.name}>
              <code>{e.name}</code>: {e.why}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
