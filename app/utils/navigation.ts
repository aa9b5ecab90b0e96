import { CERTIFICATION_ACTIONS, answersFeedback, hasAnyScope } from "~/auth/permissions";
import type { Role } from "~/domain/types";

export interface NavItem {
  to: string;
  label: string;
}

/** Only what the role may use; the server still checks every request. */
export function navFor(role: Role): NavItem[] {
  const items: NavItem[] = [
    { to: "/", label: "Dashboard" },
    { to: "/evidence", label: "Evidence" },
  ];
  // Certifications (issue 17, part 2): a person records their own; managers verify them there.
  if (hasAnyScope(role, CERTIFICATION_ACTIONS.record)) items.push({ to: "/certifications", label: "Certifications" });
  if (hasAnyScope(role, "evidence:verify")) items.push({ to: "/review", label: "Review queue" });
  if (hasAnyScope(role, "team:read")) items.push({ to: "/team", label: "Team" });
  items.push({ to: "/appraisals", label: "Appraisals" });
  // issue 13, point 4: one's own interruptions, rest and toil
  if (hasAnyScope(role, "health:read")) items.push({ to: "/health", label: "On-call health" });
  // issue 17, part 3: the requests waiting for one's feedback
  if (answersFeedback(role)) items.push({ to: "/feedback", label: "Feedback" });
  items.push({ to: "/portfolio", label: "Portfolio" });
  items.push({ to: "/import", label: "Import" });
  if (hasAnyScope(role, "people:manage")) items.push({ to: "/admin", label: "Admin" });
  return items;
}
