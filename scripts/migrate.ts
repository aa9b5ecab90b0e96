import { describeLocation, openDatabase } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";

const db = openDatabase();
const result = await migrateToLatest(db);
const applied = result.results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
console.log(applied.length ? `Applied ${applied.join(", ")} to ${describeLocation()}` : `${describeLocation()} is up to date.`);
await db.destroy();
