// Documents and loader data carry an ETag computed from the data they show (app/entry.server.tsx): the
// same data gives the same tag and a 304 to a browser that has it; a change of data gives a new tag.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { makeEvidence, makePerson } from "../support/factories";

let app: TestApp;
let person: Awaited<ReturnType<typeof makePerson>>;
let cookie: string;

beforeAll(async () => {
  app = await startApp();
  person = await makePerson(app.db, { password: "etag-test-password-1" });
  cookie = await app.signIn(person.email, "etag-test-password-1");
});

describe("ETag and 304", () => {
  it("a document: the same tag while its data is the same, 304 when the browser has it, a new tag after a change", async () => {
    const first = await app.get("/evidence", cookie);
    expect(first.status).toBe(200);
    const tag = first.headers.get("ETag");
    expect(tag).toMatch(/^W\/"[\w-]{20,}"$/);
    // signed in: never stored (ADR 014), though still revalidated by the tag for a client that sends it
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    // the same bytes but for the CSP nonce, which is fresh in every response (ADR 014)
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');
    const html = await first.text();

    const again = await app.get("/evidence", cookie);
    expect(again.headers.get("ETag")).toBe(tag);
    expect(withoutNonce(await again.text())).toBe(withoutNonce(html));

    const cached = await app.fetch("/evidence", { cookie, headers: { "If-None-Match": tag! } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");

    await makeEvidence(app.db, person.id, { title: "A change the list must show" });
    const changed = await app.fetch("/evidence", { cookie, headers: { "If-None-Match": tag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(tag);
    expect(await changed.text()).toContain("A change the list must show");
  });

  it("another person with other data gets another tag for the same URL", async () => {
    const other = await makePerson(app.db, { password: "etag-test-password-2" });
    const otherCookie = await app.signIn(other.email, "etag-test-password-2");
    const mine = await app.get("/", cookie);
    const theirs = await app.get("/", otherCookie);
    expect(mine.headers.get("ETag")).not.toBe(theirs.headers.get("ETag"));
    expect(await theirs.text()).toContain(other.name);
  });

  it("loader data of a client navigation: a tag, and 304 when unchanged", async () => {
    const first = await app.get("/evidence?_data=routes%2Fevidence._index", cookie);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toMatch(/^application\/json/);
    const tag = first.headers.get("ETag");
    expect(tag).toMatch(/^W\/"/);
    const cached = await app.fetch("/evidence?_data=routes%2Fevidence._index", { cookie, headers: { "If-None-Match": tag! } });
    expect(cached.status).toBe(304);
  });

  it("a form answered with errors is never a cached page", async () => {
    const r = await app.post("/evidence/new", { intent: "submit", kind: "incident", title: "" }, cookie);
    expect(r.status).toBe(422);
    expect(r.headers.get("ETag")).toBeNull();
  });

  it("a signed-out visitor's sign-in page is tagged too, and a wrong tag is answered in full", async () => {
    const r = await app.fetch("/login", { headers: { "If-None-Match": 'W/"not-this-one"' } });
    expect(r.status).toBe(200);
    expect(r.headers.get("ETag")).toMatch(/^W\//);
  });
});
