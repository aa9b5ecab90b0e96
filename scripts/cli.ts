import { databaseLocation, openDatabase } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { UNMIGRATED_COMMANDS, runCli } from "./cli-commands";

const argv = process.argv.slice(2);
const location = databaseLocation();
const db = openDatabase(location);
if (!UNMIGRATED_COMMANDS.has(argv[0] ?? "")) await migrateToLatest(db);
const code = await runCli(argv, db, {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  location,
});
await db.destroy();
process.exit(code);
