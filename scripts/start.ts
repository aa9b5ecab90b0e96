// `npm start`: prepares the database (migrate, demo data when empty), then serves the built app.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseLocation, describeLocation, isPostgresUrl, openDatabase } from "../app/db.server";
import { DEMO_PASSWORD, DEMO_PEOPLE, prepareDatabase } from "../seeds/index";
import { CLOCK_ENV } from "../app/clock.server";

// A moved clock is for tests only: a real organisation's records must carry real times.
if (process.env[CLOCK_ENV]) {
  console.error(
    `${CLOCK_ENV} is set (${process.env[CLOCK_ENV]}): it moves the server's clock and is for tests only. Unset it to run SupportPath.`,
  );
  process.exit(1);
}

const location = databaseLocation();
const where = describeLocation(location);
if (isPostgresUrl(location) && !process.env.SESSION_SECRET) {
  // Several instances share one database and must sign cookies with one secret (README, "Scaling out").
  console.error("SESSION_SECRET is required with DATABASE_URL: set the same secret on every instance.");
  process.exit(1);
}
const db = openDatabase(location);
const demo = process.env.SUPPORTPATH_DEMO !== "0";
const seeded = await prepareDatabase(db, { demo });
await db.destroy();
if (seeded)
  console.log(
    `New database at ${where}: loaded the demo organisation (${seeded.people} people, ${seeded.evidence} evidence items).`,
  );
else console.log(`Using the database at ${where}${demo ? "" : " (no demo data: SUPPORTPATH_DEMO=0)"}.`);

if (!process.env.SESSION_SECRET) {
  // A local demo keeps a generated secret beside its database so sign-ins survive restarts.
  const secretFile = path.join(path.dirname(location), "session-secret");
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
