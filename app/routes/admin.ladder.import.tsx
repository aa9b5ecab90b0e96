import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { FormError } from "~/components/field";
import { Form } from "~/components/form";
import { LadderImportPreview } from "~/components/ladder-import-preview";
import { SubmitButton } from "~/components/submit-button";
import { getDb } from "~/db.server";
import type { LadderPreview } from "~/services/ladder-template.server";
import { applyLadderTemplate, previewLadderTemplate } from "~/services/ladder-template.server";
import { ladderApplySchema, ladderUploadSchema } from "~/schemas/ladder-import.server";
import styles from "~/styles/dashboard.css";
import importStyles from "~/styles/import.css";
import { LONG_FORM_LIMIT } from "~/utils/body-limits";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction = () => [{ title: "Import a ladder template · Admin · SupportPath" }];
// import.css: the preview's counts share the look of the evidence import's counts
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: importStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "catalog:manage");
  return json({});
}

type PreviewData = { preview: LadderPreview; template: string; error?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const db = getDb();
  // A template is a few KB; a long form's limit leaves room for the largest ladder.
  const data = await readForm(request, { limit: LONG_FORM_LIMIT });
  switch (data.get("intent")) {
    case "preview": {
      const submission = parseWithZod(data, { schema: ladderUploadSchema });
      if (submission.status !== "success") return rejectSubmission(submission, { hideFields: ["file"] });
      const template = await submission.value.file.text();
      return respond(
        await previewLadderTemplate(db, user, template),
        submission,
        (preview) => json<PreviewData>({ preview, template }),
        { hideFields: ["file"] },
      );
    }
    case "apply": {
      const submission = parseWithZod(data, { schema: ladderApplySchema });
      if (submission.status !== "success") return rejectSubmission(submission, { hideFields: ["template"] });
      const { template, fingerprint } = submission.value;
      const result = await applyLadderTemplate(db, user, template, fingerprint, now());
      if (result.kind === "conflict") {
        // The ladder moved on: show the preview against it, to be confirmed again.
        const fresh = await previewLadderTemplate(db, user, template);
        if (fresh.kind === "ok")
          return json<PreviewData>({ preview: fresh.value, template, error: result.message }, { status: 409 });
      }
      return respond(result, submission, (p) => redirect(`/admin/ladder/import?applied=${p.plan.changes.length}`), {
        hideFields: ["template"],
      });
    }
    default:
      return unknownIntent();
  }
}

function isPreview(data: unknown): data is PreviewData {
  return !!data && typeof data === "object" && "preview" in data;
}

/** Conform's reply: the message next to the file, and every problem of the file listed. */
function problemsOf(data: unknown): { file?: string; list: string[]; form?: string } {
  const error = (data as { error?: Record<string, string[] | null> } | undefined)?.error;
  if (!error || typeof error !== "object") return { list: [] };
  const list = Object.entries(error)
    .filter(([k]) => k.startsWith("problem."))
    .map(([, v]) => v?.[0] ?? "")
    .filter(Boolean);
  const other = Object.entries(error).find(([k]) => k !== "file" && !k.startsWith("problem."))?.[1]?.[0];
  return { file: error.file?.[0], list, form: other };
}

export default function LadderImport() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const applied = params.get("applied");
  const preview = isPreview(data) ? data : null;
  const problems = preview ? { list: [] } : problemsOf(data);
  const fileError = problems.file;
  return (
    <>
      <p>
        <Link to="/admin/ladder">← Career ladder</Link>
      </p>
      <h1>Import a ladder template</h1>
      {applied !== null ? (
        <p className="notice" role="status" data-testid="ladder-applied">
          {`The template was imported: ${applied} ${applied === "1" ? "position" : "positions"} changed. `}
          <Link to="/admin/ladder">See the ladder</Link>
        </p>
      ) : null}
      <section className="panel" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Template file</h2>
        <p className="muted">
          A JSON file in the format of docs/ladder-template-format.md: a ladder exported from SupportPath, or one of the templates
          in seeds/ladders/. Nothing changes until you confirm the preview; positions the template leaves out are retired, never
          deleted.
        </p>
        <Form method="post" encType="multipart/form-data" className="stack">
          <input type="hidden" name="intent" value="preview" />
          <FormError error={problems.form} />
          <div className="field">
            <label htmlFor="f-file">Ladder template (.json)</label>
            <input
              id="f-file"
              name="file"
              type="file"
              accept=".json,application/json"
              required
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? "f-file-error" : undefined}
            />
            {fileError ? (
              <span id="f-file-error" className="error" role="alert">
                {fileError}
              </span>
            ) : null}
          </div>
          {problems.list.length ? (
            <ul className="plain error" data-testid="ladder-problems">
              {problems.list.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
          <div className="actions">
            <SubmitButton className="secondary" pendingLabel="Reading…">
              Preview
            </SubmitButton>
          </div>
        </Form>
      </section>
      {preview ? (
        <section className="panel" aria-labelledby="preview-heading" data-testid="ladder-preview">
          <h2 id="preview-heading">{`Preview: ${preview.preview.name}`}</h2>
          <FormError error={preview.error} />
          {preview.preview.empty ? (
            <p className="notice" role="status" data-testid="ladder-no-changes">
              No changes: the ladder already matches this template.
            </p>
          ) : (
            <>
              <LadderImportPreview plan={preview.preview.plan} />
              <Form method="post" className="actions import-confirm">
                <input type="hidden" name="intent" value="apply" />
                <input type="hidden" name="template" value={preview.template} />
                <input type="hidden" name="fingerprint" value={preview.preview.fingerprint} />
                <SubmitButton pendingLabel="Importing…">Import these changes</SubmitButton>
              </Form>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
