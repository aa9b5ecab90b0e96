import type { TestApp } from "../../support/app";

/**
 * Who asks. The subject of every row is Ben Carter (engineer, Platform Support, reports to Daniel):
 * - self: Ben; engineer: Aisha (same team as Ben); otherEngineer: Olga (another team);
 * - manager: Daniel (Ben's manager); otherManager: Sofia (manages another team); admin: Priya.
 */
export const ACTORS = {
  anonymous: null,
  self: "ben.carter@example.com",
  engineer: "aisha.khan@example.com",
  otherEngineer: "olga.ivanova@example.com",
  manager: "daniel.kowalski@example.com",
  otherManager: "sofia.marin@example.com",
  admin: "admin@example.com",
} as const;

export type Actor = keyof typeof ACTORS;

/** Ids the rows refer to, made once per run by each area's `prepare`. */
export type Ctx = Record<string, number | string>;

export interface AccessRow {
  method: "GET" | "POST";
  path: (c: Ctx) => string;
  /** POST body; keep it one that changes nothing even where allowed (e.g. invalid → 422) */
  form?: (c: Ctx) => Record<string, string>;
  expect: Record<Actor, number>;
  note?: string;
}

export interface AccessArea {
  name: string;
  prepare?: (app: TestApp, ctx: Ctx) => Promise<Ctx>;
  rows: AccessRow[];
}

/** Shorthand: anonymous is always sent to sign in (302). */
export function exp(self: number, engineer: number, otherEngineer: number, manager: number, otherManager: number, admin: number) {
  return { anonymous: 302, self, engineer, otherEngineer, manager, otherManager, admin };
}
