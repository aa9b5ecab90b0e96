// Which person an unknown ITSM handle most likely belongs to, by name similarity: "akhan", "aisha.khan",
// "KhanA" and "aishak" all point to Aisha Khan. Pure and deterministic (ties go to the earlier person), so
// the preview can offer it as a one-click suggestion; the admin still decides.

export interface Candidate {
  id: number;
  name: string;
  email?: string | null;
}

export interface Suggestion {
  id: number;
  name: string;
  /** 0…1, 1 = the handle is one of the person's name patterns exactly */
  score: number;
}

/** Below this the handle is not said to look like anyone ("Resolved by 149" looks like no one). */
export const SUGGEST_FROM = 0.75;

/** Lower-case ASCII letters and digits: accents dropped, "Marín" → "marin", "Łukasz" → "lukasz". */
export function fold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ł/gi, "l")
    .replace(/ø/gi, "o")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function tokens(name: string): string[] {
  return name
    .split(/[\s._\-@]+/)
    .map(fold)
    .filter((t) => t.length > 0);
}

/** The ways a handle is commonly made from a name: akhan, aishak, aishakhan, khana, khanaisha, aisha, khan. */
export function namePatterns(name: string): string[] {
  const t = tokens(name);
  if (t.length === 0) return [];
  const first = t[0]!;
  const last = t[t.length - 1]!;
  const all = new Set<string>([t.join(""), first + last, first[0] + last, first + last[0], last + first, last + first[0]]);
  if (t.length > 1) all.add(t.map((x) => x[0]).join(""));
  return [...all].filter((p) => p.length >= 3);
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  return 1 - editDistance(a, b) / Math.max(a.length, b.length);
}

/** How much a handle looks like a person's name (or the local part of their email), 0…1. */
export function handleScore(handle: string, person: Candidate): number {
  const h = fold(handle);
  if (h.length < 3) return 0;
  const local = person.email ? person.email.split("@")[0]! : "";
  const patterns = [...namePatterns(person.name), ...(local ? [fold(local), ...namePatterns(local)] : [])];
  let best = 0;
  for (const p of patterns) best = Math.max(best, similarity(h, p));
  return best;
}

/** The most similar person, if anyone is similar enough and clearly ahead of the next one. */
export function suggestPerson(handle: string, people: readonly Candidate[]): Suggestion | null {
  let best: Suggestion | null = null;
  let second = 0;
  for (const p of people) {
    const score = handleScore(handle, p);
    if (!best || score > best.score) {
      second = best?.score ?? 0;
      best = { id: p.id, name: p.name, score };
    } else if (score > second) second = score;
  }
  if (!best || best.score < SUGGEST_FROM) return null;
  // Two people equally like the handle (two A. Khans): suggesting either would be a guess.
  if (second >= best.score) return null;
  return { ...best, score: Math.round(best.score * 100) / 100 };
}

/**
 * The person the picker's text names: "Name <email>" as the datalist fills it in, an email, or a name (case and
 * accents ignored). Several people of one name are ambiguous: the email tells them apart.
 */
export function resolvePerson<P extends Candidate>(
  text: string,
  people: readonly P[],
): { ok: true; person: P } | { ok: false; message: string } {
  const typed = text.trim();
  const inAngles = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(typed);
  const email = (inAngles ? inAngles[1]! : typed).toLowerCase();
  const byEmail = people.find((p) => (p.email ?? "").toLowerCase() === email);
  if (byEmail) return { ok: true, person: byEmail };
  const name = fold(inAngles ? typed.slice(0, inAngles.index) : typed);
  const byName = people.filter((p) => fold(p.name) === name && name !== "");
  if (byName.length === 1) return { ok: true, person: byName[0]! };
  if (byName.length > 1) return { ok: false, message: `Several people are called “${typed}”: choose one from the list.` };
  return { ok: false, message: `No active person is called “${typed}”: choose one from the list.` };
}
