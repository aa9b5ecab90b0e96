// Recognise the ticketing tool from a CSV header (case-insensitive; spaces, "-" and "_" are equivalent).
import { normaliseHeader } from "./fields";
import type { Format } from "./types";

const SERVICENOW_HINTS = [
  "incident_state",
  "state",
  "priority",
  "resolved_by",
  "assigned_to",
  "short_description",
  "opened_at",
  "opened",
  "sys_mod_count",
  "sys_updated_at",
  "caller_id",
  "caller",
  "assignment_group",
  "closed_code",
  "close_code",
];

const PAGERDUTY_KEYS = ["incident_number", "id", "incident_id"];
const PAGERDUTY_HINTS = ["urgency", "service_name", "service", "escalation_policy", "escalation_policy_name"];
const PAGERDUTY_TEXT = ["title", "description", "summary", "status"];

export function detectFormat(headers: string[]): Format | null {
  const h = new Set(headers.map(normaliseHeader));
  const has = (k: string) => h.has(k);
  const count = (ks: string[]) => ks.reduce((n, k) => n + (h.has(k) ? 1 : 0), 0);

  if (has("issue_key") || (has("issue_id") && has("summary")) || (has("summary") && has("issue_type"))) {
    return "jira";
  }
  if (has("number") && count(SERVICENOW_HINTS) >= 2) {
    return "servicenow";
  }
  if (count(PAGERDUTY_KEYS) > 0 && count(PAGERDUTY_HINTS) > 0 && count(PAGERDUTY_TEXT) > 0) {
    return "pagerduty";
  }
  return null;
}
