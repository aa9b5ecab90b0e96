// The one result every command returns. Commands know nothing of HTTP: the route turns a Result into a
// response through app/utils/respond.server.ts, so a status code is chosen in exactly one place.

/** One message per field, keyed by the form field's name ("evidence", "skills[2].points"). */
export type FieldErrors = Record<string, string>;

export type Failure =
  | { kind: "invalid"; fieldErrors: FieldErrors; formError?: string }
  | { kind: "conflict"; message: string }
  | { kind: "forbidden"; message: string }
  | { kind: "notFound"; message: string };

export type Result<T = null> = { kind: "ok"; value: T } | Failure;

export function ok(): Result<null>;
export function ok<T>(value: T): Result<T>;
export function ok<T>(value: T | null = null): Result<T | null> {
  return { kind: "ok", value };
}

/** Input the command cannot accept: messages for the fields (and one for the form as a whole). */
export function invalid(fieldErrors: FieldErrors, formError?: string): Failure {
  return formError === undefined ? { kind: "invalid", fieldErrors } : { kind: "invalid", fieldErrors, formError };
}

/** The input is fine but the state moved on (a name taken, an appraisal already signed off). */
export function conflict(message: string): Failure {
  return { kind: "conflict", message };
}

/** The actor's role never allows this. */
export function forbidden(message = "Your role does not allow this."): Failure {
  return { kind: "forbidden", message };
}

/** Nothing there, or nothing the actor may know is there (guessed ids reveal nothing). */
export function notFound(message = "Not found."): Failure {
  return { kind: "notFound", message };
}

export function isOk<T>(result: Result<T>): result is { kind: "ok"; value: T } {
  return result.kind === "ok";
}

/** Field errors gathered while checking; `invalid` only when there are some. */
export function failIfAny(fieldErrors: FieldErrors): Failure | null {
  return Object.keys(fieldErrors).length ? invalid(fieldErrors) : null;
}
