// The admin settings form: scoring half-life and weights, business hours, on-call load thresholds, the
// 360 feedback anonymity threshold, the Jira resolutions that count as done, the organisation's time zone.
// Shared by the form (HTML min/max, messages as you type) and the action.
import * as z from "zod";
import { SETTING_RANGES } from "~/domain/limits";
import { isTimeZone } from "~/domain/working-time";

type Setting = keyof typeof SETTING_RANGES;

const num = (label: string, setting: Setting, opts: { integer?: boolean } = {}) => {
  const { min, max } = SETTING_RANGES[setting];
  let n = z.number({ error: (issue) => (issue.input === undefined ? `Enter ${label}.` : `Enter ${label} as a number.`) });
  n = n.min(min, `Enter ${label} between ${min} and ${max}.`).max(max, `Enter ${label} between ${min} and ${max}.`);
  // A refinement rather than .int(): .int() aborts the parse, and the cross-field rules below should still speak.
  return opts.integer ? n.refine(Number.isInteger, `Enter ${label} as a whole number.`) : n;
};

export const MAX_RESOLUTIONS = 40;
export const MAX_RESOLUTION_LENGTH = 60;

/** One resolution per line, as Jira writes it; blank lines ignored, a repeated one (any case) refused. */
const resolutionList = z
  .string({ error: "Enter at least one Jira resolution that counts as done." })
  .transform((text) =>
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  )
  .superRefine((lines, ctx) => {
    if (lines.length === 0) ctx.addIssue({ code: "custom", message: "Enter at least one Jira resolution that counts as done." });
    if (lines.length > MAX_RESOLUTIONS)
      ctx.addIssue({ code: "custom", message: `Enter at most ${MAX_RESOLUTIONS} resolutions.` });
    const long = lines.find((l) => l.length > MAX_RESOLUTION_LENGTH);
    if (long)
      ctx.addIssue({ code: "custom", message: `“${long.slice(0, 20)}…” is longer than ${MAX_RESOLUTION_LENGTH} characters.` });
    const seen = new Set<string>();
    for (const l of lines) {
      if (seen.has(l.toLowerCase())) ctx.addIssue({ code: "custom", message: `“${l}” is listed twice.` });
      seen.add(l.toLowerCase());
    }
  });

export const settingsSchema = z
  .object({
    timeZone: z
      .string({ error: "Choose the organisation's time zone." })
      .refine(isTimeZone, "Choose a time zone from the list (such as Europe/London)."),
    halfLifeMonths: num("the half-life in months", "halfLifeMonths"),
    verifiedWeight: num("the weight of verified evidence", "verifiedWeight"),
    selfReportedWeight: num("the weight of self-reported evidence", "selfReportedWeight"),
    startHour: num("the first business hour", "startHour", { integer: true }),
    endHour: num("the end of business hours", "endHour", { integer: true }),
    weekdaysOnly: z.boolean().default(false),
    afterHoursHoursPerMonth: num("the after-hours hours per month", "afterHoursHoursPerMonth"),
    p1PerMonth: num("the P1 incidents per month", "p1PerMonth", { integer: true }),
    onCallShiftsPerMonth: num("the on-call shifts per month", "onCallShiftsPerMonth", { integer: true }),
    // On-call health (ADR 030); a form saved before these existed keeps the stored values
    interruptionsPerMonth: num("the interruptions per month", "interruptionsPerMonth", { integer: true }).optional(),
    sleepInterruptionsPerMonth: num("the sleep-hour interruptions per month", "sleepInterruptionsPerMonth", {
      integer: true,
    }).optional(),
    consecutiveNights: num("the interrupted nights in a row", "consecutiveNights", { integer: true }).optional(),
    minRestHours: num("the minimum rest in hours", "minRestHours").optional(),
    shortRestNightsPerMonth: num("the nights short of rest per month", "shortRestNightsPerMonth", {
      integer: true,
    }).optional(),
    feedbackThreshold: num("the number of answers needed", "feedbackThreshold", { integer: true }),
    jiraDoneResolutions: resolutionList,
  })
  // Each cross-field rule runs as soon as its own two fields are numbers, whatever else is wrong, so
  // every message shows at once.
  .refine((v) => v.selfReportedWeight <= v.verifiedWeight, {
    path: ["selfReportedWeight"],
    message: "Self-reported evidence cannot weigh more than verified evidence.",
    when: (payload) => numbers(payload.value, "selfReportedWeight", "verifiedWeight"),
  })
  .refine((v) => v.endHour > v.startHour, {
    path: ["endHour"],
    message: "Business hours must end after they start.",
    when: (payload) => numbers(payload.value, "startHour", "endHour"),
  });

function numbers(value: unknown, ...keys: string[]): boolean {
  return typeof value === "object" && value !== null && keys.every((k) => Number.isFinite((value as Record<string, unknown>)[k]));
}

export type SettingsValues = z.infer<typeof settingsSchema>;
