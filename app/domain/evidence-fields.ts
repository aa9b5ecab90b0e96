// Which optional details of an evidence item matter for which kind of work. Pure: no I/O.
// The form shows these groups as fieldsets (all of them without JavaScript, only the relevant
// ones with it), and the server clears the details that do not apply to the chosen kind, so a
// value typed before switching kind is never stored silently.

export type FieldGroup = "severity" | "role" | "ticket" | "change" | "refactoring" | "time";

export interface FieldGroupDef {
  key: FieldGroup;
  legend: string;
  /** kind keys the group applies to; kinds not listed anywhere (added by an admin) get every group */
  kinds: readonly string[];
  /** EvidenceInput properties the group holds */
  fields: readonly string[];
}

export const FIELD_GROUPS: readonly FieldGroupDef[] = [
  {
    key: "severity",
    legend: "Priority and impact",
    kinds: ["incident", "problem", "escalation"],
    fields: ["priority", "impact"],
  },
  {
    key: "role",
    legend: "Your role",
    kinds: ["incident", "problem", "change", "dr_drill", "design", "escalation"],
    fields: ["workRole"],
  },
  {
    key: "ticket",
    legend: "Ticket history",
    kinds: ["incident", "problem"],
    fields: ["outcome", "reassignmentCount", "reopenCount", "problemRef", "changeRef", "resolutionCode"],
  },
  { key: "change", legend: "Change details", kinds: ["change"], fields: ["emergency", "addsFunctionality"] },
  { key: "refactoring", legend: "Refactoring details", kinds: ["refactoring"], fields: ["fixesSlowness"] },
  {
    key: "time",
    legend: "Time and after-hours work",
    kinds: ["incident", "problem", "change", "performance", "dr_drill", "escalation", "on_call"],
    fields: ["durationMinutes", "afterHours", "afterHoursMinutes"],
  },
];

const KNOWN_KINDS = new Set(FIELD_GROUPS.flatMap((g) => g.kinds));
/** Default kinds that have no optional details at all. */
const DETAIL_FREE_KINDS = new Set(["knowledge", "mentoring", "training"]);

/** Whether a group of details applies to a kind. Unknown kinds (added later by an admin) show everything. */
export function groupApplies(group: FieldGroupDef, kind: string): boolean {
  if (!kind) return true;
  if (!KNOWN_KINDS.has(kind) && !DETAIL_FREE_KINDS.has(kind)) return true;
  return group.kinds.includes(kind);
}

const EMPTY: Record<string, null | false | number> = {
  priority: null,
  impact: null,
  workRole: null,
  outcome: null,
  reassignmentCount: 0,
  reopenCount: 0,
  problemRef: null,
  changeRef: null,
  resolutionCode: null,
  emergency: false,
  addsFunctionality: false,
  fixesSlowness: false,
  durationMinutes: 0,
  afterHours: false,
  afterHoursMinutes: 0,
};

/** The item with the details that do not apply to its kind reset to "not given". */
export function clearIrrelevant<T extends { kind: string }>(item: T): T {
  const out: Record<string, unknown> = { ...item };
  for (const group of FIELD_GROUPS) {
    if (groupApplies(group, item.kind)) continue;
    for (const f of group.fields) if (f in EMPTY) out[f] = EMPTY[f];
  }
  if (out.afterHours === false) out.afterHoursMinutes = 0;
  return out as T;
}
