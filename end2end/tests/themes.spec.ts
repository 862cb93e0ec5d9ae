// Live theme suggestions on the tablet: while a note is typed the detector (in the browser,
// no network) suggests themes; the interviewer corrects them, and the choice is kept with
// the note across a reload.
import { expect, test } from "@playwright/test";
import { newInterview, question } from "../support/interview";

test("themes are suggested while typing and the interviewer's correction is kept", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await newInterview(page, "K. Bakker");
  const card = question(page, "Waarom heb je besloten te vertrekken?");
  const entry = card.getByPlaceholder("Notitie, Enter om toe te voegen");
  await entry.fill("Mijn leidinggevende gaf nooit feedback en de werkdruk was te hoog");
  const chips = card.locator(".theme-suggestions");
  await expect(chips.getByRole("button", { name: "Thema weghalen: leidinggevende" })).toBeVisible();
  await expect(chips.getByRole("button", { name: "Thema weghalen: werkdruk & balans" })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/theme-suggestions.png" });

  // Not about workload, says the interviewer, but about the culture.
  await chips.getByRole("button", { name: "Thema weghalen: werkdruk & balans" }).click();
  await chips.getByLabel("+ thema").selectOption({ label: "cultuur & sfeer" });
  await expect(chips.getByRole("button", { name: "Thema weghalen: cultuur & sfeer" })).toBeVisible();
  await expect(chips.getByRole("button", { name: "Thema weghalen: werkdruk & balans" })).toHaveCount(0);
  await entry.press("Enter");
  const note = card.getByRole("listitem").filter({ hasText: "gaf nooit feedback" });
  await expect(note.locator(".note-themes")).toHaveText("leidinggevende · cultuur & sfeer");
  await expect(chips).toHaveCount(0);

  await page.reload();
  await expect(note.locator(".note-themes")).toHaveText("leidinggevende · cultuur & sfeer");
  expect(errors).toEqual([]);
});
