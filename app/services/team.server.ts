// The manager's team view: heatmap, bus factor, succession, on-call load and wellbeing.
// A fixed number of queries whatever the team's size (no per-person queries): people, levels (one
// aggregate), positions, thresholds, load evidence (one range query). The rules are the pure ones in
// app/domain/team.ts and app/domain/ladder.ts.
import { reachesEveryone } from "~/auth/permissions";
import { partialMonth } from "~/domain/chart-months";
import type { DB } from "~/db.server";
import { readiness } from "~/domain/ladder";
import { busFactor, heatmap, loadByMonthOfGroups, loadFlags, monthsBack, succession } from "~/domain/team";
import { decayFactor, levelFor, monthAge, round1 } from "~/domain/scoring";
import { certificationEvidence } from "~/models/certifications.server";
import { certificationsExpiring } from "./certification-notices.server";
import { listPositionsWithRequirements, listSkills, loadThresholds, scoringConfig } from "~/models/catalog.server";
import { managersWithReports, subtreeIds, teamPeople } from "~/models/people.server";
import { decayedScores } from "~/models/skill-months.server";
import { loadGroups } from "~/models/team.server";
import type { CurrentUser } from "~/auth/session.server";

export const LOAD_MONTHS = 6;
export const BUS_FACTOR_LEVEL = 3;
export const SUCCESSORS = 3;

export interface TeamScope {
  /** the subtree of this manager; null = the whole organisation (admins) */
  managerId: number | null;
}

/**
 * Whose team the user may look at. Admins: the whole organisation (no filter) or any manager's reporting
 * line. Managers: their own reporting line, or that of a manager inside it. Null when the asked-for manager
 * is not one of those (the route answers 404).
 */
export async function teamScopeFor(db: DB, user: CurrentUser, rawManager: string | null) {
  const all = await managersWithReports(db);
  let managers: { id: number; name: string }[];
  const allowOrg = reachesEveryone(user.role, "team:read");
  if (allowOrg) managers = all;
  else {
    const mine = new Set(await subtreeIds(db, user.id));
    managers = all.filter((m) => m.id === user.id || mine.has(m.id));
    if (!managers.some((m) => m.id === user.id)) managers.unshift({ id: user.id, name: user.name });
  }
  let managerId: number | null;
  if (rawManager === null || rawManager.trim() === "") managerId = allowOrg ? null : user.id;
  else {
    const id = /^\d{1,9}$/.test(rawManager.trim()) ? Number(rawManager.trim()) : NaN;
    if (!managers.some((m) => m.id === id)) return null;
    managerId = id;
  }
  const label =
    managerId === null
      ? "whole organisation"
      : managerId === user.id
        ? "your reporting line"
        : `reporting line of ${managers.find((m) => m.id === managerId)!.name}`;
  return { managerId, label, managers, allowOrg };
}

