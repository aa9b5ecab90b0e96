// Ladder templates (docs/ladder-template-format.md, ADR 022): the file a ladder is exported to and imported
// from, the checks a file must pass against the organisation's catalogue, and the plan of what an import
// changes. Pure: the catalogue and the current ladder come in as plain data; nothing here writes.
import { type Track, TRACK_NAMES, rankClash } from "./ladder-tracks";

export const LADDER_TEMPLATE_FORMAT = "supportpath-ladder";
export const LADDER_TEMPLATE_VERSION = 1;

export interface TemplatePosition {
  key: string;
  name: string;
  rank: number;
  track: Track;
  isManagement: boolean;
  description: string | null;
  retired: boolean;
  /** required level per skill key */
  requirements: Record<string, number>;
  /** keys of the certifications the position requires */
  certifications: string[];
}

export interface TemplateCertification {
  key: string;
  name: string;
  issuer: string;
  validityMonths: number | null;
  description: string | null;
  /** points per skill key the certification supports */
  skills: Record<string, number>;
}

export interface LadderTemplate {
  format: typeof LADDER_TEMPLATE_FORMAT;
  version: typeof LADDER_TEMPLATE_VERSION;
  name: string;
  skills: { key: string; name: string }[];
  certifications: TemplateCertification[];
  positions: TemplatePosition[];
}

/** A position as stored, with how many active people hold it (they keep it when an import retires it). */
export interface StoredPosition extends TemplatePosition {
  id: number;
  holders: number;
}

const TRACK_ORDER: Record<Track, number> = { shared: 0, ic: 1, management: 2 };

/** The file for a ladder: positions by rank then track, certifications and skills in a fixed order (diffable). */
export function buildTemplate(
  name: string,
  positions: TemplatePosition[],
  certifications: TemplateCertification[],
  catalogue: { key: string; name: string }[],
): LadderTemplate {
  const used = new Set<string>();
  for (const p of positions) for (const k of Object.keys(p.requirements)) used.add(k);
  const needed = new Set(positions.flatMap((p) => p.certifications));
  const certs = certifications.filter((c) => needed.has(c.key)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const c of certs) for (const k of Object.keys(c.skills)) used.add(k);
  const order = new Map(catalogue.map((s, i) => [s.key, i] as const));
  const bySkill = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).sort(([a], [b]) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || (a < b ? -1 : 1)));
  return {
    format: LADDER_TEMPLATE_FORMAT,
    version: LADDER_TEMPLATE_VERSION,
    name,
    skills: catalogue.filter((s) => used.has(s.key)).map((s) => ({ key: s.key, name: s.name })),
    certifications: certs.map((c) => ({ ...c, skills: bySkill(c.skills) })),
    positions: [...positions]
      .sort(
        (a, b) =>
          Number(a.retired) - Number(b.retired) ||
          a.rank - b.rank ||
          TRACK_ORDER[a.track] - TRACK_ORDER[b.track] ||
          (a.key < b.key ? -1 : 1),
      )
      .map((p) => ({ ...p, requirements: bySkill(p.requirements), certifications: [...p.certifications].sort() })),
  };
}

const label = (p: { key: string; name: string }) => `Position "${p.name}" (${p.key})`;

/**
 * What a well-formed template still cannot be imported for, one message per problem naming the position and
 * the field: keys twice, names twice (or taken by another stored position), two live positions on one rung,
 * skills the catalogue does not know, certifications neither in the file nor in the catalogue.
 */
