import { hasAnyScope } from "~/auth/permissions";
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
  if (hasAnyScope(role, "evidence:verify")) items.push({ to: "/review", label: "Review queue" });
  if (hasAnyScope(role, "team:read")) items.push({ to: "/team", label: "Team" });
  items.push({ to: "/appraisals", label: "Appraisals" });
  items.push({ to: "/portfolio", label: "Portfolio" });
  items.push({ to: "/import", label: "Import" });
  if (hasAnyScope(role, "people:manage")) items.push({ to: "/admin", label: "Admin" });
  return items;
}
