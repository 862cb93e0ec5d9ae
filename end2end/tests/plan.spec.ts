// Acting on it: `server seed-demo` fills the database (and makes a manager per department).
// HR marks a quote of Sales "delen" on the workload page, seeing how a manager reads it, and
// starts an action on workload for Sales three months back. The manager of Sales logs in,
// reads the scrubbed quote beside the anonymised figures and the action with its effect,
// and no leaver's name anywhere. HR publishes the progress page of Sales as a link that a
// stranger opens without an account, then revokes it. A server of the test's own.
import { expect, test } from "@playwright/test";
import { closeSeeded, seededServer } from "../support/server";

const port = 3124;
const password = "correct horse battery";
const managerPassword = "manager demo wachtwoord";
const interviews = 300;

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

test("HR shares a quote and starts an action; the manager reads both, anonymised", async ({ browser }) => {
  test.setTimeout(180_000);
  const seeded = await seededServer(browser, port, interviews, password, ["--manager-password-stdin"], `${managerPassword}\n`);
  const { hrContext, managerContext } = seeded;
  const errors: string[] = [];
  try {
    expect(seeded.seeded).toContain("manager of Sales: manager-sales@exitgesprek.invalid");
    expect(seeded.seeded).not.toContain(managerPassword);
    expect(seeded.seeded).toContain("3 improvement actions added");
    const archive = await (await hrContext.request.get("/api/v1/interviews")).json();
    const leaverNames: string[] = archive.map((i: { leaver: string }) => i.leaver).filter((n: string) => n.length > 0);

    // HR: the workload notes of Sales, each quote with the text a manager would read.
    const hr = await hrContext.newPage();
    hr.on("pageerror", (e) => errors.push(e.message));
    await hr.goto("/dashboard/workload?department=Sales");
    const first = hr.locator(".theme-note", { has: hr.getByRole("button", { name: "Delen met managers" }) }).first();
    await expect(first).toBeVisible();
    // The button's name changes when pressed: hold on to this note by its id.
    const card = hr.locator(`.theme-note[data-note="${await first.getAttribute("data-note")}"]`);
    await expect(card.getByText("Zo leest een manager het:")).toBeVisible();
    const scrubbed = (await card.locator("blockquote.scrubbed").innerText()).trim();
    expect(scrubbed.length).toBeGreaterThan(5);
    await card.getByRole("button", { name: "Delen met managers" }).click();
    await expect(card.getByText("Gedeeld met managers")).toBeVisible();
    await expect(card.getByRole("button", { name: "Niet meer delen" })).toHaveAttribute("aria-pressed", "true");
    await card.scrollIntoViewIfNeeded();
    await hr.screenshot({ path: "test-results/share-quote.png" });

    // HR starts an action from the theme page, three months back.
    await hr.getByRole("link", { name: "Actie starten" }).click();
    await expect(hr).toHaveURL(/\/verbeterplan\?thema=workload&nieuw=1$/);
    const form = hr.locator("form.action-form");
    await form.getByLabel("Titel").fill("Werkdruk Sales: vaste planning per kwartaal");
    await form.getByLabel("Beschrijving").fill("Targets per kwartaal vastleggen en overwerk wekelijks bespreken.");
    await expect(form.getByRole("checkbox", { name: "Werkdruk" })).toBeChecked();
    // Saving without a department says so, in Dutch, and saves nothing.
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(form.getByText("Kies minstens één afdeling.")).toBeVisible();
    await form.getByRole("checkbox", { name: "Sales" }).check();
    const start = new Date();
    start.setMonth(start.getMonth() - 3);
    await form.getByLabel("Start").fill(isoDate(start));
    await form.getByLabel("Status").selectOption({ label: "Bezig" });
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect(hr.getByText("Actie opgeslagen.")).toBeVisible();
    const action = hr.locator(".action-card", { hasText: "Werkdruk Sales: vaste planning per kwartaal" });
    await expect(action.getByText("Voor de start")).toBeVisible();
    await expect(action.locator(".verdict")).toBeVisible();
    await action.getByLabel("Voortgang toevoegen").fill("Eerste kwartaalplanning met het team gemaakt.");
    await action.getByRole("button", { name: "Voortgang toevoegen" }).click();
    await expect(action.getByText("Eerste kwartaalplanning met het team gemaakt.")).toBeVisible();
    await hr.screenshot({ path: "test-results/plan-hr.png", fullPage: true });

    // The manager of Sales (made by seed-demo).
    const page = await managerContext.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/inloggen");
    await page.getByLabel("E-mailadres").fill("manager-sales@exitgesprek.invalid");
    await page.getByLabel("Wachtwoord").fill(managerPassword);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page).toHaveURL(/\/inzichten$/);
    await expect(page.locator(".scope")).toHaveText("Afdeling: Sales");
    await expect(page.getByRole("heading", { name: "Uitspraken en suggesties" })).toBeVisible();
    await expect(page.locator(".shared-quotes blockquote")).toHaveText([scrubbed]);
    await expect(page.getByText("te weinig gesprekken").first()).toBeVisible();
    let text = await page.locator("main").innerText();
    for (const name of leaverNames) expect(text).not.toContain(name);
    await page.screenshot({ path: "test-results/insights-quotes.png", fullPage: true });

    await page.getByRole("link", { name: "Verbeterplan" }).click();
    await expect(page).toHaveURL(/\/verbeterplan$/);
    const theirs = page.locator(".action-card");
    // Only the action on Sales: the demo's actions are for other departments.
    await expect(theirs).toHaveCount(1);
    await expect(theirs.getByRole("heading", { name: "Werkdruk Sales: vaste planning per kwartaal" })).toBeVisible();
    await expect(theirs.locator("dt", { hasText: "Na de start" })).toBeVisible();
    // A manager's effect: figures, or a plain sentence why there are none yet.
    await expect(theirs.locator(".verdict")).toContainText(/vertrekkers noemen|Nog niet te zeggen/);
    await expect(theirs.getByText("Eerste kwartaalplanning met het team gemaakt.")).toBeVisible();
    text = await page.locator("main").innerText();
    for (const name of leaverNames) expect(text).not.toContain(name);
    await page.screenshot({ path: "test-results/plan-manager.png", fullPage: true });

    // Another department's action is out of reach.
    const all = await (await hrContext.request.get("/api/v1/actions")).json();
    const zorg = all.find((a: { departments: string[] }) => a.departments.includes("Zorg") && a.departments.length === 1);
    expect((await managerContext.request.get(`/api/v1/actions/${zorg.id}`)).status()).toBe(404);
    // A manager cannot publish a progress link.
    expect((await managerContext.request.get("/api/v1/progress-links")).status()).toBe(403);

    // HR publishes the progress page of Sales for a week; the link is shown once.
    await hr.goto("/verbeterplan");
    const publish = hr.locator("section.publish");
    await publish.getByLabel("Afdeling").selectOption("Sales");
    await publish.getByLabel("Geldig (dagen)").fill("7");
    await publish.getByRole("button", { name: "Link maken" }).click();
    const url = await publish.getByLabel("Link").inputValue();
    expect(url).toMatch(/\/voortgang\/[0-9a-f]{64}$/);
    await expect(publish.locator('[data-link="Sales"]')).toContainText("Actief tot");
    await publish.scrollIntoViewIfNeeded();
    await hr.screenshot({ path: "test-results/progress-publish.png" });

    // Anyone with the link, no account: the Sales action, its effect, no names, no edit.
    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const open = await stranger.newPage();
      open.on("pageerror", (e) => errors.push(e.message));
      const answer = await open.goto(url);
      expect(answer?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
      await expect(open.getByRole("heading", { name: "Voortgang verbeterplan" })).toBeVisible();
      const cards = open.locator(".action-card");
      await expect(cards).toHaveCount(1);
      await expect(cards.getByRole("heading", { name: "Werkdruk Sales: vaste planning per kwartaal" })).toBeVisible();
      await expect(cards.getByText("Eerste kwartaalplanning met het team gemaakt.")).toBeVisible();
      await expect(cards.locator(".verdict")).toBeVisible();
      await expect(open.getByRole("button", { name: "Opslaan" })).toHaveCount(0);
      text = await open.locator("main").innerText();
      for (const name of leaverNames) expect(text).not.toContain(name);
      expect(text).not.toContain("Hanna HR");
      await open.screenshot({ path: "test-results/progress-public.png", fullPage: true });

      // HR revokes it: the same link now says it is gone.
      await publish.locator('[data-link="Sales"]').getByRole("button", { name: "Intrekken" }).click();
      await expect(publish.locator('[data-link="Sales"]')).toContainText("Ingetrokken op");
      await open.reload();
      await expect(open.getByRole("alert")).toContainText("Deze link bestaat niet, is verlopen of is ingetrokken.");
      await expect(open.locator(".action-card")).toHaveCount(0);
    } finally {
      await stranger.close();
    }
    expect(errors).toEqual([]);
  } finally {
    await closeSeeded(seeded);
  }
});
