// HR's dashboard on a desktop: a database filled by `server seed-demo`, the charts drawn by
// the server, a filter, the notes behind a theme with a link to the interview, the CSV
// export, the headcount and turnover, and the printed report. A server of the test's own.
import { expect, Page, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OwnServer, post } from "../support/server";

const port = 3121;
const password = "correct horse battery";
const interviews = 120;

async function chartsDrawn(page: Page) {
  for (const img of await page.locator("figure.chart img").all()) {
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  }
}

async function count(page: Page): Promise<number> {
  return Number(await page.locator(".big-number strong").first().innerText());
}

test("HR reads why people leave: charts, filter, notes behind a theme, export, turnover, print", async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), "exitgesprek-dashboard-"));
  const server = await OwnServer.start(port, "../target/site", dataDir);
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, hasTouch: false, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await post(context.request, server.url, "/api/v1/setup", { email: "hr@example.nl", name: "Hanna HR", role: "hr", password });
    const seeded = execFileSync("../target/release/server", ["seed-demo", "--interviews", String(interviews)], {
      env: { ...process.env, DATABASE_URL: `sqlite://${dataDir}/e2e.db`, EXIT_LOG: "error" },
    }).toString();
    expect(seeded).toContain(`seeded ${interviews} interviews`);

    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Waarom mensen vertrekken" })).toBeVisible();
    await expect(page.locator(".big-number strong").first()).toHaveText(String(interviews));
    await expect(page.getByRole("link", { name: "werkdruk & balans" })).toBeVisible();
    await chartsDrawn(page);
    await page.screenshot({ path: "test-results/dashboard.png", fullPage: true });

    // Only one department: fewer interviews, charts drawn again for the filter.
    await page.getByLabel("Afdeling").selectOption("Zorg");
    await page.getByRole("button", { name: "Filteren" }).click();
    await expect.poll(() => count(page)).toBeLessThan(interviews);
    const zorg = await count(page);
    expect(zorg).toBeGreaterThan(0);
    await expect(page.locator("figure.chart img").first()).toHaveAttribute("src", /department=Zorg/);
    await chartsDrawn(page);

    // The export holds the filtered interviews, one line each, and no names.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exporteer als CSV" }).click()]);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv.trim().split("\r\n")).toHaveLength(zorg + 1);
    expect(csv).not.toContain("Demo");

    // Turnover beside the Dutch average, from the headcount HR enters.
    await page.getByRole("button", { name: "Regel toevoegen" }).click();
    await page.getByLabel("Jaar").last().fill("2026");
    await page.getByLabel("Aantal medewerkers").last().fill("400");
    await page.getByRole("button", { name: "Opslaan" }).click();
    const row = page.locator(".turnover tbody tr").filter({ hasText: "hele organisatie" });
    await expect(row).toContainText("2026");
    await expect(row).toContainText(/\d+,\d %/);
    await expect(page.getByText("Landelijk gemiddelde: ongeveer 15 % per jaar (CBS).")).toBeVisible();

    // Printed, the report has no filter form, buttons or top bar.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("form.filters")).toBeHidden();
    await expect(page.getByRole("button", { name: "Afdrukken" })).toBeHidden();
    await page.screenshot({ path: "test-results/dashboard-print.png", fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // The notes behind a theme, each with a link to its interview.
    await page.getByRole("link", { name: "werkdruk & balans" }).click();
    await expect(page).toHaveURL(/\/dashboard\/workload\?department=Zorg$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wat vertrekkers zeggen over werkdruk & balans");
    await expect(page.locator(".theme-note").first()).toBeVisible();
    await page.screenshot({ path: "test-results/dashboard-theme.png", fullPage: true });

    // Only the examples: the filter goes into the address, every group holds examples only.
    await page.getByLabel("Soort").selectOption("example");
    await expect(page).toHaveURL(/[?&]kind=example(&|$)/);
    await expect(page.getByLabel("Soort")).toHaveValue("example");
    await expect(page.locator(".group-head").first()).toBeVisible();
    await expect(page.locator(".group-head").filter({ hasNotText: " · voorbeeld · " })).toHaveCount(0);
    await page.getByLabel("Soort").selectOption("");
    await expect(page).not.toHaveURL(/kind=/);

    // HR corrects the first note: not workload but pay, and neutral. It leaves this page and
    // shows on the pay page, marked as HR's correction.
    const noteId = await page.locator(".theme-note").first().getAttribute("data-note");
    expect(noteId).toBeTruthy();
    const corrected = page.locator(`.theme-note[data-note="${noteId}"]`);
    await corrected.getByRole("button", { name: "Thema's corrigeren" }).click();
    const form = corrected.locator("form.correct-themes");
    await form.getByLabel("werkdruk & balans", { exact: true }).uncheck();
    await form.getByLabel("beloning & voorwaarden", { exact: true }).check();
    await form.getByLabel("Neutraal", { exact: true }).check();
    await corrected.screenshot({ path: "test-results/theme-correction.png" });
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(corrected.getByRole("status")).toHaveText("Correctie opgeslagen.");
    await expect(corrected.locator("ul.chips")).toContainText("beloning & voorwaarden");
    await expect(corrected.locator("ul.chips")).not.toContainText("werkdruk & balans");
    await expect(corrected).toContainText("Toon: Neutraal · Gecorrigeerd door HR");
    await page.reload();
    await expect(page.locator(".theme-note").first()).toBeVisible();
    await expect(corrected).toHaveCount(0);
    await page.goto("/dashboard/pay?department=Zorg");
    const moved = page.locator(`.theme-note[data-note="${noteId}"]`);
    await expect(moved).toHaveCount(1);
    // A note that says what others say sits folded inside its group: open the group first.
    if (!(await moved.isVisible())) {
      await page.locator(".note-group").filter({ has: moved }).locator("summary").click();
    }
    await expect(moved).toContainText("Gecorrigeerd door HR");

    await moved.getByRole("link", { name: "Open gesprek" }).click();
    await expect(page).toHaveURL(/\/archief\/[0-9a-f-]{36}$/);
    await expect(page.getByText("Zorg").first()).toBeVisible();

    // HR's own theme list: a built-in theme off, a theme of its own; every note tagged again.
    await page.goto("/beheer/themas");
    await expect(page.getByRole("heading", { level: 1, name: "Thema's en trefwoorden" })).toBeVisible();
    await expect(page.getByLabel("pensioen", { exact: true })).toBeChecked();
    await page.getByLabel("pensioen", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Eigen thema toevoegen" }).click();
    await page.getByLabel("Naam (NL)").last().fill("Feedback");
    await page.getByLabel("Extra trefwoorden, met komma's").last().fill("feedback, *feedback");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.locator("form.theme-settings").getByRole("status")).toHaveText(/Opgeslagen; \d+ notities opnieuw getagd\./);
    await page.screenshot({ path: "test-results/theme-settings.png", fullPage: true });

    // A model version that learnt HR's correction: compared on the corpus's test notes with
    // the built-in model, then switched to; every note is tagged again.
    const models = page.locator("section.theme-models");
    await expect(models).toContainText("Nog geen versies opgeslagen");
    const trained = execFileSync("../target/release/server", ["themes", "train", "--with-corrections", "--data", "../app/tests/data"], {
      env: { ...process.env, DATABASE_URL: `sqlite://${dataDir}/e2e.db`, EXIT_LOG: "error" },
    }).toString();
    expect(trained).toContain("with 1 correction;");
    await page.reload();
    await expect(models.locator("tbody tr")).toHaveCount(2);
    await expect(models.locator("tbody tr").first()).toContainText("In gebruik");
    await models.getByRole("button", { name: "Vergelijken" }).click();
    const compare = models.locator(".model-compare");
    await expect(compare).toContainText("Nu in gebruik");
    await expect(compare).toContainText(/\d+ van \d+ notities krijgen andere thema's of een andere toon\./);
    await models.screenshot({ path: "test-results/theme-models.png" });
    await compare.getByRole("button", { name: "Overstappen" }).click();
    await expect(models.getByRole("status")).toHaveText(/^Overgestapt; \d+ notities opnieuw getagd\.$/);
    await expect(models.locator("tbody tr").last()).toContainText("In gebruik");
    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: "Feedback", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "pensioen", exact: true })).toHaveCount(0);

    // Emergent themes: the generator's complaints about tools recur without a theme; one
    // click makes the first term a theme, counted at once and no longer emergent.
    const terms = page.locator(".emergent-term strong");
    await expect(terms.first()).toBeVisible();
    expect(await terms.allInnerTexts()).toContain("laptop");
    const first = page.locator(".emergent-term").first();
    const term = (await first.locator("strong").innerText()).trim();
    const label = term.charAt(0).toUpperCase() + term.slice(1);
    await page.locator(".emergent-panel").screenshot({ path: "test-results/dashboard-emergent.png" });
    await first.getByRole("button", { name: "Maak er een thema van" }).click();
    await expect(page.locator(".emergent-panel").getByRole("status")).toHaveText(new RegExp(`^Thema '${label}' toegevoegd; \\d+ notities getagd`));
    await expect(page.getByRole("link", { name: label, exact: true })).toBeVisible();
    await expect(terms.filter({ hasText: new RegExp(`^${term}$`) })).toHaveCount(0);
    await chartsDrawn(page);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await server.stop();
  }
});
