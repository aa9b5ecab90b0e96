// Organisation settings (admin): scoring, business hours and on-call load thresholds, saved together.
import { now as clockNow } from "~/clock.server";
import { type DB, inTransaction } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { businessHours, loadThresholds, putSetting, scoringConfig } from "~/models/catalog.server";
import { type FieldErrors, validate } from "~/validation/form.server";
import { settingsSchema } from "~/validation/settings.server";

export async function currentSettings(db: DB) {
  const [scoring, hours, thresholds] = await Promise.all([scoringConfig(db), businessHours(db), loadThresholds(db)]);
  return { scoring, hours, thresholds };
}

/** The settings as form values (strings), for the form's defaults. */
export async function settingsFormValues(db: DB): Promise<Record<string, string>> {
  const { scoring, hours, thresholds } = await currentSettings(db);
  return {
    halfLifeMonths: String(scoring.halfLifeMonths),
    verifiedWeight: String(scoring.verifiedWeight),
    selfReportedWeight: String(scoring.selfReportedWeight),
    startHour: String(hours.startHour),
    endHour: String(hours.endHour),
    weekdaysOnly: hours.weekdaysOnly ? "on" : "",
    afterHoursHoursPerMonth: String(thresholds.afterHoursHoursPerMonth),
    p1PerMonth: String(thresholds.p1PerMonth),
    onCallShiftsPerMonth: String(thresholds.onCallShiftsPerMonth),
  };
}

/** Validates and saves every setting in one transaction, with one audit entry (before → after). */
export async function saveSettingsFromForm(db: DB, actorId: number, form: Record<string, string>, now = clockNow()): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const parsed = validate(settingsSchema, form);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  await inTransaction(db, async (tx) => {
    const before = await currentSettings(tx);
    const after = {
      // the level thresholds are not edited here: keep them as they are
      scoring: { ...before.scoring, halfLifeMonths: v.halfLifeMonths, verifiedWeight: v.verifiedWeight, selfReportedWeight: v.selfReportedWeight },
      hours: { startHour: v.startHour, endHour: v.endHour, weekdaysOnly: v.weekdaysOnly },
      thresholds: { afterHoursHoursPerMonth: v.afterHoursHoursPerMonth, p1PerMonth: v.p1PerMonth, onCallShiftsPerMonth: v.onCallShiftsPerMonth },
    };
    await putSetting(tx, "scoring", after.scoring);
    await putSetting(tx, "business_hours", after.hours);
    await putSetting(tx, "load_thresholds", after.thresholds);
    await recordAudit(tx, { actorId, action: "settings_update", entity: "settings", entityId: null, subjectPersonId: null, before, after }, now);
  });
  return { ok: true };
}
