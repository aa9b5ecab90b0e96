import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireCapability } from "~/auth/session.server";
import { RuleForm, ruleValuesOf } from "~/components/evidence-rule-form";
import { getDb } from "~/db.server";
import { auditFor } from "~/models/audit.server";
import { listKinds, listSkills } from "~/models/catalog.server";
import { getRule } from "~/models/rules.server";
import { now } from "~/clock.server";
import { SubmitButton } from "~/components/submit-button";
import { ruleSchema } from "~/schemas/rule";
import { ruleToggleSchema } from "~/schemas/rule-toggle.server";
import { previewRuleUpdate, ruleValuesKey, setRuleActive, updateRule } from "~/services/rules.server";
import { RulePreviewPanel } from "~/components/rule-preview";
import evidenceStyles from "~/styles/evidence.css";
import { parseWithZod, rejectSubmission, replyFailure, respond, unknownIntent } from "~/utils/respond.server";
import { formatDateTime } from "~/utils/evidence-format";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";
import { parseId } from "~/domain/input-rules";

export const meta: MetaFunction = () => [{ title: "Edit mapping rule · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

function ruleId(raw: string | undefined): number {
  const id = parseId(raw);
  if (id === null) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireCapability(request, "catalog:manage");
  const db = getDb();
  const rule = await getRule(db, ruleId(params.id));
  if (!rule) throw notFound();
  const [kinds, skills, history] = await Promise.all([
    listKinds(db),
    listSkills(db, { includeRetired: true }),
    auditFor(db, "mapping_rule", rule.id),
  ]);
  // A rule may refer to a kind or skill retired since: keep it choosable so the form round-trips.
  if (rule.kind !== "*" && !kinds.some((k) => k.key === rule.kind))
    kinds.push({ key: rule.kind, name: `${rule.kind} (retired)` });
  return json({
    rule,
    kinds,
    skills: skills
      .filter((s) => !s.retired || s.key === rule.skill)
      .map((s) => ({ key: s.key, name: s.retired ? `${s.name} (retired)` : s.name })),
    history,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const db = getDb();
  const id = ruleId(params.id);
  const data = await readForm(request);
  const intent = data.get("intent");
  if (intent === "activate" || intent === "deactivate") {
    const submission = parseWithZod(data, { schema: ruleToggleSchema });
    if (submission.status !== "success") return rejectSubmission(submission);
    return respond(await setRuleActive(db, user, id, intent === "activate", now()), submission, ({ items }) =>
      redirect(`/admin/rules?${intent === "activate" ? "activated" : "deactivated"}=${id}&items=${items}#rule-${id}`),
    );
  }
  if (intent !== "save") return unknownIntent();
  // A rule that does not exist is 404 whatever was typed.
  if (!(await getRule(db, id))) throw notFound();
  const submission = parseWithZod(data, { schema: ruleSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  // An edit re-derives every item: it is saved only from its preview ("Apply"), and only as previewed.
  const applying = data.get("apply") === "yes";
  if (applying && data.get("previewed") === ruleValuesKey(submission.value))
    return respond(await updateRule(db, user, id, submission.value, now()), submission, ({ items }) =>
      redirect(`/admin/rules?saved=${id}&items=${items}#rule-${id}`),
    );
  const previewed = await previewRuleUpdate(db, user, id, submission.value);
  if (previewed.kind !== "ok") return replyFailure(previewed, submission);
  return json({
    ...submission.reply(),
    preview: previewed.value.preview,
    previewKey: previewed.value.key,
    changedSincePreview: applying,
  });
}

const ACTIONS: Record<string, string> = {
  rule_create: "Created",
  rule_update: "Edited",
  rule_activate: "Activated",
  rule_deactivate: "Deactivated",
};

export default function EditRule() {
  const { rule, kinds, skills, history } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const saving = lastResult?.initialValue?.intent === "save";
  const formError = lastResult?.error?.[""]?.[0];
  const preview = lastResult && "preview" in lastResult ? lastResult : null;
  return (
    <>
      <p>
        <Link to="/admin/rules">← Mapping rules</Link>
      </p>
      <h1>
        Rule {rule.id}: {rule.reason} {rule.active ? null : <span className="badge returned">Inactive</span>}
      </h1>
      {lastResult?.status === "error" ? (
        <p className="alert" role="alert">
          {formError ?? "Nothing was saved: please correct the fields marked below."}
        </p>
      ) : null}
      <div className="grid-2">
        <section className="panel">
          <h2>Rule</h2>
          <RuleForm
            lastResult={saving ? lastResult : null}
            defaultValue={ruleValuesOf(rule)}
            kinds={kinds}
            skills={skills}
            submitLabel="Preview the change"
          />
          {preview ? (
            <RulePreviewPanel
              formId="rule"
              preview={preview.preview}
              previewKey={preview.previewKey}
              changedSincePreview={preview.changedSincePreview}
              skillNames={Object.fromEntries(skills.map((s) => [s.key, s.name]))}
            />
          ) : (
            <p className="muted">
              Saving shows first what the change does to the stored items; nothing changes until you apply it.
            </p>
          )}
        </section>
        <section className="panel">
          <h2>State</h2>
          <p>
            {rule.active
              ? "This rule is active: matching items get its points."
              : "This rule is inactive: it adds nothing to any item."}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={rule.active ? "deactivate" : "activate"} />
            <SubmitButton
              className={rule.active ? "danger" : undefined}
              pendingLabel={rule.active ? "Deactivating…" : "Activating…"}
            >
              {rule.active ? "Deactivate the rule" : "Activate the rule"}
            </SubmitButton>
          </Form>
          <h2>History</h2>
          {history.length ? (
            <ol className="history">
              {history.map((h) => (
                <li key={h.id}>
                  <time dateTime={h.at}>{formatDateTime(h.at)}</time> · {h.actor_name ?? "System"}:{" "}
                  {ACTIONS[h.action] ?? h.action}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">No changes since the catalog was loaded.</p>
          )}
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
