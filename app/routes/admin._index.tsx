import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Admin · SupportPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "people:manage");
  return null;
}

const AREAS = [
  { to: "/admin/people", label: "People", text: "Accounts, roles, reporting lines, teams, positions and ITSM handles." },
  {
    to: "/admin/rules",
    label: "Mapping rules",
    text: "How each kind of work turns into skill points, with the reasons people see.",
  },
  { to: "/admin/teams", label: "Teams", text: "Add, rename and retire teams; a retired team keeps its history." },
  { to: "/admin/skills", label: "Skills catalogue", text: "Add, rename, describe, order and retire skills; SFIA codes." },
  { to: "/admin/ladder", label: "Career ladder", text: "Positions and the level each requires per skill." },
  {
    to: "/admin/certifications",
    label: "Certifications",
    text: "The certifications people record: validity, the skills they support, the positions that require them.",
  },
  { to: "/admin/cycles", label: "Appraisal cycles", text: "Create cycles with their periods and due dates." },
  { to: "/admin/settings", label: "Settings", text: "Scoring half-life and weights, business hours, wellbeing thresholds." },
  { to: "/admin/tokens", label: "Integration tokens", text: "Bearer tokens for the ingest API." },
  // issue 17, part 4
  {
    to: "/admin/ladder/import",
    label: "Ladder templates",
    text: "Export the ladder as JSON, or import a template (e.g. an individual-contributor track) with a preview.",
  },
  { to: "/admin/export", label: "Export", text: "Download all of the organisation's data as one portable file." },
];

export default function AdminIndex() {
  return (
    <>
      <h1>Administration</h1>
      <ul className="grid-2" style={{ listStyle: "none", padding: 0 }}>
        {AREAS.map((a) => (
          <li key={a.to} className="panel">
            <h2 style={{ marginTop: 0 }}>
              <Link to={a.to}>{a.label}</Link>
            </h2>
            <p className="muted">{a.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
