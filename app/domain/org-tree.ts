// Reporting lines as a tree of manager ids. Pure helpers over an id → manager id map.

/** Would making `managerId` the manager of `personId` close a loop in the reporting line? */
export function wouldCreateCycle(personId: number, managerId: number | null, managerOf: Map<number, number | null>): boolean {
  let cursor = managerId;
  const seen = new Set<number>();
  while (cursor !== null && cursor !== undefined) {
    if (cursor === personId) return true;
    if (seen.has(cursor)) return true; // an existing loop: refuse rather than extend it
    seen.add(cursor);
    cursor = managerOf.get(cursor) ?? null;
  }
  return false;
}

/** Everyone below `rootId` (direct and indirect reports), not including the root. */
export function subtreeOf(rootId: number, managerOf: Map<number, number | null>): Set<number> {
  const children = new Map<number, number[]>();
  for (const [id, m] of managerOf) {
    if (m === null) continue;
    const list = children.get(m) ?? [];
    list.push(id);
    children.set(m, list);
  }
  const out = new Set<number>();
  const stack = [...(children.get(rootId) ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id) || id === rootId) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

export function normaliseHandle(handle: string): string {
  return handle.trim().replace(/\s+/g, " ").toLowerCase();
}
