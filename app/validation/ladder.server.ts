import { z } from "zod";
import { MAX_LEVEL } from "~/domain/defaults";

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "1" || v === "true");

const level = z
  .string({ message: `Enter a level from 0 to ${MAX_LEVEL}.` })
  .trim()
  .regex(/^\d+$/, `Enter a whole level from 0 to ${MAX_LEVEL}.`)
  .transform(Number)
  .refine((n) => n >= 0 && n <= MAX_LEVEL, `Enter a level from 0 to ${MAX_LEVEL}.`);

/**
 * A ladder position as the form sends it: name, rank, flags, and one `req.<skill>` level per live skill.
 * Error keys match the field names, so each message sits next to its input.
 */
export function positionSchema(skillKeys: string[]) {
  const reqs = Object.fromEntries(skillKeys.map((k) => [`req.${k}`, level]));
  return z.object({
    name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
    rank: z
      .string()
      .trim()
      .regex(/^\d+$/, "Enter a whole number (1 is the first rung).")
      .transform(Number)
      .refine((n) => n >= 1 && n <= 999, "Use a rank from 1 to 999."),
    isManagement: checkbox,
    retired: checkbox,
    ...reqs,
  });
}

export type PositionValues = {
  name: string;
  rank: number;
  isManagement: boolean;
  retired: boolean;
  requirements: Record<string, number>;
};

/** The validated form as the model wants it. */
export function toPositionValues(v: Record<string, unknown>, skillKeys: string[]): PositionValues {
  return {
    name: v.name as string,
    rank: v.rank as number,
    isManagement: v.isManagement as boolean,
    retired: v.retired as boolean,
    requirements: Object.fromEntries(skillKeys.map((k) => [k, v[`req.${k}`] as number])),
  };
}
