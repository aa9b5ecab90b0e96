import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { TEAMS_ACTION } from "~/auth/permissions";
import { notFound, requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { FormError } from "~/components/field";
import { Form } from "~/components/form";
import { SubmitButton } from "~/components/submit-button";
import { TeamForm } from "~/components/team-form";
import { VersionFields } from "~/components/version-fields";
import { getDb } from "~/db.server";
import { getAdminTeam } from "~/models/teams.server";
import { teamSchema, teamStateSchema } from "~/schemas/team";
import { pageVersionOf } from "~/schemas/version";
import { renameTeam, setTeamRetired } from "~/services/teams.server";
import styles from "~/styles/dashboard.css";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} · Teams · SupportPath` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function teamId(raw: string | undefined): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, TEAMS_ACTION);
  const team = await getAdminTeam(getDb(), teamId(params.id));
  if (!team) throw notFound();
  return json({ team, page: { version: team.version, base: null } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, TEAMS_ACTION);
  const db = getDb();
  const id = teamId(params.id);
  const data = await readForm(request);
  const page = pageVersionOf(data);
  const intent = data.get("intent");
  if (intent === "rename") {
    const submission = parseWithZod(data, { schema: teamSchema });
    if (submission.status !== "success") return rejectSubmission(submission);
    return respond(await renameTeam(db, user, id, submission.value, now(), page), submission, () =>
      redirect(`/admin/teams/${id}?done=renamed`),
    );
  }
  if (intent !== "retire" && intent !== "restore") return unknownIntent();
  const submission = parseWithZod(data, { schema: teamStateSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  const retire = submission.value.intent === "retire";
  return respond(await setTeamRetired(db, user, id, retire, now(), page), submission, () =>
    redirect(`/admin/teams/${id}?done=${retire ? "retired" : "restored"}`),
  );
}

const DONE: Record<string, (name: string) => string> = {
  renamed: (name) => `Renamed: the team is now “${name}” everywhere.`,
  retired: (name) => `“${name}” retired: its history stays; it takes no new members.`,
  restored: (name) => `“${name}” restored: it can take members again.`,
};

export default function EditTeam() {
  const { team, page } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  const stateResult = ["retire", "restore"].includes(String(lastResult?.initialValue?.intent ?? ""));
  const stateError = stateResult
    ? Object.values(lastResult?.error ?? {})
        .flat()
        .find((m): m is string => typeof m === "string")
    : undefined;
  return (
    <>
      <p>
        <Link to="/admin/teams">← Teams</Link>
      </p>
      <h1>
        {team.name}
        {team.retiredAt ? (
          <>
            {" "}
            <span className="badge returned">Retired</span>
          </>
        ) : null}
      </h1>
      {done ? (
        <p className="notice" role="status" data-testid="team-done">
          {done(team.name)}
        </p>
      ) : null}
      <p className="muted">
        {team.activeMembers} active {team.activeMembers === 1 ? "member" : "members"} · {team.formerMembers} former{" "}
        {team.formerMembers === 1 ? "member" : "members"}.
      </p>
      <div className="grid-2">
        <section className="panel" aria-labelledby="rename-heading">
          <h2 id="rename-heading">Rename</h2>
          <TeamForm
            key={team.version}
            lastResult={stateResult ? null : lastResult}
            defaultValue={{ name: team.name }}
            isNew={false}
            page={page}
            submitLabel="Save name"
          />
        </section>
        <section className="panel" aria-labelledby="state-heading">
          <h2 id="state-heading">{team.retiredAt ? "Restore" : "Retire"}</h2>
          <FormError error={stateError} />
          <p className="muted">
            {team.retiredAt
              ? "Restoring lets people join the team again."
              : "Retiring keeps the team on its former members’ history, labelled retired; nobody can join it. Move its active members to another team first."}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={team.retiredAt ? "restore" : "retire"} />
            <VersionFields page={page} />
            <SubmitButton className={team.retiredAt ? undefined : "danger"} pendingLabel="Saving…">
              {team.retiredAt ? "Restore team" : "Retire team"}
            </SubmitButton>
          </Form>
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
