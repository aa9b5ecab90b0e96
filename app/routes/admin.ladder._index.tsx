import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { FormError } from "~/components/field";
import { LadderPositionForm } from "~/components/ladder-position-form";
import { getDb } from "~/db.server";
import { LEVEL_NAMES } from "~/domain/defaults";
import { listSkills } from "~/models/catalog.server";
import { listLadder } from "~/models/ladder.server";
import { createPositionFromForm, movePosition, nextFreeRank } from "~/services/ladder.server";
import styles from "~/styles/dashboard.css";
import { formObject, invalid } from "~/validation/form.server";

export const meta: MetaFunction = () => [{ title: "Career ladder · Admin · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "catalog:manage");
  const db = getDb();
  const [ladder, skills, rank] = await Promise.all([listLadder(db), listSkills(db), nextFreeRank(db)]);
  return json({ ladder, skills: skills.map((s) => ({ key: s.key, name: s.name })), nextRank: rank });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const db = getDb();
  const form = formObject(await request.formData());
  switch (form.intent) {
    case "create": {
      const result = await createPositionFromForm(db, user.id, form);
      if (!result.ok) return invalid(result.errors, form, result.status);
      return redirect(`/admin/ladder?created=${result.id}`);
    }
    case "move": {
      const id = Number(form.id);
      const direction = form.direction === "up" ? "up" : form.direction === "down" ? "down" : null;
      if (!Number.isInteger(id) || id <= 0 || !direction) return invalid({ move: "Choose a position and a direction." }, {}, 400);
      const result = await movePosition(db, user.id, id, direction);
      if (!result.ok) return invalid({ move: result.errors.form }, {}, 400);
      return redirect("/admin/ladder");
    }
    default:
      return invalid({ form: "Unknown action." }, {}, 400);
  }
}

export default function LadderAdmin() {
  const { ladder, skills, nextRank } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  const created = ladder.find((p) => String(p.id) === params.get("created"));
  // Most senior at the top, as a ladder reads.
  const live = ladder.filter((p) => !p.retired).sort((a, b) => b.rank - a.rank);
  const retired = ladder.filter((p) => p.retired);
  const defaults: Record<string, string | boolean> = { rank: String(nextRank), isManagement: false };
  for (const s of skills) defaults[`req.${s.key}`] = "0";
  const values = (result?.values && Object.keys(result.values).length ? result.values : defaults) as Record<string, string>;
  return (
    <>
      <p><Link to="/admin">← Admin</Link></p>
      <h1>Career ladder</h1>
      {created ? <p className="notice" role="status">Position “{created.name}” added.</p> : null}
      <FormError error={errors.move} />
      <section className="panel" aria-labelledby="ladder-heading">
        <h2 id="ladder-heading">Positions, most senior first</h2>
        <div className="table-scroll">
          <table className="compact ladder" data-testid="ladder">
            <caption className="sr-only">Live positions with the level each requires per skill</caption>
            <thead>
              <tr>
                <th scope="col" className="num">Rank</th>
                <th scope="col">Position</th>
                {skills.map((s) => (
                  <th key={s.key} scope="col" className="num" title={s.name}>{s.name.split(/ and | within /)[0]}</th>
                ))}
                <th scope="col" className="num">Held by</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {live.map((p, i) => (
                <tr key={p.id} data-position={p.id}>
                  <td className="num">{p.rank}</td>
                  <th scope="row">
                    <Link to={`/admin/ladder/${p.id}`}>{p.name}</Link>
                    {p.isManagement ? <> <span className="badge">management</span></> : null}
                  </th>
                  {skills.map((s) => {
                    const lv = p.requirements[s.key] ?? 0;
                    return (
                      <td key={s.key} className={`level-cell lv${lv}`} title={`${s.name}: ${lv} ${LEVEL_NAMES[lv] ?? ""}`}>{lv}</td>
                    );
                  })}
                  <td className="num">{p.holders}</td>
                  <td>
                    <div className="move-buttons">
                      <Form method="post">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="id" value={p.id} />
                        <input type="hidden" name="direction" value="up" />
                        <button type="submit" className="secondary" disabled={i === 0} aria-label={`Move ${p.name} one rung up`}>▲</button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="id" value={p.id} />
                        <input type="hidden" name="direction" value="down" />
                        <button type="submit" className="secondary" disabled={i === live.length - 1} aria-label={`Move ${p.name} one rung down`}>▼</button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {retired.length ? (
          <>
            <h3>Retired positions</h3>
            <ul>
              {retired.map((p) => (
                <li key={p.id}><Link to={`/admin/ladder/${p.id}`}>{p.name}</Link></li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a position</h2>
        <LadderPositionForm values={values} errors={errors} skills={skills} isNew submitLabel="Add position" />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
