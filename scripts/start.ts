// `npm start`: prepares the database (migrate, demo data when empty), then serves the built app.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databasePath, openDatabase } from "../app/db.server";
import { migrateToLatest } from "../db/migrate";
import { ensureCatalog } from "../seeds/catalog";
import { DEMO_PASSWORD, DEMO_PEOPLE, isEmpty, seedDemo } from "../seeds/index";

const file = databasePath();
const db = openDatabase(file);
await migrateToLatest(db);
await ensureCatalog(db);
if (await isEmpty(db)) {
  console.log(`New database at ${file}: loading the demo organisation…`);
  const r = await seedDemo(db);
  console.log(`Loaded ${r.people} people and ${r.evidence} evidence items.`);
} else {
  console.log(`Using the existing database at ${file}.`);
}
await db.destroy();

if (!process.env.SESSION_SECRET) {
  // A local demo keeps a generated secret beside its database so sign-ins survive restarts.
  const secretFile = path.join(path.dirname(file), "session-secret");
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString("hex"), { mode: 0o600 });
  process.env.SESSION_SECRET = fs.readFileSync(secretFile, "utf8").trim();
  console.log(`SESSION_SECRET is not set: using the generated development secret in ${secretFile}. Set it in production.`);
}

const port = process.env.PORT ?? "3000";
console.log("\nDemo sign-ins (password for all: " + DEMO_PASSWORD + "):");
for (const p of DEMO_PEOPLE.filter((p) => ["admin", "margaret", "daniel", "aisha", "ben", "olga"].includes(p.key))) {
  console.log(`  ${p.role.padEnd(8)} ${p.email.padEnd(28)} ${p.name}`);
}
console.log(`  …and ${DEMO_PEOPLE.length - 6} more (see README).\n`);
console.log(`SupportPath on http://localhost:${port}\n`);

const child = spawn(process.execPath, [path.resolve("node_modules/@remix-run/serve/dist/cli.js"), "./build/index.js"], {
  stdio: "inherit",
  env: { ...process.env, PORT: port, NODE_ENV: process.env.NODE_ENV ?? "production" },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