/** First instant of the month after YYYY-MM, as an ISO date. */
function nextMonthStart(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/**
 * Levels of many people at once, the same as the scoring rules give one person (levelsOfPeople): the
 * database sums each person's monthly buckets weighted and decayed as scoreSkills does (decayedScores, one
 * row per person and skill), and the level is worked out here with the scoring rules' thresholds.
 */
export async function teamLevels(db: DB, personIds: number[], now: Date) {
  const [skills, config] = await Promise.all([listSkills(db), scoringConfig(db)]);
  const [rows, certified] = await Promise.all([
    decayedScores(db, personIds, now, config),
    certificationEvidence(db, personIds, now),
  ]);
  // Valid, verified certifications count as evidence at read time (ADR 020): their buckets weighed and
  // decayed exactly as scoreSkills weighs a bucket, added to the database's sums.
  const rowOf = new Map(certified.size ? rows.map((r) => [`${r.person_id}:${r.skill_key}`, r] as const) : []);
  for (const [personId, buckets] of certified) {
    for (const b of buckets) {
      const score =
        (b.verifiedPoints * config.verifiedWeight + b.selfPoints * config.selfReportedWeight) *
        decayFactor(monthAge(b.month, now), config.halfLifeMonths);
      const row = rowOf.get(`${personId}:${b.skill}`);
      if (row) {
        row.score += score;
        row.items += b.items;
      } else {
        const added = { person_id: personId, skill_key: b.skill, score, items: b.items };
        rows.push(added);
        rowOf.set(`${personId}:${b.skill}`, added);
      }
    }
  }
  const levels = new Map<number, Record<string, number>>();
  for (const id of personIds) levels.set(id, Object.fromEntries(skills.map((s) => [s.key, 0])));
  for (const r of rows) {
    const mine = levels.get(r.person_id);
    if (!mine || !(r.skill_key in mine)) continue;
    // Judged on the rounded score, as scoreSkills does.
    mine[r.skill_key] = levelFor(round1(r.score), r.items, config.thresholds);
  }
  return { skills: skills.map((s) => ({ key: s.key, name: s.name })), levels };
}

export async function teamView(db: DB, scope: TeamScope, now: Date) {
  const ids = scope.managerId === null ? undefined : await subtreeIds(db, scope.managerId);
  const people = await teamPeople(db, ids);
  const personIds = people.map((p) => p.id);
  const months = monthsBack(now, LOAD_MONTHS);
  const from = `${months[0]}-01`;
  const to = nextMonthStart(months[months.length - 1]!);

  const [{ skills, levels }, positions, thresholds, loadRows, expiring] = await Promise.all([
    teamLevels(db, personIds, now),
    listPositionsWithRequirements(db),
    loadThresholds(db),
    loadGroups(db, personIds, from, to),
    // Certifications expiring within 60 days or expired, across the line (issue 17, part 2).
    certificationsExpiring(db, personIds, now),
  ]);
  const skillKeys = skills.map((s) => s.key);

  // Heatmap and bus factor
  const byPerson: Record<string, Record<string, number>> = {};
  for (const p of people) byPerson[String(p.id)] = levels.get(p.id) ?? {};
  const grid = heatmap(
    people.map((p) => ({ id: p.id, name: p.name })),
    byPerson,
    skillKeys,
    BUS_FACTOR_LEVEL,
  );
  const nameOf = new Map(people.map((p) => [String(p.id), p.name]));
  const bus = busFactor(byPerson, skillKeys, BUS_FACTOR_LEVEL).map((b) => ({
    ...b,
    holderNames: b.holders.map((h) => nameOf.get(h) ?? h),
  }));

  // Succession: readiness of everyone for each management position
  const management = positions.filter((p) => p.isManagement);
  const candidates = people.map((p) => ({
    personId: p.id,
    name: p.name,
    currentPositionRank: p.position_rank ?? 0,
    readiness: Object.fromEntries(
      management.map((pos) => [pos.id, readiness(byPerson[String(p.id)]!, pos.requirements, skillKeys).percent]),
    ),
  }));
  const successors = succession(positions, candidates, SUCCESSORS);

  // Load and wellbeing
  // The grouped rows as they come (32,000 for 2,000 people), not a LoadItem each.
  const load = loadByMonthOfGroups(loadRows, months, personIds);
  const flags = loadFlags(load, thresholds);
  const flagsOf = new Map(flags.map((f) => [f.personId, f]));
  const loadRowsOut = load.map((l) => ({
    personId: l.personId as number,
    name: nameOf.get(String(l.personId)) ?? String(l.personId),
    months: l.months.map((m) => ({ ...m, afterHoursHours: Math.round(m.afterHoursHours * 10) / 10 })),
    flagged: flagsOf.get(l.personId)?.flagged ?? false,
    over: flagsOf.get(l.personId)?.months ?? [],
  }));
  const trend = months.map((month, i) => {
    let ah = 0;
    let p1 = 0;
    let shifts = 0;
    let flagged = 0;
    for (const l of load) {
      const m = l.months[i]!;
      ah += m.afterHoursHours;
      p1 += m.p1Count;
      shifts += m.onCallShifts;
    }
    for (const f of flags) if (f.months.some((m) => m.month === month)) flagged++;
    return { month, afterHoursHours: Math.round(ah * 10) / 10, p1Count: p1, onCallShifts: shifts, peopleOver: flagged };
  });

  return {
    certificationsExpiring: expiring,
    skills,
    people: people.map((p) => ({ id: p.id, name: p.name, team: p.team_name, position: p.position_name })),
    heatmap: grid,
    busFactor: bus,
    succession: successors,
    months,
    /** the running month: its load is the days so far, labelled as such rather than read as a drop */
    partialMonth: partialMonth(months, now),
    thresholds,
    load: loadRowsOut,
    flaggedCount: loadRowsOut.filter((r) => r.flagged).length,
    trend,
  };
}

export type TeamViewData = Awaited<ReturnType<typeof teamView>>;
