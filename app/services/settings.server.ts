// Organisation settings (admin): scoring, business hours, on-call load thresholds, feedback and import
// rules, saved together.
import { type Actor, auditActorId, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { businessHours, importRules, loadThresholds, putSetting, scoringConfig } from "~/models/catalog.server";
import { feedbackThreshold, putFeedbackThreshold } from "~/models/feedback.server";
import { organisationTimeZone, putOrganisationTimeZone } from "~/models/working-time.server";
import type { SettingsValues } from "~/schemas/settings";
import { type Result, ok } from "~/utils/result";

export async function currentSettings(db: DB) {
  const [scoring, hours, thresholds, feedback, imports, timeZone] = await Promise.all([
    scoringConfig(db),
    businessHours(db),
    loadThresholds(db),
    feedbackThreshold(db),
    importRules(db),
    organisationTimeZone(db),
  ]);
  return { scoring, hours, thresholds, feedback: { threshold: feedback }, imports, organisation: { timeZone } };
}

/** The settings as the form's starting values (strings; a ticked checkbox is "on"). */
export async function settingsFormValues(db: DB) {
  const { scoring, hours, thresholds, feedback, imports, organisation } = await currentSettings(db);
  return {
    timeZone: organisation.timeZone,
    halfLifeMonths: String(scoring.halfLifeMonths),
    verifiedWeight: String(scoring.verifiedWeight),
    selfReportedWeight: String(scoring.selfReportedWeight),
    startHour: String(hours.startHour),
    endHour: String(hours.endHour),
    weekdaysOnly: hours.weekdaysOnly ? "on" : undefined,
    afterHoursHoursPerMonth: String(thresholds.afterHoursHoursPerMonth),
    p1PerMonth: String(thresholds.p1PerMonth),
    onCallShiftsPerMonth: String(thresholds.onCallShiftsPerMonth),
    interruptionsPerMonth: String(thresholds.interruptionsPerMonth),
    sleepInterruptionsPerMonth: String(thresholds.sleepInterruptionsPerMonth),
    consecutiveNights: String(thresholds.consecutiveNights),
    minRestHours: String(thresholds.minRestHours),
    shortRestNightsPerMonth: String(thresholds.shortRestNightsPerMonth),
    feedbackThreshold: String(feedback.threshold),
    jiraDoneResolutions: imports.jiraDoneResolutions.join("\n"),
  };
}

/** Saves every setting in one transaction, with one audit entry (before → after). */
export async function saveSettings(db: DB, actor: Actor, v: SettingsValues, now: Date): Promise<Result> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  await inTransaction(db, async (tx) => {
    const before = await currentSettings(tx);
    const after = {
      // the level thresholds are not edited here: keep them as they are
      scoring: {
        ...before.scoring,
        halfLifeMonths: v.halfLifeMonths,
        verifiedWeight: v.verifiedWeight,
        selfReportedWeight: v.selfReportedWeight,
      },
      hours: { startHour: v.startHour, endHour: v.endHour, weekdaysOnly: v.weekdaysOnly },
      thresholds: {
        afterHoursHoursPerMonth: v.afterHoursHoursPerMonth,
        p1PerMonth: v.p1PerMonth,
        onCallShiftsPerMonth: v.onCallShiftsPerMonth,
        interruptionsPerMonth: v.interruptionsPerMonth ?? before.thresholds.interruptionsPerMonth,
        sleepInterruptionsPerMonth: v.sleepInterruptionsPerMonth ?? before.thresholds.sleepInterruptionsPerMonth,
        consecutiveNights: v.consecutiveNights ?? before.thresholds.consecutiveNights,
        minRestHours: v.minRestHours ?? before.thresholds.minRestHours,
        shortRestNightsPerMonth: v.shortRestNightsPerMonth ?? before.thresholds.shortRestNightsPerMonth,
      },
      feedback: { threshold: v.feedbackThreshold },
      imports: { jiraDoneResolutions: v.jiraDoneResolutions },
      organisation: { timeZone: v.timeZone },
    };
    await putSetting(tx, "scoring", after.scoring);
    await putSetting(tx, "business_hours", after.hours);
    await putSetting(tx, "load_thresholds", after.thresholds);
    await putFeedbackThreshold(tx, after.feedback.threshold);
    await putSetting(tx, "import_rules", after.imports);
    await putOrganisationTimeZone(tx, after.organisation.timeZone);
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "settings_update",
        entity: "settings",
        entityId: null,
        subjectPersonId: null,
        before,
        after,
      },
      now,
    );
  });
  return ok();
}
