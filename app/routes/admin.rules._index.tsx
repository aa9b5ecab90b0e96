import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireCapability } from "~/auth/session.server";
import { describeWhen } from "~/components/rule-summary";
import { getDb } from "~/db.server";
import { formatPoints } from "~/domain/mapping";
import { listKinds, listRules, listSkills } from "~/models/catalog.server";
import { skillLabel } from "~/domain/skill-catalogue";
import { ruleUsage } from "~/models/rules.server";
import { now } from "~/clock.server";
import { SubmitButton } from "~/components/submit-button";
import { ruleToggleSchema } from "~/schemas/rule-toggle.server";
import { setRuleActive } from "~/services/rules.server";
import evidenceStyles from "~/styles/evidence.css";
import { parseWithZod, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Mapping rules · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "catalog:manage");
  const db = getDb();
  const [rules, skills, kinds, usage] = await Promise.all([
    listRules(db),
    listSkills(db, { includeRetired: true }),
    listKinds(db),
    ruleUsage(db),
  ]);
  return json({
    rules: rules.map((r) => ({ ...r, used: usage.get(r.id) ?? 0 })),
    skillNames: Object.fromEntries(skills.map((s) => [s.key, skillLabel(s)])),
    kindNames: Object.fromEntries(kinds.map((k) => [k.key, k.name])),
  });
}

/** Activate or deactivate from the list; every item's points are re-derived in the same transaction. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const data = await readForm(request);
  const intent = data.get("intent");
  if (intent !== "activate" && intent !== "deactivate") return unknownIntent();
  const submission = parseWithZod(data, { schema: ruleToggleSchema });
  // A malformed id names no rule: the same 404 as an id that does not exist.
  if (submission.status !== "success" || submission.value.id === undefined) throw notFound();
  const { id } = submission.value;
  const active = submission.value.intent === "activate";
  return respond(await setRuleActive(getDb(), user, id, active, now()), submission, ({ items }) =>
    redirect(`/admin/rules?${active ? "activated" : "deactivated"}=${id}&items=${items}#rule-${id}`),
  );
}

export default function RulesAdmin() {
  const { rules, skillNames, kindNames } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const changed = params.get("activated") ?? params.get("deactivated") ?? params.get("created") ?? params.get("saved");
  const items = params.get("items");
  const what = params.get("activated")
    ? "activated"
    : params.get("deactivated")
      ? "deactivated"
      : params.get("created")
        ? "added"
        : "saved";
  return (
    <>
      <p>
        <Link to="/admin">← Administration</Link>
      </p>
      <div className="actions page-head">
        <h1>Mapping rules</h1>
        <Link className="button" to="/admin/rules/new">
          Add a rule
        </Link>
      </div>
      <p className="muted">
        Each rule turns matching work into points for one skill, with the reason people see next to the points. Every change
        re-derives the points of all items at once and is kept in the audit log.
      </p>
      {changed ? (
        <p className="notice" role="status">
          Rule {changed} {what}.
          {items && Number(items) > 0 ? ` Points re-derived for all ${Number(items).toLocaleString("en")} items.` : ""}
        </p>
      ) : null}
      <table className="rules-table">
        <caption className="sr-only">Mapping rules ({rules.length})</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Kind</th>
            <th scope="col">When</th>
            <th scope="col">Skill</th>
            <th scope="col" className="num">
              Points
            </th>
            <th scope="col">Reason</th>
            <th scope="col" className="num">
              Contributions
            </th>
            <th scope="col">Active</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} id={`rule-${r.id}`} className={r.active ? undefined : "inactive"}>
              <td>{r.id}</td>
              <td>{r.kind === "*" ? "Any kind" : (kindNames[r.kind] ?? r.kind)}</td>
              <td>{describeWhen(r.when)}</td>
              <td>{skillNames[r.skill] ?? r.skill}</td>
              <td className="num">{formatPoints(r.points)}</td>
              <td>{r.reason}</td>
              <td className="num">{r.used.toLocaleString("en")}</td>
              <td>{r.active ? "Yes" : <span className="badge returned">Inactive</span>}</td>
              <td>
                <div className="actions">
                  <Link to={`/admin/rules/${r.id}`} aria-label={`Edit rule ${r.id}: ${r.reason}`}>
                    Edit
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="id" value={r.id} />
                    <input type="hidden" name="intent" value={r.active ? "deactivate" : "activate"} />
                    <SubmitButton
                      className="secondary small-button"
                      aria-label={`${r.active ? "Deactivate" : "Activate"} rule ${r.id}: ${r.reason}`}
                    >
                      {r.active ? "Deactivate" : "Activate"}
                    </SubmitButton>
                  </Form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