export function checkTemplate(
  t: LadderTemplate,
  ctx: { skillKeys: ReadonlySet<string>; certificationKeys: ReadonlySet<string>; stored: Pick<StoredPosition, "key" | "name">[] },
): string[] {
  const errors: string[] = [];
  const listed = new Set<string>();
  for (const s of t.skills) {
    if (listed.has(s.key)) errors.push(`skills: "${s.key}" is listed twice.`);
    listed.add(s.key);
    if (!ctx.skillKeys.has(s.key))
      errors.push(`skills: unknown skill "${s.key}" (${s.name}): add it to the skills catalogue first, or remove it.`);
  }
  const certKeys = new Set<string>();
  for (const c of t.certifications) {
    if (certKeys.has(c.key)) errors.push(`certifications: "${c.key}" is listed twice.`);
    certKeys.add(c.key);
    for (const k of Object.keys(c.skills))
      if (!listed.has(k))
        errors.push(`Certification "${c.name}" (${c.key}): skills.${k}: unknown skill "${k}" (not in "skills").`);
  }
  const keys = new Set<string>();
  const names = new Map<string, string>();
  const live: { id: number; rank: number; track: Track; key: string; name: string }[] = [];
  t.positions.forEach((p, i) => {
    if (keys.has(p.key)) errors.push(`${label(p)}: key: "${p.key}" is used by another position in the file.`);
    keys.add(p.key);
    const folded = p.name.trim().toLowerCase();
    const twin = names.get(folded);
    if (twin) errors.push(`${label(p)}: name: "${p.name}" is also the name of ${twin} in the file.`);
    else names.set(folded, p.key);
    for (const skill of Object.keys(p.requirements)) {
      if (!listed.has(skill)) errors.push(`${label(p)}: requirements.${skill}: unknown skill "${skill}" (not in "skills").`);
    }
    for (const c of p.certifications) {
      if (!certKeys.has(c) && !ctx.certificationKeys.has(c))
        errors.push(
          `${label(p)}: certifications: unknown certification "${c}" (neither in "certifications" nor in the catalogue).`,
        );
    }
    if (!p.retired) {
      const clash = rankClash(live, { id: i, rank: p.rank, track: p.track });
      if (clash)
        errors.push(
          `${label(p)}: rank: ${clash.name} is already at rank ${p.rank} (${TRACK_NAMES[p.track]}); each rank holds one position per track, a shared rung the whole rank.`,
        );
      live.push({ id: i, rank: p.rank, track: p.track, key: p.key, name: p.name });
    }
  });
  for (const s of ctx.stored) {
    if (keys.has(s.key)) continue;
    const clash = names.get(s.name.trim().toLowerCase());
    if (clash) {
      const p = t.positions.find((x) => x.key === clash)!;
      errors.push(
        `${label(p)}: name: stored position "${s.name}" (${s.key}) already has this name: use its key "${s.key}" or another name.`,
      );
    }
  }
  return errors;
}

export type ChangeKind = "add" | "rename" | "requirements" | "update" | "retire" | "restore";

export interface PositionChange {
  key: string;
  name: string;
  kinds: ChangeKind[];
  /** human lines: "Rank 4 → 5", "Debugging 3 → 4", "Requires ITIL 4 Foundation" */
  details: string[];
  /** active people holding a position the import retires: they keep it */
  holders: number;
}

export interface LadderPlan {
  changes: PositionChange[];
  unchanged: number;
  /** certifications the import adds to the catalogue (key and name) */
  newCertifications: { key: string; name: string }[];
  counts: Record<ChangeKind, number>;
}

const yesNo = (b: boolean) => (b ? "yes" : "no");

/**
 * What importing `t` over the stored ladder changes, position by position (matched by key). A live skill a
 * position of the file does not mention is required at level 0; requirements on retired skills the file
 * leaves out are kept. Stored positions the file leaves out are retired, never deleted (people, goals and
 * appraisals name them). Importing the file a ladder was exported to plans no change.
 */
