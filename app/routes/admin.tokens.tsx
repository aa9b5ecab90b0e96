import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/session.server";
import { Field, FormError } from "~/components/field";
import { ImportTime } from "~/components/import-time";
import { getDb } from "~/db.server";
import { listTokens } from "~/models/api-tokens.server";
import { createIntegrationToken, revokeIntegrationToken } from "~/services/ingest.server";
import styles from "~/styles/import.css";
import { formObject, invalid } from "~/validation/form.server";

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
  const form = formObject(await request.formData());
  switch (form.intent) {
    case "create": {
      const r = await createIntegrationToken(db, user.id, form);
      if (!r.ok) return invalid(r.errors, form);
      return json({ ok: true as const, created: { id: r.id, name: r.name, token: r.token, prefix: r.prefix }, revoked: null, errors: {}, values: {} });
    }
    case "revoke": {
      const r = await revokeIntegrationToken(db, user.id, form);
      if (!r.ok) return invalid(r.errors, form, r.status);
      return json({ ok: true as const, created: null, revoked: r.name, errors: {}, values: {} });
    }
    default:
      return invalid({ form: "Unknown action." }, {}, 400);
  }
}

export default function Tokens() {
  const { tokens, origin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  const created = result && "created" in result ? result.created : null;
  const revoked = result && "revoked" in result ? result.revoked : null;
  const live = tokens.filter((t) => !t.revoked_at);
  return (
    <>
      <p><Link to="/admin">← Admin</Link></p>
      <h1>Integration tokens</h1>
      <p className="muted">
        A ticketing tool posts each resolved ticket to <code>POST /api/v1/evidence</code> with one of these tokens. Only a
        SHA-256 hash is stored: a token is shown once, when it is created. Revoke a token the moment it may have leaked.
      </p>
      {created ? (
        <div className="notice import-notice" role="status">
          <p><strong>Token “{created.name}” created.</strong> Copy it now: it will not be shown again.</p>
          <p><code className="token-value" data-testid="new-token">{created.token}</code></p>
        </div>
      ) : null}
      {revoked ? <p className="notice import-notice" role="status">Token “{revoked}” revoked: requests with it now get 401.</p> : null}
      <FormError error={errors.form ?? errors.tokenId} />
      <div className="grid-2">
        <section className="panel" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">New token</h2>
          <Form method="post" className="stack" key={created?.id ?? "new"}>
            <input type="hidden" name="intent" value="create" />
            <Field name="name" label="Integration name" required maxLength={80} error={errors.name}
              hint="e.g. ServiceNow production" defaultValue={created ? "" : ((result?.values as Record<string, string> | undefined)?.name ?? "")} />
            <div className="actions"><button type="submit">Create token</button></div>
          </Form>
        </section>
        <section className="panel" aria-labelledby="usage-heading">
          <h2 id="usage-heading">Usage</h2>
          <pre className="code-block"><code>{`curl -X POST ${origin}/api/v1/evidence \\
  -H "Authorization: Bearer <token>" \\
  -H "Content-Type: application/json" \\
  -d '{"system":"servicenow","externalRef":"INC0012345",
       "title":"Checkout API returning 502","kind":"incident",
       "handle":"Resolved by 166","priority":"P2",
       "startedAt":"2024-05-01T21:10:00Z",
       "resolvedAt":"2024-05-01T23:40:00Z"}'`}</code></pre>
          <p className="muted">
            One item, or <code>{"{ \"items\": [ … ] }"}</code> (up to 500) in one all-or-nothing transaction. Items are attributed by
            <code> handle</code> or <code>email</code> and keyed by <code>api:&lt;system&gt;:&lt;externalRef&gt;</code>: posting the same
            ticket again updates it instead of adding a second item.
          </p>
        </section>
      </div>
      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Tokens <span className="muted">({live.length} active)</span></h2>
        {tokens.length === 0 ? <p className="muted">No tokens yet.</p> : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td><code>{t.prefix}…</code></td>
                    <td><ImportTime iso={t.created_at} /> <span className="muted">by {t.creator_name}</span></td>
                    <td>{t.last_used_at ? <ImportTime iso={t.last_used_at} /> : <span className="muted">never</span>}</td>
                    <td>{t.revoked_at ? <span className="badge returned">Revoked <ImportTime iso={t.revoked_at} /></span> : <span className="badge verified">Active</span>}</td>
                    <td>
                      {t.revoked_at ? null : (
                        <Form method="post" onSubmit={(e) => { if (!confirm(`Revoke “${t.name}”? Integrations using it stop working at once.`)) e.preventDefault(); }}>
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="tokenId" value={t.id} />
                          <button type="submit" className="danger" aria-label={`Revoke ${t.name}`}>Revoke</button>
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
