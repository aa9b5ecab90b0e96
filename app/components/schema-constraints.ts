// HTML constraints from a zod schema. conform's getZodConstraint reads `required`, `pattern` and
// `multiple`, but takes lengths and ranges from `_zod.bag`, which zod 4.6 no longer fills; the limits are
// still on each check's definition, so they are read from there and merged in.
import { getZodConstraint } from "@conform-to/zod/v4";
import type * as z from "zod";

type Constraint = {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number | string;
  max?: number | string;
  pattern?: string;
  multiple?: boolean;
};

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, { _zod: { def: Def } }>;
  innerType?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  out?: { _zod: { def: Def } };
}
interface CheckDef {
  check: string;
  maximum?: number;
  minimum?: number;
  length?: number;
  value?: unknown;
  inclusive?: boolean;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

function limitsOf(def: Def, into: Constraint) {
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === "max_length" && c.maximum !== undefined) into.maxLength = Math.min(into.maxLength ?? Infinity, c.maximum);
    if (c.check === "min_length" && c.minimum !== undefined) into.minLength = Math.max(into.minLength ?? 0, c.minimum);
    if (c.check === "length_equals" && c.length !== undefined) into.minLength = into.maxLength = c.length;
    if (c.check === "less_than" && typeof c.value === "number" && c.inclusive) into.max = c.value;
    if (c.check === "greater_than" && typeof c.value === "number" && c.inclusive) into.min = c.value;
  }
}

function walk(def: Def, name: string, out: Record<string, Constraint>) {
  if (def.type === "object" && def.shape) {
    for (const [key, field] of Object.entries(def.shape)) walk(field._zod.def, name ? `${name}.${key}` : key, out);
    return;
  }
  if (WRAPPERS.has(def.type) && def.innerType) return walk(def.innerType._zod.def, name, out);
  if (def.type === "pipe") {
    if (def.in) walk(def.in._zod.def, name, out);
    return;
  }
  if (name) limitsOf(def, (out[name] ??= {}));
}

export function schemaConstraint(schema: z.ZodType): Record<string, Constraint> {
  const base = getZodConstraint(schema) as Record<string, Constraint>;
  const limits: Record<string, Constraint> = {};
  walk((schema as unknown as { _zod: { def: Def } })._zod.def, "", limits);
  // Copied, not assigned into: conform may hand back an object that ignores writes.
  const merged: Record<string, Constraint> = {};
  for (const name of Object.keys(base)) merged[name] = { ...base[name], ...limits[name] };
  return merged;
}
