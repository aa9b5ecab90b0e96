import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { FormError } from "~/components/field";
import { LadderPositionForm } from "~/components/ladder-position-form";
import { SubmitButton } from "~/components/submit-button";
import { getDb } from "~/db.server";
import { LEVEL_NAMES } from "~/domain/defaults";
import { TRACK_NAMES } from "~/domain/ladder-tracks";
import { listSkills } from "~/models/catalog.server";
import { listLadder } from "~/models/ladder.server";
import { moveSchema, newPositionSchema } from "~/schemas/ladder";
import { createPosition, movePosition, nextFreeRank, positionSkillKeys } from "~/services/ladder.server";
import styles from "~/styles/dashboard.css";
import { rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

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
  const data = await readForm(request);
  switch (data.get("intent")) {
    case "create": {
      const submission = parseWithZod(data, { schema: newPositionSchema(await positionSkillKeys(db)) });
      if (submission.status !== "success") return rejectSubmission(submission);
      return respond(await createPosition(db, user, submission.value, now()), submission, ({ id }) =>
        redirect(`/admin/ladder?created=${id}`),
      );
    }
    case "move": {
      const submission = parseWithZod(data, { schema: moveSchema });
      if (submission.status !== "success") return rejectSubmission(submission);
      return respond(await movePosition(db, user, submission.value, now()), submission, () => redirect("/admin/ladder"));
    }
    default:
      return unknownIntent();
  }
}

export default function LadderAdmin() {
  const { ladder, skills, nextRank } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const created = ladder.find((p) => String(p.id) === params.get("created"));
  // Most senior at the top, as a ladder reads.
  const live = ladder.filter((p) => !p.retired).sort((a, b) => b.rank - a.rank);
  const retired = ladder.filter((p) => p.retired);
  const moving = lastResult?.initialValue?.intent === "move";
  const moveError = moving
    ? Object.values(lastResult?.error ?? {})
        .flat()
        .find((m): m is string => typeof m === "string")
    : undefined;
  const defaults = { rank: String(nextRank), track: "shared", req: Object.fromEntries(skills.map((s) => [s.key, "0"])) };
  return (
    <>
      <p>
        <Link to="/admin">← Admin</Link>
      </p>
      <h1>Career ladder</h1>
      <p className="actions">
        <a href="/admin/ladder/export" download>
          Export the ladder (JSON)
        </a>{" "}
        · <Link to="/admin/ladder/import">Import a ladder template</Link>
      </p>
      {created ? (
        <p className="notice" role="status">
          Position “{created.name}” added.
        </p>
      ) : null}
      <FormError error={moveError} />
      <section className="panel" aria-labelledby="ladder-heading">
        <h2 id="ladder-heading">Positions, most senior first</h2>
        <div className="table-scroll">
          <table className="compact ladder" data-testid="ladder">
            <caption className="sr-only">Live positions with the level each requires per skill</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Position</th>
                <th scope="col">Track</th>
                {skills.map((s) => (
                  <th key={s.key} scope="col" className="num" title={s.name}>
                    {s.name.split(/ and | within /)[0]}
                  </th>
                ))}
                <th scope="col" className="num">
                  Held by
                </th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {live.map((p) => {
                // ▲/▼ move a position among the rungs of its own track.
                const track = live.filter((q) => q.track === p.track);
                return (
                  <tr key={p.id} data-position={p.id}>
                    <td className="num">{p.rank}</td>
                    <th scope="row">
                      <Link to={`/admin/ladder/${p.id}`}>{p.name}</Link>
                      {p.isManagement ? (
                        <>
                          {" "}
                          <span className="badge">management</span>
                        </>
                      ) : null}
                    </th>
                    <td>{TRACK_NAMES[p.track]}</td>
                    {skills.map((s) => {
                      const lv = p.requirements[s.key] ?? 0;
                      return (
                        <td key={s.key} className={`level-cell lv${lv}`} title={`${s.name}: ${lv} ${LEVEL_NAMES[lv] ?? ""}`}>
                          {lv}
                        </td>
                      );
                    })}
                    <td className="num">{p.holders}</td>
                    <td>
                      <div className="move-buttons">
                        <Form method="post">
                          <input type="hidden" name="intent" value="move" />
                          <input type="hidden" name="id" value={p.id} />
                          <input type="hidden" name="direction" value="up" />
                          <SubmitButton
                            className="secondary"
                            disabled={track[0]?.id === p.id}
                            aria-label={`Move ${p.name} one rung up`}
                          >
                            ▲
                          </SubmitButton>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="move" />
                          <input type="hidden" name="id" value={p.id} />
                          <input type="hidden" name="direction" value="down" />
                          <SubmitButton
                            className="secondary"
                            disabled={track[track.length - 1]?.id === p.id}
                            aria-label={`Move ${p.name} one rung down`}
                          >
                            ▼
                          </SubmitButton>
                        </Form>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {retired.length ? (
          <>
            <h3>Retired positions</h3>
            <ul>
              {retired.map((p) => (
                <li key={p.id}>
                  <Link to={`/admin/ladder/${p.id}`}>{p.name}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a position</h2>
        <LadderPositionForm
          lastResult={moving ? null : lastResult}
          defaultValue={defaults}
          skills={skills}
          isNew
          submitLabel="Add position"
        />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
