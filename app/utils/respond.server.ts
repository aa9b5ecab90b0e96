// The one adapter from a command's Result to an HTTP response. Form routes give it conform's submission
// so field errors come back in the shape the form reads (`useForm({ lastResult })`); API routes use
// `respondJson`. Forbidden and not-found are thrown so the route's error boundary shows a friendly page.
import type { Submission, SubmissionResult } from "@conform-to/react";
import { json } from "@remix-run/node";
import type { Failure, Result } from "./result";

export const STATUS: Record<Failure["kind"], number> = { invalid: 422, conflict: 409, forbidden: 403, notFound: 404 };

type Reply = SubmissionResult<string[]>;

/** An intent the action does not know (a hand-made request): 400, nothing changed. */
export function unknownIntent() {
  return json({ status: "error", error: { "": ["Unknown action."] } } as Reply, { status: 400 });
}

/** What a form action returns when the submission itself does not parse: 422 with conform's reply. */
export function rejectSubmission(submission: Submission<unknown>, options: { hideFields?: string[] } = {}) {
  return json(submission.reply({ hideFields: options.hideFields }) as Reply, { status: 422 });
}

/** Throws forbidden/not-found; returns the failure as conform's reply with 422 or 409. */
export function replyFailure(failure: Failure, submission: Submission<unknown>, options: { hideFields?: string[] } = {}) {
  switch (failure.kind) {
    case "forbidden":
    case "notFound":
      throw new Response(failure.message, { status: STATUS[failure.kind] });
    case "invalid": {
      const fieldErrors = Object.fromEntries(Object.entries(failure.fieldErrors).map(([k, v]) => [k, [v]]));
      const formErrors = failure.formError ? [failure.formError] : undefined;
      return json(submission.reply({ fieldErrors, formErrors, hideFields: options.hideFields }) as Reply, { status: 422 });
    }
    case "conflict":
      return json(submission.reply({ formErrors: [failure.message], hideFields: options.hideFields }) as Reply, { status: 409 });
  }
}

/**
 * A form command's result as the response: `onOk` for success (usually a redirect), else the failure.
 * One call per action keeps every route on the same mapping.
 */
export async function respond<T>(
  result: Result<T>,
  submission: Submission<unknown>,
  onOk: (value: T) => Response | Promise<Response>,
  options: { hideFields?: string[] } = {},
): Promise<Response> {
  if (result.kind === "ok") return onOk(result.value);
  return replyFailure(result, submission, options);
}

/** For JSON APIs and fetchers without a form: `{ ok: true, ...}` or `{ ok: false, error, fieldErrors }`. */
export function respondJson<T>(result: Result<T>, onOk: (value: T) => Response = (value) => json({ ok: true, value })): Response {
  if (result.kind === "ok") return onOk(result.value);
  const body =
    result.kind === "invalid"
      ? { ok: false, error: result.formError ?? "Some fields need attention.", fieldErrors: result.fieldErrors }
      : { ok: false, error: result.message };
  return json(body, { status: STATUS[result.kind] });
}

/**
 * Actions parse with conform from here, a .server module: imported straight from "@conform-to/zod/v4" the
 * package stays in the route's client chunk (it is not marked free of side effects), zod with it, even
 * on a page whose form needs no schema.
 */
export { parseWithZod } from "@conform-to/zod/v4";
