// The admin settings form: scoring half-life and weights, business hours, on-call load thresholds.
import { z } from "zod";

const num = (label: string, min: number, max: number, opts: { integer?: boolean } = {}) =>
  z
    .string({ message: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .transform((v) => Number(v))
    .refine((v) => Number.isFinite(v), `Enter ${label} as a number.`)
    .refine((v) => !opts.integer || Number.isInteger(v), `Enter ${label} as a whole number.`)
    .refine((v) => v >= min && v <= max, `Enter ${label} between ${min} and ${max}.`);

export const settingsSchema = z
  .object({
    halfLifeMonths: num("the half-life in months", 1, 240),
    verifiedWeight: num("the weight of verified evidence", 0.01, 10),
    selfReportedWeight: num("the weight of self-reported evidence", 0, 10),
    startHour: num("the first business hour", 0, 23, { integer: true }),
    endHour: num("the end of business hours", 1, 24, { integer: true }),
    weekdaysOnly: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "1" || v === "true"),
    afterHoursHoursPerMonth: num("the after-hours hours per month", 0, 744),
    p1PerMonth: num("the P1 incidents per month", 0, 1000, { integer: true }),
    onCallShiftsPerMonth: num("the on-call shifts per month", 0, 100, { integer: true }),
  })
  .superRefine((v, ctx) => {
    if (v.selfReportedWeight > v.verifiedWeight) {
      ctx.addIssue({ code: "custom", path: ["selfReportedWeight"], message: "Self-reported evidence cannot weigh more than verified evidence." });
    }
    if (v.endHour <= v.startHour) {
      ctx.addIssue({ code: "custom", path: ["endHour"], message: "Business hours must end after they start." });
    }
  });

export type SettingsInput = z.infer<typeof settingsSchema>;
