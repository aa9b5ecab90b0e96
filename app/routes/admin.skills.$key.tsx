import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SKILL_CATALOGUE_ACTION } from "~/auth/permissions";
import { notFound, requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { FormError } from "~/components/field";
import { Form } from "~/components/form";
import { SkillForm } from "~/components/skill-form";
import { SubmitButton } from "~/components/submit-button";
import { VersionFields } from "~/components/version-fields";
import { getDb } from "~/db.server";
import { SKILL_KEY_MAX } from "~/domain/skill-catalogue";
import { auditFor } from "~/models/audit.server";
import { getCatalogueSkill } from "~/models/skills.server";
import { skillSchema, skillStateSchema } from "~/schemas/skill";
import { pageVersionOf } from "~/schemas/version";
import { setSkillRetired, skillPageVersion, updateSkill } from "~/services/skills-catalogue.server";
import styles from "~/styles/dashboard.css";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.skill.name ?? "Skill"} · Skills catalogue · SupportPath` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function skillKey(raw: string | undefined): string {
  if (!raw || raw.length > SKILL_KEY_MAX || !/^[a-z0-9-]+$/.test(raw)) throw notFound();
  return raw;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, SKILL_CATALOGUE_ACTION);
  const db = getDb();
  const key = skillKey(params.key);
  const skill = await getCatalogueSkill(db, key);
  if (!skill) throw notFound();
  const history = await auditFor(db, "skill", key);
  return json({ skill, page: skillPageVersion(skill), history: history.slice(-20).reverse() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, SKILL_CATALOGUE_ACTION);
  const db = getDb();
  const key = skillKey(params.key);
  const data = await readForm(request);
  const page = pageVersionOf(data);
  const intent = data.get("intent");
  if (intent === "save") {
    const submission = parseWithZod(data, { schema: skillSchema });
    if (submission.status !== "success") return rejectSubmission(submission);
    return respond(await updateSkill(db, user, key, submission.value, now(), page), submission, () =>
      redirect(`/admin/skills/${key}?saved=1`),
    );
  }
  if (intent !== "retire" && intent !== "restore") return unknownIntent();
  const submission = parseWithZod(data, { schema: skillStateSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  return respond(await setSkillRetired(db, user, key, submission.value.intent === "retire", now(), page), submission, () =>
    redirect(`/admin/skills/${key}?${submission.value.intent === "retire" ? "retired" : "restored"}=1`),
  );
}

const ACTIONS: Record<string, string> = {
  skill_create: "Added",
  skill_update: "Edited",
  skill_retire: "Retired",
  skill_restore: "Restored",
  skill_move: "Moved",
};

export default function EditSkill() {
  const { skill, page, history } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const stateResult = ["retire", "restore"].includes(String(lastResult?.initialValue?.intent ?? ""));
  const stateError = stateResult
    ? Object.values(lastResult?.error ?? {})
        .flat()
        .find((m): m is string => typeof m === "string")
    : undefined;
  return (
    <>
      <p>
        <Link to="/admin/skills">← Skills catalogue</Link>
      </p>
      <h1>
        {skill.name}
        {skill.retired ? (
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
      {params.get("retired") ? (
        <p className="notice" role="status">
          Retired: its history stays; it is no longer scored or offered for new rules, requirements and goals.
        </p>
      ) : null}
      {params.get("restored") ? (
        <p className="notice" role="status">
          Restored: the skill is live again, with its history.
        </p>
      ) : null}
      <p className="muted">
        Key <code>{skill.key}</code> · {skill.items} {skill.items === 1 ? "item has" : "items have"} earned points for it ·
        required by {skill.positions} live {skill.positions === 1 ? "position" : "positions"}.
      </p>
      <div className="grid-2">
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Skill</h2>
          <SkillForm
            lastResult={stateResult ? null : lastResult}
            defaultValue={{ name: skill.name, description: skill.description ?? "", sfiaCodes: skill.sfiaCodes }}
            isNew={false}
            page={page}
            submitLabel="Save skill"
          />
        </section>
        <section className="panel" aria-labelledby="state-heading">
          <h2 id="state-heading">{skill.retired ? "Restore" : "Retire"}</h2>
          <FormError error={stateError} />
          <p className="muted">
            {skill.retired
              ? "Restoring makes the skill live again: scored, listed in the matrix and offered for new rules, requirements and goals."
              : "Retiring keeps every item, score bucket, rating and snapshot that names the skill; pages that show old data label it “(retired)”."}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={skill.retired ? "restore" : "retire"} />
            <input type="hidden" name="key" value={skill.key} />
            <VersionFields page={page} />
            <SubmitButton className={skill.retired ? undefined : "danger"} pendingLabel="Saving…">
              {skill.retired ? "Restore skill" : "Retire skill"}
            </SubmitButton>
          </Form>
          <h2>Changes</h2>
          {history.length === 0 ? (
            <p className="muted">No changes recorded since the catalogue was set up.</p>
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
