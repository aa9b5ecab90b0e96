import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { LadderPositionForm } from "~/components/ladder-position-form";
import { getDb } from "~/db.server";
import { auditFor } from "~/models/audit.server";
import { listSkills } from "~/models/catalog.server";
import { getLadderPosition } from "~/models/ladder.server";
import { positionSchema } from "~/schemas/ladder";
import { positionSkillKeys, updatePosition } from "~/services/ladder.server";
import styles from "~/styles/dashboard.css";
import { rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.position.name ?? "Position"} · Career ladder · SupportPath` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function positionId(raw: string | undefined): number {
  if (!/^\d{1,9}$/.test(raw ?? "")) throw notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "catalog:manage");
  const db = getDb();
  const id = positionId(params.id);
  const position = await getLadderPosition(db, id);
  if (!position) throw notFound();
  const [skills, history] = await Promise.all([listSkills(db), auditFor(db, "position", id)]);
  return json({ position, skills: skills.map((s) => ({ key: s.key, name: s.name })), history: history.slice(-20).reverse() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const db = getDb();
  const id = positionId(params.id);
  const data = await readForm(request);
  if (data.get("intent") !== "save") return unknownIntent();
  const submission = parseWithZod(data, { schema: positionSchema(await positionSkillKeys(db)) });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await updatePosition(db, user, id, submission.value, now()), submission, () =>
    redirect(`/admin/ladder/${id}?saved=1`),
  );
}

const ACTIONS: Record<string, string> = {
  position_create: "Created",
  position_update: "Edited",
  position_retire: "Retired",
  position_move: "Moved",
  ladder_import: "Imported from a ladder template",
};

export default function EditPosition() {
  const { position, skills, history } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const initial = {
    name: position.name,
    rank: String(position.rank),
    isManagement: position.isManagement ? "on" : undefined,
    retired: position.retired ? "on" : undefined,
    track: position.track,
    description: position.description ?? "",
    req: Object.fromEntries(skills.map((s) => [s.key, String(position.requirements[s.key] ?? 0)])),
  };
  return (
    <>
      <p>
        <Link to="/admin/ladder">← Career ladder</Link>
      </p>
      <h1>
        {position.name}
        {position.retired ? (
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
      <p className="muted">
        {position.holders === 0
          ? "Nobody holds this position."
          : `${position.holders} ${position.holders === 1 ? "person holds" : "people hold"} this position.`}
      </p>
      <div className="grid-2">
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Position</h2>
          <LadderPositionForm
            lastResult={lastResult}
            defaultValue={initial}
            skills={skills}
            isNew={false}
            submitLabel="Save position"
          />
        </section>
        <section className="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">Changes</h2>
          {history.length === 0 ? (
            <p className="muted">No changes recorded since the ladder was set up.</p>
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
