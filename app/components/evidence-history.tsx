import { STATUS_LABELS } from "~/domain/evidence-status";
import type { EvidenceStatus } from "~/domain/types";
import { formatDateTime } from "~/utils/evidence-format";

export interface AuditView {
  id: number;
  at: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  actor_name: string | null;
}

const FIELD_NAMES: Record<string, string> = {
  kind: "kind",
  title: "title",
  externalRef: "reference",
  startedAt: "start",
  resolvedAt: "finish",
  priority: "priority",
  impact: "impact",
  workRole: "role",
  outcome: "outcome",
  afterHours: "after-hours flag",
  afterHoursMinutes: "after-hours minutes",
  durationMinutes: "duration",
  emergency: "emergency flag",
  addsFunctionality: "new functionality flag",
  fixesSlowness: "slowness flag",
  reassignmentCount: "reassignments",
  reopenCount: "reopens",
  problemRef: "problem record",
  changeRef: "related change",
  resolutionCode: "resolution code",
  notes: "notes",
  links: "links",
};

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const label = (s: unknown) => STATUS_LABELS[s as EvidenceStatus] ?? String(s);

/** One line of text per audit entry of an item. */
export function describeEntry(e: AuditView): string {
  const before = parse(e.before_json);
  const after = parse(e.after_json);
  const moved =
    before.status && after.status && before.status !== after.status ? ` (${label(before.status)} → ${label(after.status)})` : "";
  switch (e.action) {
    case "evidence_create":
      return after.status === "submitted" ? "Created and submitted for review" : "Created as a draft";
    case "evidence_update": {
      const fields = Object.keys(after)
        .filter((k) => k !== "status")
        .map((k) => FIELD_NAMES[k] ?? k);
      return `Edited${fields.length ? `: ${fields.join(", ")}` : " (no field changed)"}${moved}`;
    }
    case "evidence_submit":
      return "Submitted for review";
    case "evidence_verify":
      return "Verified";
    case "evidence_return":
      return `Returned${e.reason ? `: “${e.reason}”` : ""}`;
    case "evidence_adjust": {
      const list = Array.isArray(after.adjustments) ? (after.adjustments as { skill: string; points: number }[]) : [];
      const text = list.length
        ? list.map((a) => `${a.skill} ${a.points > 0 ? "+" : ""}${a.points}`).join(", ")
        : "adjustments removed";
      return `Adjusted skill points: ${text}${moved}`;
    }
    case "evidence_endorse":
      return "Endorsed";
    case "evidence_delete":
      return "Deleted";
    default:
      return e.action.replace(/_/g, " ");
  }
}

export function EvidenceHistory({ entries }: { entries: AuditView[] }) {
  if (!entries.length) return <p className="muted">No recorded changes yet.</p>;
  return (
    <ol className="history">
      {entries.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {e.actor_name ?? "System"}: {describeEntry(e)}
        </li>
      ))}
    </ol>
  );
}
