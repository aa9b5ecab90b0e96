import { json } from "@remix-run/node";
import type { z } from "zod";

export type FieldErrors = Partial<Record<string, string>>;

/** Validates with zod and returns the first message per field (keyed by the form field name). */
export function validate<T extends z.ZodType>(
  schema: T,
  input: unknown,
): { ok: true; value: z.infer<T> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}

/** The response for invalid input: 422 with the messages and what was typed, so the form can show both. */
export function invalid(errors: FieldErrors, values?: Record<string, unknown>, status = 422) {
  return json({ ok: false as const, errors, values: values ?? {} }, { status });
}
