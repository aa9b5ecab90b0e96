// The new-cycle form (admin), shared by the form and the action. Whether the name is taken is the
// command's question (app/services/appraisals/cycles.server.ts): it needs the database.
import * as z from "zod";
import { characters } from "./rules";
import { isCalendarDay } from "~/domain/calendar";
import { NAME_MAX } from "~/domain/limits";

const day = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a date (YYYY-MM-DD).`)
    .refine(isCalendarDay, `Enter a real calendar date for the ${label}.`);

export const cycleSchema = z
  .object({
    name: z
      .string({ error: "Enter a name." })
      .trim()
      .min(1, "Enter a name.")
      .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`)
      .superRefine(characters()),
    periodStart: day("start of the period"),
    periodEnd: day("end of the period"),
    selfDue: day("self-assessment due date"),
    reviewDue: day("review due date"),
  })
  .superRefine((v, ctx) => {
    // ISO dates compare correctly as strings.
    if (v.periodEnd <= v.periodStart) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "The period must end after it starts." });
    }
    if (v.selfDue <= v.periodStart) {
      ctx.addIssue({
        code: "custom",
        path: ["selfDue"],
        message: "The self-assessment due date must be after the start of the period.",
      });
    }
    if (v.reviewDue <= v.periodStart) {
      ctx.addIssue({
        code: "custom",
        path: ["reviewDue"],
        message: "The review due date must be after the start of the period.",
      });
    } else if (v.reviewDue < v.selfDue) {
      ctx.addIssue({
        code: "custom",
        path: ["reviewDue"],
        message: "The review is due on or after the self-assessment due date.",
      });
    }
  });

export type CycleInput = z.infer<typeof cycleSchema>;
