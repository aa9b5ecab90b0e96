// Portfolio export over HTTP against the production build: every format for oneself, for a report,
// special characters, non-Latin names in the PDF, and refusals.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { type TestApp, startApp } from "../support/app";
import { personProgress } from "../../app/services/progress.server";
import { flat, pdfText } from "../fixtures/portfolio/pdf-text";
import { jsonResumeErrors } from "../fixtures/portfolio/json-resume";

let app: TestApp;
const cookie: Record<string, string> = {};
const id: Record<string, number> = {};
const NASTY_TITLE = "Fix <script>alert(1)</script> **bold** [x](javascript:y) | _z_";
const NASTY_NOTES = "<img src=x onerror=alert(2)>\n# Heading\n- item";
let nastyId = 0;

beforeAll(async () => {
  app = await startApp();
  for (const [key, email] of Object.entries({
    ben: "ben.carter@example.com",
    aisha: "aisha.khan@example.com",
    mei: "mei.lin@example.com",
    olga: "olga.ivanova@example.com",
    lukasz: "lukasz.nowak@example.com",
    daniel: "daniel.kowalski@example.com",
    sofia: "sofia.marin@example.com",
  })) {
    id[key] = await app.personId(email);
    if (["ben", "mei", "olga", "daniel", "sofia"].includes(key)) cookie[key] = await app.signIn(email);
  }
  // Ben's most recent verified item gets a title and notes full of Markdown and HTML, and an endorsement.
  const item = await app.db
    .selectFrom("evidence")
    .select("id")
    .where("person_id", "=", id.ben!)
    .where("status", "=", "verified")
    .orderBy("resolved_at", "desc")
    .executeTakeFirstOrThrow();
  nastyId = item.id;
  await app.db.updateTable("evidence").set({ title: NASTY_TITLE, notes: NASTY_NOTES }).where("id", "=", nastyId).execute();
  await app.db
    .insertInto("endorsements")
    .values({
      evidence_id: nastyId,
      person_id: id.aisha!,
      comment: "Great <em>work</em> & *calm*",
      created_at: clockNow().toISOString(),
    })
    .onConflict((oc) => oc.columns(["evidence_id", "person_id"]).doNothing())
    .execute();
});

async function pdfOf(path: string, who: string) {
  const res = await app.get(path, cookie[who]);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="portfolio-[a-z0-9-]+\.pdf"; filename\*=UTF-8''/);
  return { res, ...(await pdfText(new Uint8Array(await res.arrayBuffer()))) };
}

describe("portfolio options page", () => {
  it("shows the choices and links to the four outputs", async () => {
    const res = await app.get("/portfolio", cookie.ben);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Portfolio export");
    for (const path of ["/portfolio/print?", "/portfolio/pdf?", "/portfolio/md?", "/portfolio/json?"])
      expect(html).toContain(`href="${path}`);
    expect(html).not.toContain('name="person"'); // an engineer exports only their own
  });

  it("lets a manager pick anyone in their subtree, and nobody else", async () => {
    const html = await (await app.get("/portfolio", cookie.daniel)).text();
    expect(html).toContain('name="person"');
    expect(html).toContain("Ben Carter");
    expect(html).toContain("Łukasz Nowak");
    expect(html).not.toContain("Ольга Иванова");
  });

  it("explains bad choices next to the fields", async () => {
    const res = await app.get("/portfolio?from=2025-06-01&to=2025-01-01&target=999999", cookie.ben);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("The end date must be on or after the start date.");
    expect(html).toContain("Choose a position from the list.");
    expect(html).not.toContain('href="/portfolio/pdf?');
  });
});

