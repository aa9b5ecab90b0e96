import { describeLocation, openDatabase } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { seedDemoOnce } from "../seeds/index";

const db = openDatabase();
await migrateToLatest(db);
const r = await seedDemoOnce(db);
await db.destroy();
if (!r) {
  console.error(`${describeLocation()} already has people; seeding only fills an empty database.`);
  process.exit(1);
}
console.log(`Seeded ${r.people} people and ${r.evidence} evidence items into ${describeLocation()}.`);
