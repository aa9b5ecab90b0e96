// The admin settings form: scoring half-life and weights, business hours, on-call load thresholds.
// Shared by the form (HTML min/max, messages as you type) and the action.
import * as z from "zod";
import { SETTING_RANGES } from "~/domain/limits";

type Setting = keyof typeof SETTING_RANGES;

const num = (label: string, setting: Setting, opts: { integer?: boolean } = {}) => {
  const { min, max } = SETTING_RANGES[setting];
  let n = z.number({ error: (issue) => (issue.input === undefined ? `Enter ${label}.` : `Enter ${label} as a number.`) });
  if (opts.integer) n = n.int(`Enter ${label} as a whole number.`);
  return n.min(min, `Enter ${label} between ${min} and ${max}.`).max(max, `Enter ${label} between ${min} and ${max}.`);
};

export const settingsSchema = z
  .object({
    halfLifeMonths: num("the half-life in months", "halfLifeMonths"),
    verifiedWeight: num("the weight of verified evidence", "verifiedWeight"),
    selfReportedWeight: num("the weight of self-reported evidence", "selfReportedWeight"),
    startHour: num("the first business hour", "startHour", { integer: true }),
    endHour: num("the end of business hours", "endHour", { integer: true }),
    weekdaysOnly: z.boolean().default(false),
    afterHoursHoursPerMonth: num("the after-hours hours per month", "afterHoursHoursPerMonth"),
    p1PerMonth: num("the P1 incidents per month", "p1PerMonth", { integer: true }),
    onCallShiftsPerMonth: num("the on-call shifts per month", "onCallShiftsPerMonth", { integer: true }),
  })
  .superRefine((v, ctx) => {
    if (v.selfReportedWeight > v.verifiedWeight) {
      ctx.addIssue({ code: "custom", path: ["selfReportedWeight"], message: "Self-reported evidence cannot weigh more than verified evidence." });
    }
    if (v.endHour <= v.startHour) {
      ctx.addIssue({ code: "custom", path: ["endHour"], message: "Business hours must end after they start." });
    }
  });

export type SettingsValues = z.infer<typeof settingsSchema>;
