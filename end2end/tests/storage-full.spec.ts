// A full device: the interviewer sees why, and the typed text stays on screen.
import { expect, test } from "@playwright/test";
import { logIn, toList } from "../support/interview";
import { interviewer, withInterviewer } from "../support/server";

test("when storage is full the message appears and the typed note stays in the field", async ({ page, request, baseURL }) => {
  await withInterviewer(request, baseURL!);
  await logIn(page, interviewer.email, interviewer.password);
  await toList(page);
  await page.getByRole("link", { name: "Nieuw gesprek" }).click();
  await page.getByLabel("Vertrekkende medewerker").fill("K.L.");
  await page.getByRole("button", { name: "Gesprek aanmaken" }).click();
  await expect(page).toHaveURL(/\/gesprekken\/[0-9a-f-]{36}$/);

  // Fill localStorage to the last character with other data.
  const filled = await page.evaluate(() => {
    let chunk = "x".repeat(1 << 20);
    let i = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler-${i++}`, chunk);
      } catch {
        chunk = chunk.slice(0, Math.floor(chunk.length / 2));
      }
    }
    return i;
  });
  expect(filled).toBeGreaterThan(1);

  const card = page.getByRole("article").filter({ hasText: "Waarom heb je besloten" });
  const entry = card.getByPlaceholder("Notitie, Enter om toe te voegen");
  await entry.fill("Salaris bleef achter bij de markt");
  await entry.press("Enter");
  await expect(page.getByRole("alert")).toContainText("De opslag van dit apparaat is vol");
  await expect(entry).toHaveValue("Salaris bleef achter bij de markt");
  await expect(card.getByRole("listitem").filter({ hasText: "Salaris bleef" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/storage-full-tablet.png" });

  // Room again: the same Enter now stores the note and the message goes.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith("filler-")) localStorage.removeItem(key);
  });
  await entry.press("Enter");
  await expect(card.getByRole("listitem").filter({ hasText: "Salaris bleef" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});
