// Dark mode (issue 16, point 2): a person's colour scheme is stored on the profile, and every page renders it
// as <html data-theme> from the server, so the first paint already has it.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { makePerson } from "../support/factories";

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

/** Someone new for each test: tests run in parallel and each changes its person's choice. */
async function newPerson() {
  const person = await makePerson(app.db, { password: "theme-test-password" });
  return { ...person, cookie: await app.signIn(person.email, "theme-test-password") };
}

const themeOf = async (id: number) =>
  (await app.db.selectFrom("people").select("theme").where("id", "=", id).executeTakeFirstOrThrow()).theme;

const dataTheme = (html: string) => /<html[^>]*\sdata-theme="([^"]*)"/.exec(html)?.[1];

describe("the colour scheme", () => {
  it("follows the system until chosen, then is stored and rendered on every page", async () => {
    const p = await newPerson();
    expect(await themeOf(p.id)).toBeNull();
    expect(dataTheme(await (await app.get("/", p.cookie)).text())).toBe("system");

    const res = await app.post("/profile", { intent: "theme", theme: "dark" }, p.cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Colour scheme saved.");
    expect(await themeOf(p.id)).toBe("dark");
    for (const page of ["/", "/evidence", "/profile"]) {
      expect(dataTheme(await (await app.get(page, p.cookie)).text()), page).toBe("dark");
    }
    // the profile's form shows the stored choice
    expect(await (await app.get("/profile", p.cookie)).text()).toMatch(
      /<input type="radio" name="theme" checked="" value="dark"\/>/,
    );

    await app.post("/profile", { intent: "theme", theme: "light" }, p.cookie);
    expect(dataTheme(await (await app.get("/", p.cookie)).text())).toBe("light");
    await app.post("/profile", { intent: "theme", theme: "system" }, p.cookie);
    expect(await themeOf(p.id)).toBeNull();
    expect(dataTheme(await (await app.get("/", p.cookie)).text())).toBe("system");
  });

  it("refuses a value it does not know with 422 and a message at the field, storing nothing", async () => {
    const p = await newPerson();
    await app.post("/profile", { intent: "theme", theme: "dark" }, p.cookie);
    for (const theme of ["purple", ""]) {
      const res = await app.post("/profile", { intent: "theme", theme }, p.cookie);
      expect(res.status, theme).toBe(422);
      const html = await res.text();
      expect(html).toContain('id="f-theme-error"');
      expect(html).toContain("Choose light, dark, or follow this device&#x27;s setting.");
    }
    expect(await themeOf(p.id)).toBe("dark");
  });

  it("is one's own: the choice changes only the person signed in, and not their record's updated_at", async () => {
    const p = await newPerson();
    const other = await newPerson();
    const before = await app.db.selectFrom("people").select("updated_at").where("id", "=", p.id).executeTakeFirstOrThrow();
    // a hand-made request naming someone else changes nothing of theirs
    await app.post("/profile", { intent: "theme", theme: "dark", person: String(other.id) }, p.cookie);
    expect(await themeOf(p.id)).toBe("dark");
    expect(await themeOf(other.id)).toBeNull();
    const after = await app.db.selectFrom("people").select("updated_at").where("id", "=", p.id).executeTakeFirstOrThrow();
    expect(after.updated_at).toBe(before.updated_at);
  });

  it("needs a session: anonymous is sent to sign in", async () => {
    const res = await app.post("/profile", { intent: "theme", theme: "dark" }, null);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });
});
