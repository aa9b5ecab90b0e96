// The one-off step before serving (`npm start`): migrates the database and loads the demo organisation
// into an empty one, then exits. The primary process runs it as a child of its own, so neither the
// primary nor the workers keep the seeding code in memory.
import { describeLocation, databaseLocation, openDatabase } from "../../app/db.server";
import { DEMO_PASSWORD, DEMO_PEOPLE, prepareDatabase } from "../../seeds/index";

const location = databaseLocation();
const where = describeLocation(location);
const db = openDatabase(location);
const demo = process.env.SUPPORTPATH_DEMO !== "0";
try {
  const seeded = await prepareDatabase(db, { demo });
  if (seeded)
    console.log(
      `New database at ${where}: loaded the demo organisation (${seeded.people} people, ${seeded.evidence} evidence items).`,
    );
  else console.log(`Using the database at ${where}${demo ? "" : " (no demo data: SUPPORTPATH_DEMO=0)"}.`);
  if (demo) {
    console.log("\nDemo sign-ins (password for all: " + DEMO_PASSWORD + "):");
    for (const p of DEMO_PEOPLE.filter((p) => ["admin", "margaret", "daniel", "aisha", "ben", "olga"].includes(p.key))) {
      console.log(`  ${p.role.padEnd(8)} ${p.email.padEnd(28)} ${p.name}`);
    }
    console.log(`  …and ${DEMO_PEOPLE.length - 6} more (see README).\n`);
  }
} finally {
  await db.destroy();
}
