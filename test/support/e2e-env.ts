// What the Playwright server (test/support/e2e-server.ts) and the specs' fixtures (test/e2e/support.ts)
// must agree on: the port, the session secret, and where the server tells which database it serves.
import fs from "node:fs";
import path from "node:path";

/** One secret for every instance, as the README asks; the sign-in fixture signs cookies with it. */
export const E2E_SESSION_SECRET = "e2e-secret";

export function e2ePort(): number {
  return Number(process.env.E2E_PORT ?? 3100);
}

function stateFile(port: number): string {
  return path.resolve(`test/.tmp/e2e-server-${port}.json`);
}

export interface E2eState {
  /** the database the server runs on: a SQLite file or a postgres:// URL */
  location: string;
  pid: number;
}

export function writeE2eState(port: number, state: E2eState) {
  fs.mkdirSync(path.dirname(stateFile(port)), { recursive: true });
  fs.writeFileSync(stateFile(port), JSON.stringify(state));
}

export function readE2eState(port: number = e2ePort()): E2eState {
  const file = stateFile(port);
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: the e2e server (test/support/e2e-server.ts) writes it when it starts`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as E2eState;
}
