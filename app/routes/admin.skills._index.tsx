import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SKILL_CATALOGUE_ACTION } from "~/auth/permissions";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { FormError } from "~/components/field";
import { Form } from "~/components/form";
import { SkillForm } from "~/components/skill-form";
import { SubmitButton } from "~/components/submit-button";
import { getDb } from "~/db.server";
import { listCatalogue } from "~/models/skills.server";
import { newSkillSchema, skillMoveSchema } from "~/schemas/skill";
import { createSkill, moveSkill } from "~/services/skills-catalogue.server";
import styles from "~/styles/dashboard.css";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction = () => [{ title: "Skills catalogue · Admin · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, SKILL_CATALOGUE_ACTION);
  const skills = await listCatalogue(getDb());
  return json({ skills });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, SKILL_CATALOGUE_ACTION);
  const db = getDb();
  const data = await readForm(request);
  switch (data.get("intent")) {
    case "create": {
      const submission = parseWithZod(data, { schema: newSkillSchema });
      if (submission.status !== "success") return rejectSubmission(submission);
      return respond(await createSkill(db, user, submission.value, now()), submission, ({ key }) =>
        redirect(`/admin/skills?created=${encodeURIComponent(key)}`),
      );
    }
    case "move": {
      const submission = parseWithZod(data, { schema: skillMoveSchema });
      if (submission.status !== "success") return rejectSubmission(submission);
      return respond(await moveSkill(db, user, submission.value, now()), submission, () => redirect("/admin/skills"));
    }
    default:
      return unknownIntent();
  }
}

export default function SkillsCatalogue() {
  const { skills } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const created = skills.find((s) => s.key === params.get("created"));
  const moving = lastResult?.initialValue?.intent === "move";
  const moveError = moving
    ? Object.values(lastResult?.error ?? {})
        .flat()
        .find((m): m is string => typeof m === "string")
    : undefined;
  return (
    <>
      <p>
        <Link to="/admin">← Admin</Link>
      </p>
      <h1>Skills catalogue</h1>
      <p className="muted">
        The skills of the matrix, in the order every page lists them. Renaming keeps a skill’s history (it is known by its key); a
        retired skill keeps its history too, is no longer scored and is left out of new rules, requirements and goals.
      </p>
      {created ? (
        <p className="notice" role="status">
          Skill “{created.name}” added.
        </p>
      ) : null}
      <FormError error={moveError} />
      <section className="panel" aria-labelledby="skills-heading">
        <h2 id="skills-heading">Skills</h2>
        <div className="table-scroll">
          <table className="compact ladder" data-testid="skills">
            <caption className="sr-only">Every skill with its SFIA codes and what names it</caption>
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">SFIA</th>
                <th scope="col" className="num">
                  Items
                </th>
                <th scope="col" className="num">
                  Positions
                </th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {skills.map((s, i) => (
                <tr key={s.key} data-skill={s.key}>
                  <th scope="row">
                    <Link to={`/admin/skills/${s.key}`}>{s.name}</Link>
                    {s.retired ? (
                      <>
                        {" "}
                        <span className="badge returned">retired</span>
                      </>
                    ) : null}
                    <br />
                    <code className="small muted">{s.key}</code>
                  </th>
                  <td>{s.sfiaCodes || "—"}</td>
                  <td className="num">{s.items}</td>
                  <td className="num">{s.positions}</td>
                  <td>
                    <div className="move-buttons">
                      <Form method="post">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="key" value={s.key} />
                        <input type="hidden" name="direction" value="up" />
                        <SubmitButton className="secondary" disabled={i === 0} aria-label={`Move ${s.name} up`}>
                          ▲
                        </SubmitButton>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="key" value={s.key} />
                        <input type="hidden" name="direction" value="down" />
                        <SubmitButton className="secondary" disabled={i === skills.length - 1} aria-label={`Move ${s.name} down`}>
                          ▼
                        </SubmitButton>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a skill</h2>
        <SkillForm lastResult={moving ? null : lastResult} defaultValue={{}} isNew submitLabel="Add skill" />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
