// The appraisal's audit log as people read it: labels for the stored keys ("manager.crisis.level" →
// "Manager level · Crisis and major-incident handling") and for the values (state keys, outcome keys,
// position and person ids → names). Pure: the names come in as maps.
import { type AppraisalState, EVENT_LABELS, OUTCOMES, PROMOTION_READINESS, STATE_LABELS } from "./appraisal-workflow";

export const FIELD_LABELS: Record<string, string> = {
  state: "State",
  self_summary: "Self-assessment summary",
  manager_comment: "Manager's comment",
  outcome: "Overall outcome",
  promo_position_id: "Promotion target",
  promo_readiness: "Promotion readiness",
  manager_id: "Reviewing manager",
  acknowledgement_comment: "Employee's comment at acknowledgement",
  acknowledgement_disagrees: "Employee disagrees",
};

export interface AuditNames {
  positions: Map<number, string>;
  people: Map<number, string>;
  skills: Map<string, string>;
}

export interface AuditRow {
  id: number;
  at: string;
  actor_name: string | null;
  action: string;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  changes: { field: string; label: string; before: string; after: string }[];
}

const labelOf = <K extends string>(list: readonly { key: K; label: string }[], v: unknown) =>
  list.find((o) => o.key === v)?.label;

export function valueLabel(field: string, v: unknown, names: Pick<AuditNames, "positions" | "people">): string {
  if (v === null || v === undefined || v === "") return "—";
  if (field === "state") return STATE_LABELS[v as AppraisalState] ?? String(v);
  if (field === "outcome") return labelOf(OUTCOMES, v) ?? String(v);
  if (field === "promo_readiness") return labelOf(PROMOTION_READINESS, v) ?? String(v);
  if (field === "promo_position_id") return names.positions.get(Number(v)) ?? (v === 0 ? "No promotion" : `#${v}`);
  if (field === "manager_id") return names.people.get(Number(v)) ?? `#${v}`;
  if (field === "acknowledgement_disagrees") return v === true ? "Yes" : "No";
  return String(v);
}

const RATING_KEY = /^(self|manager)\.(.+)\.(level|comment)$/;

/** "self.crisis.comment" → "Self comment · <skill name>"; other keys from FIELD_LABELS. */
export function fieldLabel(field: string, skills: Map<string, string>): string {
  const m = RATING_KEY.exec(field);
  if (!m) return FIELD_LABELS[field] ?? field;
  return `${m[1] === "self" ? "Self" : "Manager"} ${m[3]} · ${skills.get(m[2]!) ?? m[2]}`;
}

function parsed(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const eventLabel = (action: string) => (action in EVENT_LABELS ? EVENT_LABELS[action as keyof typeof EVENT_LABELS] : action);

/** One audit row as the page shows it: fields in the order they were recorded, before → after. */
export function auditEntryView(r: AuditRow, names: AuditNames): AuditEntryView {
  const before = parsed(r.before_json);
  const after = parsed(r.after_json);
  const fields = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
  return {
    id: r.id,
    at: r.at,
    actor: r.actor_name ?? "—",
    action: eventLabel(r.action),
    reason: r.reason,
    changes: fields.map((f) => {
      const valueField = RATING_KEY.test(f) ? "" : f;
      return {
        field: f,
        label: fieldLabel(f, names.skills),
        before: valueLabel(valueField, before[f], names),
        after: valueLabel(valueField, after[f], names),
      };
    }),
  };
}
