// Interview mode on a tablet: a whole interview taken in the browser, kept in localStorage.
import { expect, test } from "@playwright/test";
import { addNote, logIn, newInterview, question, unlock } from "../support/interview";
import { interviewer, withInterviewer } from "../support/server";

test("a complete interview with all four note kinds survives a reload", async ({ page, request, baseURL }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await withInterviewer(request, baseURL!);
  await logIn(page, interviewer.email, interviewer.password);

  await newInterview(page, "J. de Vries");
  await page.getByLabel("Besproken").check();
  await page.getByLabel("Medewerker stemt in").check();
  await page.getByRole("button", { name: "Start gesprek" }).click();
  await expect(page.getByRole("timer")).toContainText("0");

  const why = "Waarom heb je besloten te vertrekken?";
  const culture = "Wat vond je van de sfeer en de cultuur?";
  await addNote(page, why, "voorbeeld", "Drie reorganisaties in twee jaar");
  await addNote(page, why, "quote", "Ik wist nooit waar ik aan toe was");
  await addNote(page, culture, "suggestie", "Vaste overlegmomenten met het team");
  await addNote(page, culture, "observatie", "Wordt stil bij de vraag over het MT");
  // A note typed but not yet added: kept as a draft.
  await question(page, "Wat zou je veranderen").getByPlaceholder("Notitie, Enter om toe te voegen").fill("Minder ad-hoc");

  await page.getByLabel("Belangrijkste reden van vertrek").selectOption({ label: "werkdruk & balans" });
  const answers = page.locator("section.answers");
  await answers.getByRole("button", { name: "leidinggevende" }).click();
  await answers.getByRole("group", { name: "Vrijwillig vertrek" }).getByRole("button", { name: "ja" }).click();
  await answers.getByRole("group", { name: "Zou terugkomen" }).getByRole("button", { name: "misschien" }).click();
  await answers.getByRole("group", { name: /aanraden/ }).getByRole("button", { name: "7", exact: true }).click();
  await page.screenshot({ path: "test-results/interview-tablet.png", fullPage: true });

  // Typed in the confidentiality text, and the page goes before any pause.
  const confidentiality = page.getByLabel("Vertrouwelijkheid");
  await confidentiality.fill("");
  await confidentiality.pressSequentially("Alleen HR leest mee");
  // What was on screen 50 ms before the page went is kept (sealing is asynchronous).
  await page.waitForTimeout(50);

  // A reload locks the interviews; unlocking brings back this very screen, drafts included.
  await page.reload();
  await unlock(page, interviewer.name, interviewer.password);
  await expect(page.getByRole("heading", { level: 1, name: "J. de Vries" })).toBeVisible();
  await expect(page.getByLabel("Besproken")).toBeChecked();
  await expect(page.getByLabel("Medewerker stemt in")).toBeChecked();
  for (const [q, kind, text] of [
    [why, "voorbeeld", "Drie reorganisaties in twee jaar"],
    [why, "quote", "Ik wist nooit waar ik aan toe was"],
    [culture, "suggestie", "Vaste overlegmomenten met het team"],
    [culture, "observatie", "Wordt stil bij de vraag over het MT"],
  ]) {
    const row = question(page, q).getByRole("listitem").filter({ hasText: text });
    await expect(row).toContainText(kind);
  }
  await expect(question(page, "Wat zou je veranderen").getByPlaceholder("Notitie, Enter om toe te voegen")).toHaveValue("Minder ad-hoc");
  await expect(page.getByLabel("Vertrouwelijkheid")).toHaveValue("Alleen HR leest mee");
  await expect(page.getByLabel("Belangrijkste reden van vertrek")).toHaveValue("workload");
  await expect(answers.getByRole("button", { name: "leidinggevende" })).toHaveAttribute("aria-pressed", "true");
  await expect(answers.getByRole("group", { name: /aanraden/ }).getByRole("button", { name: "7", exact: true })).toHaveAttribute("aria-pressed", "true");

  // Edit one note, delete another.
  const quote = question(page, why).getByRole("listitem").filter({ hasText: "Ik wist nooit" });
  await quote.getByRole("button", { name: "Verwijderen" }).click();
  await expect(quote).toHaveCount(0);

  await page.getByLabel("Bedankt voor het gesprek").check();
  await page.getByLabel("Gevraagd naar laatste gedachten").check();
  await page.getByLabel("Deur opengehouden").check();
  await page.getByRole("button", { name: "Afronden" }).click();
  await expect(page.getByText("Dit gesprek is afgerond")).toBeVisible();
  await expect(page.getByPlaceholder("Eigen vraag")).toBeDisabled();

  await page.getByRole("link", { name: "Gesprekken" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "J. de Vries" })).toContainText("afgerond");
  await page.screenshot({ path: "test-results/list-tablet.png", fullPage: true });
  expect(errors).toEqual([]);
});
