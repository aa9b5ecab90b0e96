// conform's useForm bound to one shared zod schema: the HTML constraints (required, maxLength, min, max;
// see schema-constraints.ts)
// and the client-side messages come from the schema the action validates with.
import { type FieldMetadata, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type * as z from "zod";
import { config as zodConfig } from "zod";
import { schemaConstraint } from "./schema-constraints";

// zod 4 probes `new Function("")` to compile faster parsers; the CSP allows no eval (ADR 014), so in the
// browser the probe would be a reported violation. Parse without it there.
if (typeof document !== "undefined") zodConfig({ jitless: true });

export function useSchemaForm<Schema extends z.ZodType<Record<string, unknown>>>(
  schema: Schema,
  options: { id?: string; lastResult?: SubmissionResult<string[]> | null; defaultValue?: Record<string, unknown> } = {},
) {
  return useForm({
    id: options.id,
    lastResult: options.lastResult ?? undefined,
    defaultValue: options.defaultValue as never,
    constraint: schemaConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

type Meta = Pick<
  FieldMetadata<unknown>,
  "name" | "initialValue" | "errors" | "allErrors" | "required" | "maxLength" | "minLength" | "min" | "max"
>;

/** The field's first message, including those of its items (`evidence[0]`) for arrays. */
export function firstError(meta: Pick<Meta, "errors" | "allErrors">): string | undefined {
  return meta.errors?.[0] ?? Object.values(meta.allErrors ?? {}).flat()[0];
}

/** Props for <Field>/<SelectField> from a conform field: its name, value, first error and constraints. */
export function fieldProps(meta: Meta) {
  const initial = meta.initialValue;
  return {
    name: meta.name,
    defaultValue: typeof initial === "string" ? initial : undefined,
    error: firstError(meta),
    required: meta.required,
    maxLength: meta.maxLength,
    minLength: meta.minLength,
    min: meta.min,
    max: meta.max,
  };
}

/** Props for <SelectField> from a conform field. */
export function selectProps(meta: Meta) {
  const initial = meta.initialValue;
  return {
    name: meta.name,
    defaultValue: typeof initial === "string" ? initial : undefined,
    error: firstError(meta),
    required: meta.required,
  };
}
