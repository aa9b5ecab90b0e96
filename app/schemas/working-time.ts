// Where and when the signed-in person works (issue 13, point 1), on /profile. Shared by the form and the action.
import * as z from "zod";
import { isTimeZone, parseClockTime } from "~/domain/working-time";

export const WORKING_TIME_INTENT = "working-time";
export const WORKING_TIME_RESET_INTENT = "working-time-reset";

const DAYS = ["1", "2", "3", "4", "5", "6", "7"] as const;

const clock = (label: string) =>
  z
    .string({ error: `Enter when your working day ${label}.` })
    .refine((v) => parseClockTime(v) !== null, `Enter when your working day ${label} as a time such as 09:00.`);

export const workingTimeSchema = z
  .object({
    intent: z.literal(WORKING_TIME_INTENT),
    timeZone: z
      .string({ error: "Choose your time zone." })
      .refine(isTimeZone, "Choose a time zone from the list (such as Europe/London)."),
    // one checkbox per day: absent when none is ticked, a string when one is
    workDays: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z
        .array(z.string())
        .min(1, "Choose at least one working day.")
        // on the list itself, not its items: the message sits next to the days, whichever is wrong
        .refine((days) => days.every((d) => (DAYS as readonly string[]).includes(d)), "Choose days from Monday to Sunday."),
    ),
    workStart: clock("starts"),
    workEnd: clock("ends"),
  })
  .refine((v) => parseClockTime(v.workStart)! < parseClockTime(v.workEnd)!, {
    path: ["workEnd"],
    message: "Your working day must end after it starts (a day that crosses midnight is not supported yet).",
    when: (payload) => {
      const v = payload.value as Record<string, unknown>;
      return [v.workStart, v.workEnd].every((t) => typeof t === "string" && parseClockTime(t) !== null);
    },
  });

export type WorkingTimeValues = z.infer<typeof workingTimeSchema>;
