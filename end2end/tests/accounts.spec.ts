// Accounts in the browser: first-run setup, HR adds an interviewer, the interviewer logs in
// on the tablet and logs out again. A server of the test's own, so /setup is really fresh.
import { expect, test } from "@playwright/test";
import { OwnServer } from "../support/server";

const hrPassword = "correct horse battery";
const interviewerPassword = "een lang wachtwoord";

test("first-run setup, HR adds an interviewer, the interviewer logs in and out", async ({ browser }) => {
  const server = await OwnServer.start(3119);
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  try {
    await page.goto("/setup");
    await expect(page.getByRole("heading", { name: "Eerste gebruik: HR-account aanmaken" })).toBeVisible();
    await page.getByLabel("E-mailadres").fill("hr@example.nl");
    await page.getByLabel("Naam").fill("Hanna de Vries");
    await page.getByLabel("Wachtwoord", { exact: true }).fill(hrPassword);
    await page.getByLabel("Wachtwoord herhalen").fill("iets anders");
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await expect(page.getByRole("alert")).toHaveText("De wachtwoorden zijn niet gelijk.");
    await page.getByLabel("Wachtwoord herhalen").fill(hrPassword);
    await page.getByRole("button", { name: "Account aanmaken" }).click();

    // Logged in as HR on the users page.
    await expect(page.getByRole("heading", { level: 1, name: "Gebruikers" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("Hanna de Vries");
    const add = page.locator("form.form-grid");
    await add.getByLabel("E-mailadres").fill("anna@example.nl");
    await add.getByLabel("Naam").fill("Anna Jansen");
    await add.getByLabel("Startwachtwoord").fill("kort");
    await add.getByRole("button", { name: "Toevoegen" }).click();
    await expect(add.getByRole("alert")).toHaveText("Een wachtwoord heeft minstens 10 tekens.");
    await add.getByLabel("Startwachtwoord").fill(interviewerPassword);
    await add.getByRole("button", { name: "Toevoegen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Gebruiker toegevoegd" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Anna Jansen/ })).toContainText("actief");
    // HR's own row: marked, and no controls to lock themselves out.
    const own = page.getByRole("row", { name: /Hanna de Vries/ });
    await expect(own).toContainText("(jij)");
    await expect(own.getByRole("combobox")).toBeDisabled();
    await expect(own.getByRole("button", { name: "Uitschakelen" })).toBeDisabled();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: "test-results/users-desktop.png", fullPage: true });

    // /setup is gone now.
    await page.goto("/setup");
    await expect(page.getByText("Het eerste account bestaat al.")).toBeVisible();

    // The interviewer on a tablet (a second browser profile).
    const tablet = await browser.newContext({ baseURL: server.url, viewport: { width: 820, height: 1180 }, hasTouch: true });
    const anna = await tablet.newPage();
    await anna.goto("/inloggen");
    await anna.getByLabel("E-mailadres").fill("anna@example.nl");
    await anna.getByLabel("Wachtwoord").fill("fout wachtwoord");
    await anna.getByRole("button", { name: "Inloggen" }).click();
    await expect(anna.getByRole("alert")).toHaveText("Het e-mailadres of het wachtwoord klopt niet.");
    await anna.getByLabel("Wachtwoord").fill(interviewerPassword);
    await anna.getByRole("button", { name: "Inloggen" }).click();
    await expect(anna).toHaveURL(/\/gesprekken$/);
    await expect(anna.getByRole("banner")).toContainText("Anna Jansen");
    await expect(anna.getByRole("link", { name: "Gebruikers" })).toHaveCount(0);
    await anna.screenshot({ path: "test-results/logged-in-tablet.png" });

    await anna.goto("/beheer/gebruikers");
    await expect(anna.getByRole("alert")).toHaveText("Alleen HR beheert gebruikers.");

    await anna.getByRole("banner").getByRole("button", { name: "Uitloggen" }).click();
    const panel = anna.getByRole("dialog", { name: "Uitloggen op dit apparaat" });
    await expect(panel.getByLabel(/gesynchroniseerde gesprekken/)).toBeChecked();
    await anna.screenshot({ path: "test-results/logout-tablet.png" });
    await panel.getByRole("button", { name: "Uitloggen" }).click();
    await expect(anna).toHaveURL(/\/inloggen/);
    await expect(anna.getByRole("status")).toContainText("Uitgelogd");
    await expect(anna.getByRole("banner").getByRole("link", { name: "Inloggen" })).toBeVisible();
    await tablet.close();
    expect(problems).toEqual([]);
  } finally {
    await server.stop();
    await context.close();
  }
});
