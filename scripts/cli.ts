import { kyselyOver, openSqlite } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { runCli } from "./cli-commands";

const sqlite = openSqlite();
const db = kyselyOver(sqlite);
await migrateToLatest(db);
const code = await runCli(process.argv.slice(2), db, {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  backup: async (file) => {
    await sqlite.backup(file);
  },
});
await db.destroy();
process.exit(code);
