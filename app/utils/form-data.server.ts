// The one way an action reads its request (test/unit/forms-read-once.test.ts): the CSRF check, the content
// type, the size limit, then the form. Every refusal is a 4xx with a sentence, never a 500 (ADR 013).
import { checkCsrf, refusal } from "~/auth/csrf.server";
import { CSRF_FIELD } from "~/auth/csrf-token";
import { FORM_LIMIT, kbText } from "./body-limits";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export const NOT_A_FORM = "SupportPath expected a form here (application/x-www-form-urlencoded or multipart/form-data).";
export const UNREADABLE = "The form could not be read. Reload the page and try again.";

export function tooLarge(limit: number): Response {
  return refusal(413, `What you sent is too large: this form accepts up to ${kbText(limit)}.`);
}

/** The request's media type, lower case, without parameters ("" when there is none). */
export function mediaType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Throws the 413 when the request declares a body larger than `limit` (nothing of it is read). */
export function refuseDeclaredOver(request: Request, limit: number) {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
}

/** The body, read as it streams in and abandoned (413) as soon as it passes `limit` bytes. */
async function readLimited(request: Request, limit: number): Promise<Buffer> {
  refuseDeclaredOver(request, limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw refusal(400, UNREADABLE);
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(step.value);
  }
  return Buffer.concat(chunks);
}

/**
 * An action's form, once it has passed every check: same origin and the session's token (403), a form's
 * content type (415), at most `limit` bytes (413), well formed (400). The token field is removed.
 */
export async function readForm(request: Request, { limit = FORM_LIMIT }: { limit?: number } = {}): Promise<FormData> {
  const csrf = await checkCsrf(request);
  const type = request.headers.get("Content-Type") ?? "";
  if (!FORM_TYPES.has(mediaType(request))) throw refusal(415, NOT_A_FORM);
  const body = await readLimited(request, limit);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "Content-Type": type } }).formData();
  } catch {
    throw refusal(400, UNREADABLE);
  }
  csrf.verify(form.get(CSRF_FIELD));
  form.delete(CSRF_FIELD);
  return form;
}
