// The development-goal form, shared by the form (HTML constraints, messages as you type) and the action.
// Values arrive through conform's coercion: empty fields are undefined, numbers are numbers.
import * as z from "zod";
import { ID_MAX } from "~/domain/input-rules";
import { EARLIEST_DAY, LATEST_DAY, isCalendarDay } from "~/domain/calendar";
import { GOAL_EVIDENCE_MAX, GOAL_TITLE_MAX } from "~/domain/limits";
import { requiredText } from "./rules";

export const GOAL_STATUSES = ["open", "in_progress", "done", "dropped"] as const;

export const goalSchema = z
  .object({
    title: requiredText(GOAL_TITLE_MAX, "a title"),
    skill: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
    positionId: z
      .number({ error: "Choose a position from the list." })
      .int("Choose a position from the list.")
      .positive("Choose a position from the list.")
      .max(ID_MAX, "Choose a position from the list.")
      .optional()
      .transform((v) => v ?? null),
    dueDate: z
      .string({ error: "Enter a due date." })
      .trim()
      .refine(isCalendarDay, "Enter a valid date (YYYY-MM-DD).")
      .refine((v) => !isCalendarDay(v) || (v >= EARLIEST_DAY && v <= LATEST_DAY), "Choose a date between 2000 and 2100."),
    status: z.enum(GOAL_STATUSES, { error: "Choose a status." }),
    evidence: z
      .array(
        z
          .number({ error: "Pick evidence from the list." })
          .int("Pick evidence from the list.")
          .positive("Pick evidence from the list.")
          .max(ID_MAX, "Pick evidence from the list."),
        { error: "Pick evidence from the list." },
      )
      .default([])
      .transform((ids) => [...new Set(ids)])
      .refine((ids) => ids.length <= GOAL_EVIDENCE_MAX, `Link at most ${GOAL_EVIDENCE_MAX} items.`),
  })
  .refine((v) => v.skill !== null || v.positionId !== null, {
    path: ["skill"],
    message: "Choose the skill or the position this goal develops (or both).",
  });

export type GoalValues = z.infer<typeof goalSchema>;

export const goalDeleteSchema = z.object({
  confirm: z.literal("yes", { error: "Confirm that you want to delete this goal." }),
});