describe("PDF", () => {
  it("holds the key facts, read back from the file", async () => {
    const now = clockNow();
    const progress = (await personProgress(app.db, id.mei!, now))!;
    const latest = await app.db
      .selectFrom("evidence")
      .select("title")
      .where("person_id", "=", id.mei!)
      .where("status", "in", ["submitted", "verified"])
      .orderBy("resolved_at", "desc")
      .executeTakeFirstOrThrow();
    const { text, pages } = await pdfOf("/portfolio/pdf", "mei");
    const t = flat(text);
    expect(pages).toBeGreaterThan(1);
    expect(t).toContain("Mei Lin 李美");
    expect(t).toContain(`${progress.current!.name} → ${progress.target!.name}`);
    expect(t).toContain(`${progress.targetReadiness!.percent}% ready for ${progress.target!.name}`);
    const gap = progress.targetReadiness!.gaps[0];
    if (gap) expect(t).toContain(progress.skills.find((s) => s.key === gap.skill)!.name);
    expect(t).toContain("Debugging and root-cause analysis");
    expect(t).toContain(flat(latest.title));
  });

  it("prints a Cyrillic name", async () => {
    const { text } = await pdfOf("/portfolio/pdf", "olga");
    expect(flat(text)).toContain("Ольга Иванова");
  });

  it("lets a manager export for a report, with a Polish name, target and period", async () => {
    const lead = await app.db.selectFrom("positions").select(["id", "name"]).where("key", "=", "lead").executeTakeFirstOrThrow();
    const { res, text } = await pdfOf(
      `/portfolio/pdf?person=${id.lukasz}&target=${lead.id}&from=2025-01-01&to=2026-12-31`,
      "daniel",
    );
    expect(res.headers.get("content-disposition")).toContain(
      'filename="portfolio-lukasz-nowak-support-team-lead-2026-12-31.pdf"',
    );
    expect(res.headers.get("content-disposition")).toContain(
      "filename*=UTF-8''portfolio-%C5%82ukasz-nowak-support-team-lead-2026-12-31.pdf",
    );
    const t = flat(text);
    expect(t).toContain("Łukasz Nowak");
    expect(t).toContain(`→ ${lead.name}`);
    expect(t).toContain("Period: 2025-01-01 to 2026-12-31");
  });

  it("shows the escaped title as plain text", async () => {
    const { text } = await pdfOf("/portfolio/pdf", "ben");
    expect(flat(text)).toContain(NASTY_TITLE);
  });

  it("is refused to a manager of another team, and to a colleague", async () => {
    expect((await app.get(`/portfolio/pdf?person=${id.ben}`, cookie.sofia)).status).toBe(404);
    expect((await app.get(`/portfolio/pdf?person=${id.ben}`, cookie.mei)).status).toBe(404);
    expect((await app.get(`/portfolio/pdf?person=999999`, cookie.daniel)).status).toBe(404);
  });

  it("answers a bad period with 400 and the reason", async () => {
    const res = await app.get("/portfolio/pdf?from=2025-13-01", cookie.ben);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter the start date as YYYY-MM-DD.");
  });
});

describe("JSON Resume", () => {
  it("validates against the JSON Resume schema and carries the SupportPath detail", async () => {
    const res = await app.get(`/portfolio/json?person=${id.ben}`, cookie.daniel);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="portfolio-ben-carter-.*\.json"/);
    const doc = await res.json();
    expect(jsonResumeErrors(doc)).toEqual([]);
    expect(doc.basics.name).toBe("Ben Carter");
    const sp = doc.meta.supportpath;
    expect(sp.person.id).toBe(id.ben);
    const progress = (await personProgress(app.db, id.ben!, clockNow()))!;
    expect(sp.readiness.percent).toBe(progress.targetReadiness!.percent);
    expect(sp.targetPosition.name).toBe(progress.target!.name);
    const items = sp.skills.flatMap(
      (s: { strongestEvidence: { id: number; title: string; endorsements: { comment: string }[] }[] }) => s.strongestEvidence,
    );
    const nasty = items.find((i: { id: number }) => i.id === nastyId);
    expect(nasty.title).toBe(NASTY_TITLE);
    expect(nasty.endorsements).toContainEqual({ name: "Aisha Khan", comment: "Great <em>work</em> & *calm*" });
  });
});

describe("Markdown", () => {
  it("is a text/markdown download with the special characters escaped", async () => {
    const res = await app.get("/portfolio/md", cookie.ben);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="portfolio-ben-carter-.*\.md"/);
    const md = await res.text();
    expect(md).toMatch(/^# Promotion portfolio: Ben Carter\n/);
    expect(md).toContain("Fix \\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\* \\[x\\](javascript:y) \\| \\_z\\_");
    expect(md).not.toContain("<script>");
    expect(md).toContain("Endorsed by Aisha Khan: “Great \\<em\\>work\\</em\\> \\& \\*calm\\*”");
    expect(md).toContain("\\<img src=x onerror=alert(2)\\>");
    // Notes are Markdown: their formatting passes through (a heading as a bold line, a list as a list), not escaped.
    expect(md).toContain("**Heading**");
    expect(md).not.toContain("\\# Heading");
    expect(md).toMatch(/\n {5}- item\n/);
  });
});

describe("print page", () => {
  it("escapes titles, notes and comments as HTML", async () => {
    const res = await app.get("/portfolio/print", cookie.ben);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Fix &lt;script&gt;alert(1)&lt;/script&gt; **bold** [x](javascript:y) | _z_");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain("<li>item</li>"); // notes print formatted
    expect(html).toContain("Great &lt;em&gt;work&lt;/em&gt; &amp; *calm*");
    expect(html).toContain("<svg"); // the radar chart
    expect(html).toContain("Ben Carter");
  });

  it("explains a bad query", async () => {
    const res = await app.get("/portfolio/print?to=yesterday", cookie.ben);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Enter the end date as YYYY-MM-DD.");
  });
});
