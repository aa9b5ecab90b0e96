// Lost updates (issue 12, part 7; ADR 017): two browser contexts of one engineer open the edit page of
// the same item; the first saves a new title; the second, saving its notes from the page it loaded
// before, is told what changed (the title and its stored value) and nothing of it is written; the first's
// values survive, and after a reload the second saves.
import { makeEvidence, makeTeam } from "../support/factories";
import { expect, expectAccessible, reviewShot, test } from "./support";

test("a save from a stale edit page is refused with what changed, and the first save's values survive", async ({
  browser,
  page,
  db,
  login,
}) => {
  const {
    members: [engineer],
  } = await makeTeam(db, { count: 1 });
  const item = await makeEvidence(db, engineer!.id, { notes: "Notes as logged" });
  const other = await browser.newContext();
  const second = await other.newPage();
  await login(engineer!, page);
  await login(engineer!, other);

  await page.goto(`/evidence/${item.id}/edit`);
  await second.goto(`/evidence/${item.id}/edit`);
  await expect(second.getByLabel("Title")).toHaveValue(item.title);

  const newTitle = `${item.title} (renamed in the first tab)`;
  await page.getByLabel("Title").fill(newTitle);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");

  await second.getByLabel("Notes").fill("Notes from the second tab");
  await second.getByRole("button", { name: "Save changes" }).click();
  const alert = second.getByRole("alert").filter({ hasText: "Not saved" });
  await expect(alert).toContainText("this item was changed by you, in another tab or window, on");
  await expect(alert).toContainText(`Title (now “${newTitle}”)`);
  await expectAccessible(second);
  await reviewShot(second, "stale-edit-refused");

  const stored = await db.selectFrom("evidence").select(["title", "notes"]).where("id", "=", item.id).executeTakeFirstOrThrow();
  expect(stored).toEqual({ title: newTitle, notes: "Notes as logged" });

  // Reloaded, the second tab shows the stored item and saves.
  await second.goto(`/evidence/${item.id}/edit`);
  await expect(second.getByLabel("Title")).toHaveValue(newTitle);
  await second.getByLabel("Notes").fill("Notes from the second tab");
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByRole("status")).toHaveText("Changes saved.");
  const after = await db.selectFrom("evidence").select(["title", "notes"]).where("id", "=", item.id).executeTakeFirstOrThrow();
  expect(after).toEqual({ title: newTitle, notes: "Notes from the second tab" });
  await other.close();
});
