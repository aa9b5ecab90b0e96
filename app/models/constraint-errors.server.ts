// Constraint violations as one shape on both engines. better-sqlite3 throws SqliteError with a code
// such as SQLITE_CONSTRAINT_UNIQUE and a message naming the columns ("UNIQUE constraint failed:
// people.email") or the index ("… failed: index 'appraisal_cycles_name_ci'"); pg throws an error with
// the SQLSTATE (23505 …) and the constraint's name. Services turn a violation into a 409/422 with a
// message at the field, never a 500 with the driver's text.

export type ConstraintKind = "unique" | "foreign_key" | "check" | "not_null";

export interface ConstraintViolation {
  kind: ConstraintKind;
  /** what the driver names: index or constraint names and table.column pairs, to match against */
  names: string[];
}

const SQLSTATE: Record<string, ConstraintKind> = {
  "23505": "unique",
  "23503": "foreign_key",
  "23514": "check",
  "23502": "not_null",
};
const SQLITE: Record<string, ConstraintKind> = {
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_CONSTRAINT_FOREIGNKEY: "foreign_key",
  SQLITE_CONSTRAINT_CHECK: "check",
  SQLITE_CONSTRAINT_NOTNULL: "not_null",
};

export function constraintViolation(e: unknown): ConstraintViolation | null {
  if (!e || typeof e !== "object") return null;
  const err = e as { code?: unknown; message?: unknown; constraint?: unknown; table?: unknown; column?: unknown };
  const code = typeof err.code === "string" ? err.code : "";
  const message = typeof err.message === "string" ? err.message : "";
  if (SQLSTATE[code]) {
    const names = [err.constraint, err.table && err.column ? `${err.table}.${err.column}` : null].filter(
      (x): x is string => typeof x === "string",
    );
    return { kind: SQLSTATE[code]!, names };
  }
  if (SQLITE[code]) {
    const what = message.replace(/^[A-Z ]+constraint failed:\s*/i, "");
    const index = /^index '([^']+)'/.exec(what);
    return {
      kind: SQLITE[code]!,
      names: index
        ? [index[1]!]
        : what
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
    };
  }
  return null;
}

/** True when `e` is a violation of kind `kind` on one of `names` (index/constraint names or table.column). */
export function violates(e: unknown, kind: ConstraintKind, ...names: string[]): boolean {
  const v = constraintViolation(e);
  return !!v && v.kind === kind && (names.length === 0 || v.names.some((n) => names.includes(n)));
}

/**
 * Runs a write; a unique violation named in `conflicts` becomes field errors (the row already exists,
 * e.g. written a moment ago by another instance), anything else is rethrown.
 */
export async function uniqueOr<T>(
  write: () => Promise<T>,
  conflicts: { names: string[]; field: string; message: string }[],
): Promise<{ ok: true; value: T } | { ok: false; status: 409; errors: Record<string, string> }> {
  try {
    return { ok: true, value: await write() };
  } catch (e) {
    const hit = conflicts.find((c) => violates(e, "unique", ...c.names));
    if (!hit) throw e;
    return { ok: false, status: 409, errors: { [hit.field]: hit.message } };
  }
}
