// Teams kept by admins (issue 16, point 9): the pure rules behind /admin/teams. A team is renamed, never
// re-keyed (people point at its id), and retired rather than deleted: its members' history keeps naming it.

export const TEAM_NAME_MAX = 80;

/** Two names are the same team name when they differ only in case and spacing ("Service  desk" = "service desk"). */
export function sameTeamName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
  return norm(a) === norm(b);
}

/** How a team is named wherever it is shown: a retired team says so. */
export function teamLabel(team: { name: string; retiredAt: string | null }): string {
  return team.retiredAt ? `${team.name} (retired)` : team.name;
}

/** Why a team cannot be retired now, or null when it can. Active members must move first: a retired team takes no one. */
export function retireProblem(team: { name: string; retiredAt: string | null; activeMembers: number }): string | null {
  if (team.retiredAt) return `“${team.name}” is already retired.`;
  if (team.activeMembers > 0)
    return `“${team.name}” still has ${team.activeMembers} active ${team.activeMembers === 1 ? "member" : "members"}: move ${team.activeMembers === 1 ? "them" : "them all"} to another team first.`;
  return null;
}

export const TEAM_MESSAGES = {
  nameTaken: (name: string) => `A team is already called “${name}”: choose another name.`,
  retiredTeam: (name: string) => `“${name}” is retired and takes no new members: choose a live team.`,
  gone: "This team no longer exists.",
  stale: (name: string) => `The team “${name}” was changed meanwhile: reload the page and try again.`,
};
