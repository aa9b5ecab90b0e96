import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CERTIFICATION_ACTIONS } from "~/auth/permissions";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { CatalogueForm } from "~/components/certification-forms";
import { getDb } from "~/db.server";
import { listSkills } from "~/models/catalog.server";
import { listCatalogue } from "~/models/certifications.server";
import { listPositions } from "~/models/people.server";
import { certificationSchema } from "~/schemas/certification";
import { certificationSkillKeys, createCertification } from "~/services/certifications.server";
import styles from "~/styles/dashboard.css";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction = () => [{ title: "Certifications · Admin · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, CERTIFICATION_ACTIONS.catalogue);
  const db = getDb();
  const [catalogue, skills, positions] = await Promise.all([
    listCatalogue(db, { includeRetired: true }),
    listSkills(db, { includeRetired: true }),
    listPositions(db),
  ]);
  const names = Object.fromEntries(skills.map((s) => [s.key, s.name]));
  return json({
    catalogue: catalogue.map((c) => ({
      id: c.id,
      name: c.name,
      issuer: c.issuer,
      validityMonths: c.validity_months,
      retired: !!c.retired,
      supports: Object.entries(c.skills).map(([k, p]) => `${names[k] ?? k} +${p}`),
      positions: c.positions.map((p) => p.name),
    })),
    skills: skills.filter((s) => !s.retired).map((s) => ({ key: s.key, name: s.name })),
    positions: positions.map((p) => ({ id: p.id, name: p.name })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, CERTIFICATION_ACTIONS.catalogue);
  const db = getDb();
  const data = await readForm(request);
  if (data.get("intent") !== "create") return unknownIntent();
  const submission = parseWithZod(data, { schema: certificationSchema(await certificationSkillKeys(db)) });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await createCertification(db, user, submission.value, now()), submission, ({ id }) =>
    redirect(`/admin/certifications?created=${id}`),
  );
}

export default function AdminCertifications() {
  const { catalogue, skills, positions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const created = params.get("created");
  return (
    <>
      <p>
        <Link to="/admin">← Administration</Link>
      </p>
      <h1>Certifications</h1>
      {created ? (
        <p className="notice" role="status">
          Certification added. People can now record it from their Certifications page.
        </p>
      ) : null}
      <div className="grid-2">
        <section className="panel" aria-labelledby="catalogue-heading">
          <h2 id="catalogue-heading">Catalogue</h2>
          {catalogue.length ? (
            <div className="table-scroll">
              <table className="compact" data-testid="catalogue">
                <caption className="sr-only">Certifications, live first, by name</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Valid for</th>
                    <th scope="col">Counts for</th>
                    <th scope="col">Required by</th>
                  </tr>
                </thead>
                <tbody>
                  {catalogue.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/admin/certifications/${c.id}`}>{c.name}</Link>
                        <br />
                        <span className="muted small">{c.issuer}</span>
                        {c.retired ? (
                          <>
                            {" "}
                            <span className="badge returned">Retired</span>
                          </>
                        ) : null}
                      </td>
                      <td>{c.validityMonths ? `${c.validityMonths} months` : "Does not expire"}</td>
                      <td>{c.supports.join(", ") || "—"}</td>
                      <td>{c.positions.join(", ") || "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">No certifications yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="new-heading">
          <h2 id="new-heading">New certification</h2>
          <CatalogueForm
            key={created ?? "new"}
            lastResult={lastResult}
            defaultValue={{}}
            skills={skills}
            positions={positions}
            isNew
          />
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
