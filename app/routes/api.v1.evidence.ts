// POST /api/v1/evidence — the ingest API (bearer integration token, JSON in and out).
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getDb } from "~/db.server";
import { now } from "~/clock.server";
import { constraintViolation } from "~/models/constraint-errors.server";
import { INGEST_MAX_BYTES, authenticate, ingest, itemErrorsOf } from "~/services/ingest.server";
import { respondJson } from "~/utils/respond.server";

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="SupportPath"' };

function error(status: number, message: string, headers: Record<string, string> = {}) {
  return json({ error: message }, { status, headers });
}

/** The body as text, or null once it grows past `limit` bytes (stops reading there). */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString("utf8");
}

export async function loader() {
  return error(405, "Use POST with a JSON body.", { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return error(405, "Use POST with a JSON body.", { Allow: "POST" });
  const db = getDb();
  const auth = await authenticate(db, request.headers.get("Authorization"));
  if (!auth.ok) return error(auth.status, auth.error, auth.status === 401 ? CHALLENGE : {});

  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("application/json")) return error(415, "Send the items as JSON (Content-Type: application/json).");
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > INGEST_MAX_BYTES) return error(413, `The body is too large; the limit is ${INGEST_MAX_BYTES / 1024 / 1024} MB.`);
  const text = await readLimited(request, INGEST_MAX_BYTES);
  if (text === null) return error(413, `The body is too large; the limit is ${INGEST_MAX_BYTES / 1024 / 1024} MB.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return error(400, "The body is not valid JSON.");
  }
  try {
    const result = await ingest(db, auth.actor, body, now());
    // The documented 422 body lists the items' problems ({ error, errors: [{ index, field, message }] });
    // every other outcome is respondJson's (201 when something was created, 409 for a racing request).
    if (result.kind === "invalid")
      return json({ error: result.formError, errors: itemErrorsOf(result.fieldErrors) }, { status: 422 });
    return respondJson(result, (summary) => json(summary, { status: summary.created > 0 ? 201 : 200 }));
  } catch (e) {
    if (!constraintViolation(e)) console.error("ingest failed", e);
    return error(500, "Nothing was written: the request failed. Send it again, or ask an admin to look at the server log.");
  }
}
