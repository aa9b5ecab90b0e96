// Where and when a person works (issue 13, point 1): set on the profile, refused with a message next to the
// field when it cannot be, and the import's zone for times without an offset follows it.
import { makePerson } from "../support/factories";
import { expect, expectAccessible, reviewShot, test } from "./support";

test("a person sets their zone and working days; the import then reads times in their zone", async ({ page, db, login }) => {
  const me = await makePerson(db, {});
  await login(me);
  await page.goto("/profile");
  await expect(page.getByTestId("working-time-source")).toHaveText("The organisation's working time: save to make it your own.");
  await page.getByLabel("Your time zone").selectOption("America/New_York");
  await page.getByLabel("Saturday").check();
  await page.getByLabel("Working day starts").fill("18:00");
  await page.getByLabel("Working day ends").fill("09:00");
  await page.getByRole("button", { name: "Save working time" }).click();
  await expect(page.locator("#f-workEnd-error")).toContainText("Your working day must end after it starts");
  await page.getByLabel("Working day starts").fill("07:30");
  await page.getByLabel("Working day ends").fill("16:00");
  await page.getByRole("button", { name: "Save working time" }).click();
  await expect(page.getByText("Working time saved.")).toBeVisible();
  await expect(page.getByTestId("working-time-source")).toHaveText("Your own working time.");
  await expect(page.getByLabel("Your time zone")).toHaveValue("America/New_York");
  await expect(page.getByLabel("Saturday")).toBeChecked();
  await expect(page.getByLabel("Sunday")).not.toBeChecked();
  await expectAccessible(page);
  await reviewShot(page, "profile-working-time");

  await page.goto("/import");
  await expect(page.getByLabel("Times without a UTC offset are in")).toHaveValue("America/New_York");

  await page.goto("/profile");
  await page.getByRole("button", { name: "Use the organisation's working time" }).click();
  await expect(page.getByTestId("working-time-source")).toHaveText("The organisation's working time: save to make it your own.");
  await expect(page.getByLabel("Your time zone")).toHaveValue("UTC");
});