export function planLadderImport(
  t: LadderTemplate,
  stored: StoredPosition[],
  ctx: { liveSkills: { key: string; name: string }[]; certifications: { key: string; name: string }[] },
): LadderPlan {
  const skillName = new Map([...t.skills, ...ctx.liveSkills].map((s) => [s.key, s.name] as const));
  const certName = new Map([...ctx.certifications, ...t.certifications].map((c) => [c.key, c.name] as const));
  const byKey = new Map(stored.map((p) => [p.key, p] as const));
  const changes: PositionChange[] = [];
  let unchanged = 0;
  for (const p of t.positions) {
    const was = byKey.get(p.key);
    if (!was) {
      changes.push({
        key: p.key,
        name: p.name,
        kinds: ["add"],
        details: [`Rank ${p.rank}, ${TRACK_NAMES[p.track]}${p.retired ? ", retired" : ""}`],
        holders: 0,
      });
      continue;
    }
    const kinds = new Set<ChangeKind>();
    const details: string[] = [];
    if (was.name !== p.name) {
      kinds.add("rename");
      details.push(`Renamed from "${was.name}"`);
    }
    if (was.rank !== p.rank) details.push(`Rank ${was.rank} → ${p.rank}`);
    if (was.track !== p.track) details.push(`${TRACK_NAMES[was.track]} → ${TRACK_NAMES[p.track]}`);
    if (was.isManagement !== p.isManagement)
      details.push(`Management position: ${yesNo(was.isManagement)} → ${yesNo(p.isManagement)}`);
    if ((was.description ?? "") !== (p.description ?? "")) details.push("Description changed");
    if (details.length > (kinds.has("rename") ? 1 : 0)) kinds.add("update");
    for (const skill of requirementSkills(p, ctx.liveSkills)) {
      const before = was.requirements[skill] ?? 0;
      const after = p.requirements[skill] ?? 0;
      if (before !== after) {
        kinds.add("requirements");
        details.push(`${skillName.get(skill) ?? skill} ${before} → ${after}`);
      }
    }
    const had = new Set(was.certifications);
    const wants = new Set(p.certifications);
    for (const c of p.certifications)
      if (!had.has(c)) {
        kinds.add("requirements");
        details.push(`Requires ${certName.get(c) ?? c}`);
      }
    for (const c of was.certifications)
      if (!wants.has(c)) {
        kinds.add("requirements");
        details.push(`No longer requires ${certName.get(c) ?? c}`);
      }
    if (was.retired !== p.retired) {
      kinds.add(p.retired ? "retire" : "restore");
      details.push(p.retired ? "Retired" : "Back on the ladder");
    }
    if (kinds.size) changes.push({ key: p.key, name: p.name, kinds: [...kinds], details, holders: p.retired ? was.holders : 0 });
    else unchanged++;
  }
  const inFile = new Set(t.positions.map((p) => p.key));
  for (const was of stored) {
    if (inFile.has(was.key) || was.retired) continue;
    changes.push({
      key: was.key,
      name: was.name,
      kinds: ["retire"],
      details: ["Not in the file: retired"],
      holders: was.holders,
    });
  }
  const known = new Set(ctx.certifications.map((c) => c.key));
  const counts: Record<ChangeKind, number> = { add: 0, rename: 0, requirements: 0, update: 0, retire: 0, restore: 0 };
  for (const c of changes) for (const k of c.kinds) counts[k]++;
  return {
    changes,
    unchanged,
    newCertifications: t.certifications.filter((c) => !known.has(c.key)).map((c) => ({ key: c.key, name: c.name })),
    counts,
  };
}

/** The skills a position's requirements are written for: every live skill, and any other the file names. */
export function requirementSkills(p: Pick<TemplatePosition, "requirements">, liveSkills: { key: string }[]): string[] {
  const keys = liveSkills.map((s) => s.key);
  for (const k of Object.keys(p.requirements)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** "no changes" once nothing would be written. */
export function planIsEmpty(plan: LadderPlan): boolean {
  return plan.changes.length === 0 && plan.newCertifications.length === 0;
}

/** A file name for the download: supportpath-ladder-2026-12-02.json. */
export function ladderFileName(now: Date): string {
  return `supportpath-ladder-${now.toISOString().slice(0, 10)}.json`;
}
