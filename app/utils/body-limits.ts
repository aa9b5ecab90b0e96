// How large a request body each kind of form may send: the one place these numbers live (README, "Request
// size limits"; ADR 013). A body over its limit is answered 413 before it is read: at once when it declares
// a larger Content-Length, else as soon as the streamed bytes pass the limit.

const KB = 1024;

/** Every ordinary form: sign-in, settings, people, ladder, rules, goals, reviews of evidence, imports' choices. */
export const FORM_LIMIT = 64 * KB;

/**
 * Forms with long free text: evidence (notes up to 20,000 characters, 20 links of 2,000) and appraisals
 * (a comment per skill and a summary). Percent-encoding can make one character nine bytes.
 */
export const LONG_FORM_LIMIT = 1024 * KB;

/** The text fields that travel with an import upload (the token); the file itself has IMPORT_MAX_MB. */
export const UPLOAD_FIELDS_LIMIT = 16 * KB;

export function kbText(bytes: number): string {
  return bytes >= 1024 * KB ? `${Math.round(bytes / (1024 * KB))} MB` : `${Math.round(bytes / KB)} KB`;
}
