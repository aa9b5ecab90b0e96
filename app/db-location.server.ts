// Where the data lives, without opening it: the server's primary process reads this and loads no driver.
import path from "node:path";

/**
 * Where the data lives: a `postgres://` URL in DATABASE_URL selects PostgreSQL (ADR 006); otherwise
 * the SQLite file in DATABASE_PATH, as on a single machine.
 */
export function databaseLocation(): string {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return url;
  return path.resolve(process.env.DATABASE_PATH ?? "data/supportpath.db");
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** What a log line may show of a location: a URL without its password. */
export function describeLocation(location: string = databaseLocation()): string {
  if (!isPostgresUrl(location)) return location;
  const u = new URL(location);
  if (u.password) u.password = "***";
  return u.toString();
}
