import { databasePath, openDatabase } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { isEmpty, seedDemo } from "../seeds/index";

const db = openDatabase();
await migrateToLatest(db);
if (!(await isEmpty(db))) {
  console.error(`${databasePath()} already has people; seeding only fills an empty database.`);
  process.exit(1);
}
const r = await seedDemo(db);
console.log(`Seeded ${r.people} people and ${r.evidence} evidence items into ${databasePath()}.`);
await db.destroy();
