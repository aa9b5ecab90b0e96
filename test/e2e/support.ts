import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

export const PASSWORD = "supportpath-demo";

export const USERS = {
  admin: "admin@example.com",
  headManager: "margaret.okafor@example.com",
  manager: "daniel.kowalski@example.com",
  otherManager: "sofia.marin@example.com",
  engineer: "aisha.khan@example.com",
  report: "ben.carter@example.com",
  otherEngineer: "olga.ivanova@example.com",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to SupportPath" })).toBeVisible();
}

/** Fails on serious or critical axe violations, listing them. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}
