import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { Field, FormError } from "~/components/field";
import { ImportTime } from "~/components/import-time";
import { SubmitButton } from "~/components/submit-button";
import { fieldProps, useSchemaForm } from "~/components/use-schema-form";
import { getDb } from "~/db.server";
import { listTokens } from "~/models/api-tokens.server";
import { tokenCreateSchema, tokenRevokeSchema } from "~/schemas/api-token";
import { createApiToken, revokeApiToken } from "~/services/api-tokens.server";
import styles from "~/styles/import.css";
import { rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";
import { Form } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Integration tokens · SupportPath" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "tokens:manage");
  const origin = new URL(request.url).origin;
  return json({ tokens: await listTokens(getDb()), origin });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "tokens:manage");
  const db = getDb();
  const data = await readForm(request);
  switch (data.get("intent")) {
    case "create": {
      const submission = parseWithZod(data, { schema: tokenCreateSchema });
      if (submission.status !== "success") return rejectSubmission(submission);
      // The token is in this one response only; the form is emptied for the next one.
      return respond(await createApiToken(db, user, submission.value, now()), submission, (created) =>
        json({ ...submission.reply({ resetForm: true }), created, revoked: null }),
      );
    }
    case "revoke": {
      const submission = parseWithZod(data, { schema: tokenRevokeSchema });
      if (submission.status !== "success") return rejectSubmission(submission);
      return respond(await revokeApiToken(db, user, submission.value, now()), submission, ({ name }) =>
        json({ ...submission.reply({ resetForm: true }), created: null, revoked: name }),
      );
    }
    default:
      return unknownIntent();
  }
}

export default function Tokens() {
  const { tokens, origin } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const created = lastResult && "created" in lastResult ? lastResult.created : null;
  const revoked = lastResult && "revoked" in lastResult ? lastResult.revoked : null;
  const creating = lastResult?.initialValue?.intent === "create" || created !== null;
  const [form, fields] = useSchemaForm(tokenCreateSchema, { id: "token-new", lastResult: creating ? lastResult : null });
  const revokeError = creating
    ? undefined
    : Object.values(lastResult?.error ?? {})
        .flat()
        .find((m): m is string => typeof m === "string");
  const live = tokens.filter((t) => !t.revoked_at);
  return (
    <>
      <p>
        <Link to="/admin">← Admin</Link>
      </p>
      <h1>Integration tokens</h1>
      <p className="muted">
        A ticketing tool posts each resolved ticket to <code>POST /api/v1/evidence</code> with one of these tokens. Only a SHA-256
        hash is stored: a token is shown once, when it is created. Revoke a token the moment it may have leaked.
      </p>
      {created ? (
        <div className="notice import-notice" role="status">
          <p>
            <strong>Token “{created.name}” created.</strong> Copy it now: it will not be shown again.
          </p>
          <p>
            <code className="token-value" data-testid="new-token">
              {created.token}
            </code>
          </p>
        </div>
      ) : null}
      {revoked ? (
        <p className="notice import-notice" role="status">
          Token “{revoked}” revoked: requests with it now get 401.
        </p>
      ) : null}
      <FormError error={revokeError ?? form.errors?.[0]} />
      <div className="grid-2">
        <section className="panel" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">New token</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <Field {...fieldProps(fields.name)} label="Integration name" hint="e.g. ServiceNow production" />
            <div className="actions">
              <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
            </div>
          </Form>
        </section>
        <section className="panel" aria-labelledby="usage-heading">
          <h2 id="usage-heading">Usage</h2>
          <pre className="code-block">
            <code>{`curl -X POST ${origin}/api/v1/evidence \\
  -H "Authorization: Bearer <token>" \\
  -H "Content-Type: application/json" \\
  -d '{"system":"servicenow","externalRef":"INC0012345",
       "title":"Checkout API returning 502","kind":"incident",
       "handle":"Resolved by 166","priority":"P2",
       "startedAt":"2024-05-01T21:10:00Z",
       "resolvedAt":"2024-05-01T23:40:00Z"}'`}</code>
          </pre>
          <p className="muted">
            One item, or <code>{'{ "items": [ … ] }'}</code> (up to 500) in one all-or-nothing transaction. Items are attributed
            by
            <code> handle</code> or <code>email</code> and keyed by <code>api:&lt;system&gt;:&lt;externalRef&gt;</code>: posting
            the same ticket again updates it instead of adding a second item.
          </p>
        </section>
      </div>
      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">
          Tokens <span className="muted">({live.length} active)</span>
        </h2>
        {tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Integration tokens">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td>
                      <ImportTime iso={t.created_at} /> <span className="muted">by {t.creator_name}</span>
                    </td>
                    <td>{t.last_used_at ? <ImportTime iso={t.last_used_at} /> : <span className="muted">never</span>}</td>
                    <td>
                      {t.revoked_at ? (
                        <span className="badge returned">
                          Revoked <ImportTime iso={t.revoked_at} />
                        </span>
                      ) : (
                        <span className="badge verified">Active</span>
                      )}
                    </td>
                    <td>
                      {t.revoked_at ? null : (
                        <Form
                          method="post"
                          onSubmit={(e) => {
                            if (!confirm(`Revoke “${t.name}”? Integrations using it stop working at once.`)) e.preventDefault();
                          }}
                        >
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="tokenId" value={t.id} />
                          <SubmitButton className="danger" aria-label={`Revoke ${t.name}`} pendingLabel="Revoking…">
                            Revoke
                          </SubmitButton>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
