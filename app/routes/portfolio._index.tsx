import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { now as clockNow } from "~/clock.server";
import { Field, SelectField } from "~/components/field";
import { PortfolioSkillsTable } from "~/components/portfolio-skills-table";
import { trackOptions } from "~/domain/ladder-tracks";
import { portfolioSearch } from "~/domain/portfolio-query";
import { portfolioForRequest, portfolioPeople } from "~/utils/portfolio-request.server";
import styles from "~/styles/portfolio.css";
import { Form } from "~/components/form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "Portfolio · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const now = clockNow();
  const ctx = await portfolioForRequest(request, now);
  const people = await portfolioPeople(ctx.db, ctx.user);
  if (!people.some((p) => p.id === ctx.personId))
    people.push({ id: ctx.personId, name: ctx.portfolio?.person.name ?? `Person ${ctx.personId}` });
  const p = ctx.portfolio;
  const query = { personId: ctx.personId, targetId: p?.target?.id ?? ctx.query.targetId, period: ctx.query.period };
  return json(
    {
      self: ctx.user.id,
      people,
      positions: ctx.positions.map((x) => ({ id: x.id, name: x.name, rank: x.rank, track: x.track })),
      query,
      errors: ctx.errors,
      search: p ? portfolioSearch(query, ctx.user.id) : null,
      summary: p
        ? {
            name: p.person.name,
            current: p.current?.name ?? null,
            target: p.target?.name ?? null,
            readiness: p.readiness,
            gapStatement: p.gapStatement,
            totals: p.totals,
            skills: p.skills.map((s) => ({
              key: s.key,
              name: s.name,
              level: s.level,
              levelName: s.levelName,
              required: s.required,
              requiredName: s.requiredName,
              met: s.met,
              score: s.score,
              itemCount: s.itemCount,
              verifiedCount: s.verifiedCount,
            })),
            highlights: {
              major: p.highlights.majorIncidents.total,
              drills: p.highlights.drDrills.total,
              afterHours: p.highlights.afterHours.total,
            },
          }
        : null,
    },
    { status: Object.keys(ctx.errors).length ? 422 : 200, headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function PortfolioOptions() {
  const { self, people, positions, query, errors, search, summary } = useLoaderData<typeof loader>();
  const forSomeoneElse = query.personId !== self;
  return (
    <>
      <h1>Portfolio export</h1>
      <p className="muted">
        A promotion case from your evidence: pick the position you are aiming for and the period to cover, then open the print
        view or download the PDF, a Markdown brag document or JSON Resume.
      </p>
      <section className="panel" aria-labelledby="pf-options">
        <h2 id="pf-options">What to include</h2>
        <Form method="get" className="pf-options">
          {people.length > 1 ? (
            <SelectField
              name="person"
              label="Whose portfolio"
              defaultValue={query.personId}
              options={people.map((p) => ({ value: p.id, label: p.id === self ? `${p.name} (you)` : p.name }))}
              error={errors.person}
            />
          ) : null}
          <SelectField
            name="target"
            label="Target position"
            defaultValue={query.targetId ?? ""}
            empty="Next position up the ladder"
            options={trackOptions(positions)}
            error={errors.target}
          />
          <Field name="from" label="From" type="date" defaultValue={query.period.from} required error={errors.from} />
          <Field name="to" label="To" type="date" defaultValue={query.period.to} required error={errors.to} />
          <div className="actions">
            <button type="submit">Update</button>
          </div>
        </Form>
        <p className="muted pf-note">
          The period is the last 24 months unless you choose otherwise; scores and levels are as of today.
        </p>
      </section>

      {summary && search ? (
        <>
          <section className="panel" aria-labelledby="pf-outputs">
            <h2 id="pf-outputs">Export {forSomeoneElse ? `${summary.name}'s` : "your"} portfolio</h2>
            <ul className="pf-outputs">
              <li>
                <Link className="button" to={`/portfolio/print?${search}`}>
                  Open the print view
                </Link>
                <span className="muted">A clean page to print or save as PDF from the browser.</span>
              </li>
              <li>
                <a className="button secondary" href={`/portfolio/pdf?${search}`} download>
                  Download PDF
                </a>
                <span className="muted">A4, with the radar chart and all evidence of the period.</span>
              </li>
              <li>
                <a className="button secondary" href={`/portfolio/md?${search}`} download>
                  Download Markdown
                </a>
                <span className="muted">A brag document to edit and paste anywhere.</span>
              </li>
              <li>
                <a className="button secondary" href={`/portfolio/json?${search}`} download>
                  Download JSON Resume
                </a>
                <span className="muted">
                  JSON Resume 1.0 with the SupportPath detail under <code>meta.supportpath</code>.
                </span>
              </li>
            </ul>
          </section>

          <section className="panel" aria-labelledby="pf-preview">
            <h2 id="pf-preview">Preview</h2>
            <dl className="facts">
              <dt>Person</dt>
              <dd>{summary.name}</dd>
              <dt>Current position</dt>
              <dd>{summary.current ?? "—"}</dd>
              <dt>Target position</dt>
              <dd>{summary.target ?? "—"}</dd>
              <dt>Readiness</dt>
              <dd>{summary.readiness ? `${summary.readiness.percent}%` : "—"}</dd>
              <dt>Evidence in the period</dt>
              <dd>
                {summary.totals.items} items, {summary.totals.verified} verified, {summary.totals.endorsements} endorsements
              </dd>
              <dt>Highlights</dt>
              <dd>
                {summary.highlights.major} major incidents, {summary.highlights.drills} DR drills, {summary.highlights.afterHours}{" "}
                after-hours items
              </dd>
            </dl>
            <p>{summary.gapStatement}</p>
            {/* on a phone the table scrolls sideways inside the panel; the region lets a keyboard scroll it */}
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Required skills and levels">
              <PortfolioSkillsTable skills={summary.skills} caption="Skills the target position requires" />
            </div>
          </section>
        </>
      ) : (
        <p className="alert" role="alert">
          Correct the choices above to see the portfolio.
        </p>
      )}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
