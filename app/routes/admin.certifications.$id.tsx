import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CERTIFICATION_ACTIONS } from "~/auth/permissions";
import { notFound, requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { CatalogueForm } from "~/components/certification-forms";
import { getDb } from "~/db.server";
import { auditFor } from "~/models/audit.server";
import { listSkills } from "~/models/catalog.server";
import { catalogueEntry } from "~/models/certifications.server";
import { listPositions } from "~/models/people.server";
import { certificationSchema } from "~/schemas/certification";
import { pageVersionOf } from "~/schemas/version";
import { cataloguePageVersion, certificationSkillKeys, updateCertification } from "~/services/certifications.server";
import styles from "~/styles/dashboard.css";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.entry.name ?? "Certification"} · Certifications · SupportPath` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function entryId(raw: string | undefined): number {
  if (!/^\d{1,9}$/.test(raw ?? "")) throw notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, CERTIFICATION_ACTIONS.catalogue);
  const db = getDb();
  const id = entryId(params.id);
  const entry = await catalogueEntry(db, id);
  if (!entry) throw notFound();
  const [skills, positions, history, page] = await Promise.all([
    listSkills(db),
    listPositions(db),
    auditFor(db, "certification", id),
    cataloguePageVersion(db, entry),
  ]);
  return json({
    entry: {
      id: entry.id,
      name: entry.name,
      key: entry.key,
      issuer: entry.issuer,
      validityMonths: entry.validity_months,
      description: entry.description,
      retired: !!entry.retired,
      skills: entry.skills,
      positions: entry.positions.map((p) => p.id),
    },
    skills: skills.map((s) => ({ key: s.key, name: s.name })),
    positions: positions.map((p) => ({ id: p.id, name: p.name })),
    history: history.slice(-20).reverse(),
    page,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, CERTIFICATION_ACTIONS.catalogue);
  const db = getDb();
  const id = entryId(params.id);
  const data = await readForm(request);
  if (data.get("intent") !== "save") return unknownIntent();
  const submission = parseWithZod(data, { schema: certificationSchema(await certificationSkillKeys(db)) });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await updateCertification(db, user, id, submission.value, now(), pageVersionOf(data)), submission, () =>
    redirect(`/admin/certifications/${id}?saved=1`),
  );
}

const ACTIONS: Record<string, string> = {
  certification_create: "Created",
  certification_update: "Edited",
  certification_retire: "Retired",
};

export default function EditCertification() {
  const { entry, skills, positions, history, page } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const initial = {
    name: entry.name,
    key: entry.key,
    issuer: entry.issuer,
    validityMonths: entry.validityMonths === null ? "" : String(entry.validityMonths),
    description: entry.description ?? "",
    retired: entry.retired ? "on" : undefined,
    points: Object.fromEntries(skills.map((s) => [s.key, String(entry.skills[s.key] ?? 0)])),
    positions: entry.positions.map(String),
  };
  return (
    <>
      <p>
        <Link to="/admin/certifications">← Certifications</Link>
      </p>
      <h1>
        {entry.name}
        {entry.retired ? (
          <>
            {" "}
            <span className="badge returned">Retired</span>
          </>
        ) : null}
      </h1>
      {params.get("saved") ? (
        <p className="notice" role="status">
          Saved.
        </p>
      ) : null}
      <div className="grid-2">
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Certification</h2>
          <CatalogueForm
            key={page.version}
            lastResult={lastResult}
            defaultValue={initial}
            skills={skills}
            positions={positions}
            isNew={false}
            page={page}
          />
        </section>
        <section className="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">Changes</h2>
          {history.length === 0 ? (
            <p className="muted">No changes recorded.</p>
          ) : (
            <ul className="plain">
              {history.map((h) => (
                <li key={h.id}>
                  <time dateTime={h.at}>{h.at.slice(0, 16).replace("T", " ")}</time> — {ACTIONS[h.action] ?? h.action} by{" "}
                  {h.actor_name ?? "someone"}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
