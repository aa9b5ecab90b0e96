import { z } from "zod";

export const GOAL_STATUSES = ["open", "in_progress", "done", "dropped"] as const;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : null));

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? Number(v) : null))
  .refine((v) => v === null || (Number.isInteger(v) && v > 0), "Choose a position from the list.");

/** A real calendar day written YYYY-MM-DD (what <input type=date> sends). */
export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export const goalSchema = z
  .object({
    title: z.string().trim().min(1, "Enter a title.").max(200, "Use at most 200 characters."),
    skill: optionalText,
    positionId: optionalId,
    dueDate: z
      .string()
      .trim()
      .min(1, "Enter a due date.")
      .refine(isCalendarDay, "Enter a valid date (YYYY-MM-DD).")
      .refine((v) => !isCalendarDay(v) || (v >= "2000-01-01" && v <= "2100-12-31"), "Choose a date between 2000 and 2100."),
    status: z.enum(GOAL_STATUSES, { message: "Choose a status." }),
    evidence: z
      .array(z.string())
      .default([])
      .transform((xs) => [...new Set(xs.map((x) => Number(x)))])
      .refine((ids) => ids.every((id) => Number.isInteger(id) && id > 0), "Pick evidence from the list.")
      .refine((ids) => ids.length <= 50, "Link at most 50 items."),
  })
  .refine((v) => v.skill !== null || v.positionId !== null, {
    path: ["skill"],
    message: "Choose the skill or the position this goal develops (or both).",
  });

export type GoalValues = z.infer<typeof goalSchema>;
