// On-call health (issue 13 point 4): a person's own last twelve months — what interrupted them outside their
// working hours, how much sleep and rest it cost, and their toil — each flag with its reason. A manager or an
// admin opens a person's page from the team's (?person=), checked by the permission module.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCapability, requirePermission } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { HealthChart } from "~/components/health-chart";
import { ToilTable, WorkingTimeSentence } from "~/components/health-parts";
import { getDb } from "~/db.server";
import { getPerson } from "~/models/people.server";
import { ownHealth } from "~/services/on-call-health.server";
import styles from "~/styles/appraisals.css";

export const meta: MetaFunction = () => [{ title: "On-call health · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const ID = /^\d{1,9}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("person");
  const db = getDb();
  let user = await requireCapability(request, "health:read");
  let personId = user.id;
  if (raw !== null && raw !== String(user.id)) {
    if (!ID.test(raw)) throw new Response("Not found", { status: 404 });
    personId = Number(raw);
    user = await requirePermission(request, "health:read", personId);
  }
  const person = personId === user.id ? null : await getPerson(db, personId);
  const data = await ownHealth(db, personId, clockNow());
  return json({ ...data, own: personId === user.id, name: person?.name ?? user.name });
}

export default function Health() {
  const d = useLoaderData<typeof loader>();
  const flagged = d.health.months.filter((m) => m.flags.length > 0).reverse();
  const you = d.own ? "you" : d.name;
  return (
    <>
      <h1>{d.own ? "Your on-call health" : `On-call health: ${d.name}`}</h1>
      <WorkingTimeSentence workingTime={d.workingTime} own={d.own} />
      <section className="panel" aria-labelledby="flags-title">
        <h2 id="flags-title">What is flagged and why</h2>
        {flagged.length === 0 ? (
          <p>{`Nothing in the last ${d.health.months.length} months is over the organisation's thresholds.`}</p>
        ) : (
          <>
            {d.health.twoMonthsRunning ? (
              <p className="flag">{`Over a threshold two months in a row: ${d.own ? "talk to your manager about the rota." : "a conversation about the rota is due."}`}</p>
            ) : null}
            <ul>
              {flagged.map((m) => (
                <li key={m.month}>
                  <strong>{m.month}</strong>: {m.flags.map((f) => f.reason).join(" ")}
                </li>
              ))}
            </ul>
          </>
        )}
        <p>
          {`Trend: ${d.health.trend === "steady" ? "steady" : d.health.trend === "rising" ? "rising" : "falling"} — the last three months against the three before.`}
        </p>
      </section>
      <section className="panel" aria-labelledby="months-title">
        <h2 id="months-title">Month by month</h2>
        <HealthChart
          id="health-chart"
          months={d.health.months}
          caption={`Interruptions and hours out of hours per month, last ${d.health.months.length} months`}
          empty={{
            sentence: `Nothing interrupted ${you} outside working hours in the last ${d.health.months.length} months.`,
            action: d.own ? { href: "/evidence/new", label: "Log an incident or an on-call shift" } : null,
          }}
        />
      </section>
      <section className="panel" aria-labelledby="toil-title">
        <h2 id="toil-title">Toil</h2>
        <ToilTable toil={d.health.toil} caption="Reactive against improvement work per quarter" />
      </section>
      <section className="panel" aria-labelledby="how-title">
        <h2 id="how-title">How these are worked out</h2>
        <ul>
          <li>
            An <strong>interruption</strong> is a work event outside working hours — an incident opened or assigned, a state
            change, a resolution, a page — counted once; between 22:00 and 07:00 it is a sleep-hour interruption.
          </li>
          <li>
            <strong>Hours worked out of hours</strong> are only ever credited around those events (from the first to the last in
            an evening or night, with half an hour next to a lone one), never more than the item took, never a night in which
            nothing happened. An on-call shift is cover: it counts the hours said to be worked, not its length.
          </li>
          <li>
            <strong>Weighted hours</strong> count a sleep-hour minute 1.5 times and a minute on a day off twice.{" "}
            <strong>Rest</strong> is the time from a night interruption to the next working day.
          </li>
          <li>
            <strong>Toil</strong> is the share of reactive items (incidents, on-call shifts, escalations) among reactive and
            improvement items (problems, refactoring, tuning, DR drills, design); Google's SRE practice caps operational work at
            50 %.
          </li>
        </ul>
        {d.own ? null : (
          <p>
            <Link to="/team/health">Back to the team's on-call health</Link>
          </p>
        )}
      </section>
    </>
  );
}
