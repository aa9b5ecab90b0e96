import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { assertPermission, requireUser } from "~/auth/session.server";
import { Pagination, SkillChips, StatusBadge } from "~/components/evidence-badges";
import { getDb } from "~/db.server";
import { STATUS_LABELS } from "~/domain/evidence-status";
import type { EvidenceStatus } from "~/domain/types";
import { listKinds, listSkills } from "~/models/catalog.server";
import { listEvidence } from "~/models/evidence.server";
import { getPerson } from "~/models/people.server";
import { readablePeople } from "~/services/evidence.server";
import evidenceStyles from "~/styles/evidence.css";
import { formatDate } from "~/utils/evidence-format";
import { filterQuery, parseListFilters } from "~/utils/evidence-filters";
import { rememberFilters } from "~/services/preferences.server";
import { REMEMBER_FIELD } from "~/utils/remember-field";
import { now as clockNow } from "~/clock.server";
import { Form } from "~/components/form";
import { parseId } from "~/domain/input-rules";

export const meta: MetaFunction = () => [{ title: "Evidence · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const url = new URL(request.url);
  const personParam = url.searchParams.get("person");
  const personId = personParam ? (parseId(personParam) ?? NaN) : user.id;
  const own = personId === user.id;
  if (!own) await assertPermission(db, user, "evidence:read", personId);
  const [kinds, skills, people, person] = await Promise.all([
    listKinds(db),
    listSkills(db, { includeRetired: true }),
    readablePeople(db, user),
    own ? null : getPerson(db, personId),
  ]);
  const known = { kinds: kinds.map((k) => k.key), skills: skills.map((s) => s.key) };
  // Remembered per person (issue 16): a bare /evidence applies the filters last submitted.
  const chosen = await rememberFilters(
    db,
    user,
    "evidence",
    url.searchParams,
    { own, normalise: (p) => filterQuery(parseListFilters(p, known)) },
    clockNow(),
  );
  const filters = parseListFilters(chosen.params, known);
  const listQuery = filterQuery(filters);
  if (!own) listQuery.set("person", String(personId));
  const result = await listEvidence(db, {
    personIds: [personId],
    kind: filters.kind || null,
    skill: filters.skill || null,
    status: (filters.status || null) as EvidenceStatus | null,
    from: filters.from || null,
    to: filters.to || null,
    q: filters.q || null,
    page: filters.page,
    viewerId: user.id,
  });
  return json({
    own,
    personId,
    personName: person?.name ?? user.name,
    people,
    kinds,
    skills: skills.filter((s) => !s.retired).map((s) => ({ key: s.key, name: s.name })),
    skillNames: Object.fromEntries(skills.map((s) => [s.key, s.name])),
    filters,
    filtersRemembered: chosen.remembered,
    listQuery: listQuery.toString(),
    ...result,
  });
}

export default function EvidenceList() {
  const data = useLoaderData<typeof loader>();
  const { own, filters, rows, kinds, skills, skillNames, people } = data;
  const [params] = useSearchParams();
  const statuses = own ? evidenceStatusOptions : evidenceStatusOptions.filter((s) => s !== "draft");
  const filtered = !!(filters.kind || filters.skill || filters.status || filters.from || filters.to || filters.q);
  // From the filters in force, so paging through remembered filters keeps them.
  const pageParams = new URLSearchParams(data.listQuery);
  return (
    <>
      <div className="actions page-head">
        <h1>{own ? "Your evidence" : `Evidence: ${data.personName}`}</h1>
        {own ? (
          <Link className="button" to="/evidence/new">
            Log evidence
          </Link>
        ) : null}
      </div>
      {params.get("deleted") ? (
        <p className="notice" role="status">
          The item was deleted.
        </p>
      ) : null}
      {!own ? <p className="muted">Read-only view of {data.personName}’s evidence (drafts are private to their owner).</p> : null}
      {data.filtersRemembered ? (
        <p className="notice remembered-note" role="status" data-testid="filters-remembered">
          Filters remembered from your last visit — <Link to="/evidence?clear=filters">clear</Link>
        </p>
      ) : null}
      {/* keyed by the filters in force, so "clear" (a client-side visit) resets the uncontrolled fields */}
      <Form key={data.listQuery} method="get" className="filters" role="search" aria-label="Filter evidence">
        <input type="hidden" name={REMEMBER_FIELD} value="1" />
        {people.length > 1 ? (
          <div className="field">
            <label htmlFor="flt-person">Person</label>
            <select id="flt-person" name="person" defaultValue={String(data.personId)}>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="flt-kind">Kind</label>
          <select id="flt-kind" name="kind" defaultValue={filters.kind}>
            <option value="">Any kind</option>
            {kinds.map((k) => (
              <option key={k.key} value={k.key}>
                {k.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="flt-skill">Skill</label>
          <select id="flt-skill" name="skill" defaultValue={filters.skill}>
            <option value="">Any skill</option>
            {skills.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="flt-status">Status</label>
          <select id="flt-status" name="status" defaultValue={filters.status}>
            <option value="">Any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="flt-from">Finished from</label>
          <input id="flt-from" type="date" name="from" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="flt-to">to</label>
          <input id="flt-to" type="date" name="to" defaultValue={filters.to} />
        </div>
        <div className="field">
          <label htmlFor="flt-q">Text</label>
          <input id="flt-q" type="search" name="q" defaultValue={filters.q} placeholder="Title or reference" />
        </div>
        <button type="submit" className="secondary">
          Filter
        </button>
        {filtered ? <Link to={own ? "/evidence?clear=filters" : `/evidence?person=${data.personId}`}>Clear filters</Link> : null}
      </Form>
      {rows.length ? (
        <table className="evidence-table">
          <caption className="sr-only">Evidence items, newest first ({data.total})</caption>
          <thead>
            <tr>
              <th scope="col">Finished</th>
              <th scope="col">Item</th>
              <th scope="col">Kind</th>
              <th scope="col">Skills</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{formatDate(r.resolved_at)}</td>
                <td>
                  <Link to={`/evidence/${r.id}`}>{r.title}</Link>
                  <div className="muted small">
                    {[
                      r.external_ref,
                      r.priority,
                      r.after_hours ? "after hours" : null,
                      r.source !== "manual" ? `via ${r.source}` : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </div>
                </td>
                <td>{r.kind_name ?? r.kind}</td>
                <td>
                  <SkillChips skills={r.skills} names={skillNames} />
                </td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="panel muted">
          {filtered
            ? "No evidence matches these filters."
            : own
              ? "Nothing logged yet: log your first piece of work."
              : "No evidence yet."}
        </p>
      )}
      {data.total > 0 ? (
        <Pagination page={data.page} pages={data.pages} total={data.total} params={pageParams.toString()} noun="items" />
      ) : null}
    </>
  );
}

const evidenceStatusOptions = Object.keys(STATUS_LABELS) as EvidenceStatus[];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
