// The skills catalogue's rules (issue 17, part 1; ADR 019). Pure: no database, no clock.
// A skill is named everywhere by its key (contributions, monthly buckets, requirements, ratings, goals), so
// the key is chosen once when the skill is added and never changes: a rename changes the name only, and
// history follows it. Retiring a skill keeps every row that names it; it only leaves the lists new work is
// chosen from, and old data shows it labelled.

/** Each rule with the reason a person reads when it is broken. */
export const SKILL_KEY_MAX = 40;
export const SKILL_NAME_MAX = 120;
export const SKILL_DESCRIPTION_MAX = 1_000;
/** SFIA codes one skill maps to. */
export const SFIA_CODES_MAX = 8;

const KEY = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** A SFIA skill code: four capital letters (PBMG, USUP, ITMG …). */
const SFIA_CODE = /^[A-Z]{4}$/;

export const SKILL_MESSAGES = {
  keyRequired: "Enter a key.",
  keyShape:
    "Use lower-case letters and digits in words joined by single hyphens, starting with a letter (e.g. on-call-readiness).",
  keyLength: `Use at most ${SKILL_KEY_MAX} characters.`,
  keyTaken: (key: string) => `The key “${key}” is already used by another skill (keys stay unique, even for retired skills).`,
  nameTaken: (name: string) => `Another skill is already called “${name}”.`,
  sfiaShape: (code: string) => `“${code}” is not a SFIA code: use four capital letters, e.g. PBMG, USUP.`,
  sfiaTooMany: `Use at most ${SFIA_CODES_MAX} SFIA codes.`,
  sfiaRepeated: (code: string) => `${code} is listed twice.`,
};

/** Why a key is refused (null when fine). Keys are stored as typed: lower case is part of the rule. */
export function skillKeyProblem(key: string): string | null {
  if (key === "") return SKILL_MESSAGES.keyRequired;
  if (key.length > SKILL_KEY_MAX) return SKILL_MESSAGES.keyLength;
  if (!KEY.test(key)) return SKILL_MESSAGES.keyShape;
  return null;
}

/** The SFIA codes as typed ("pbmg, usup" or "PBMG USUP"), split and upper-cased. */
export function splitSfiaCodes(raw: string): string[] {
  return raw
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

/** Why a list of SFIA codes is refused (null when fine); an empty list is allowed (a skill of one's own). */
export function sfiaCodesProblem(raw: string): string | null {
  const codes = splitSfiaCodes(raw);
  if (codes.length > SFIA_CODES_MAX) return SKILL_MESSAGES.sfiaTooMany;
  const seen = new Set<string>();
  for (const c of codes) {
    if (!SFIA_CODE.test(c)) return SKILL_MESSAGES.sfiaShape(c);
    if (seen.has(c)) return SKILL_MESSAGES.sfiaRepeated(c);
    seen.add(c);
  }
  return null;
}

/** The stored form of the codes, as the default catalogue writes them: "PBMG, USUP". */
export function normaliseSfiaCodes(raw: string): string {
  return splitSfiaCodes(raw).join(", ");
}

/** Names are compared as a reader would: case and surrounding or repeated spaces do not make a new name. */
export function sameSkillName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize("NFKC").replace(/\s+/g, " ").trim().toLocaleLowerCase("en");
  return fold(a) === fold(b);
}

/** How old data names a skill: a retired one says so, so that nobody reads it as a skill still scored. */
export function skillLabel(skill: { name: string; retired: boolean }): string {
  return skill.retired ? `${skill.name} (retired)` : skill.name;
}

/**
 * The order after moving `key` one place up or down among `keys` (the catalogue's order); null when it
 * cannot move that way (first or last, or not in the list).
 */
export function moveInOrder(keys: readonly string[], key: string, direction: "up" | "down"): string[] | null {
  const i = keys.indexOf(key);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= keys.length) return null;
  const out = [...keys];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** The catalogue form's fields, for a stale save's message (ADR 017). */
export const SKILL_LABELS = { name: "Name", description: "Description", sfiaCodes: "SFIA codes", retired: "Retired" };

/** A skill as its edit page shows it. */
export function skillSnapshot(s: { name: string; description: string | null; sfiaCodes: string; retired: boolean }) {
  return { name: s.name, description: s.description ?? "", sfiaCodes: s.sfiaCodes, retired: s.retired ? "yes" : "no" };
}
