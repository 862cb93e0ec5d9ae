// What a manager sees: `server seed-demo` fills the database, HR adds a manager of Zorg, the
// manager logs in on a desktop and lands on /inzichten with anonymised figures (some
// "te weinig gesprekken", no names), picks one filter, and cannot read an interview. HR opens
// the same view for a department. A server of the test's own.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { closeSeeded, post, seededServer } from "../support/server";

const port = 3123;
const password = "correct horse battery";
const interviews = 80;

test("a manager sees anonymised figures of their department and nothing else", async ({ browser }) => {
  test.setTimeout(120_000);
  const seeded = await seededServer(browser, port, interviews, password);
  const { server, hrContext, managerContext } = seeded;
  const errors: string[] = [];
  try {
    await post(hrContext.request, server.url, "/api/v1/users", {
      email: "manager.zorg@example.nl",
      name: "Mila Manager",
      role: "manager",
      departments: ["Zorg"],
      password,
    });
    const archive = await (await hrContext.request.get("/api/v1/interviews")).json();
    const someInterview = archive[0].id;
    const leaverNames: string[] = archive.map((i: { leaver: string }) => i.leaver);

    const page = await managerContext.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto("/inloggen");
    await page.getByLabel("E-mailadres").fill("manager.zorg@example.nl");
    await page.getByLabel("Wachtwoord").fill(password);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page).toHaveURL(/\/inzichten$/);
    await expect(page.getByRole("heading", { level: 1, name: "Waarom mensen vertrekken: inzichten" })).toBeVisible();
    await expect(page.locator(".scope")).toHaveText("Afdeling: Zorg");
    const count = Number(await page.locator(".big-number strong").innerText());
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(interviews);
    await expect(page.getByRole("table", { name: "Thema's in de gesprekken" })).toBeVisible();
    await expect(page.getByText("te weinig gesprekken").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
    // A manager takes no interviews: no sync bar, no sync attempts.
    await expect(page.locator(".syncbar")).toHaveCount(0);
    const text = await page.locator("main").innerText();
    for (const name of leaverNames) expect(text).not.toContain(name);
    expect(text).not.toContain("Demo");
    // The charts load, and the CSV holds the same figures with the hidden ones as text.
    const chart = page.getByRole("img", { name: "Thema's in de gesprekken" });
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/insights-manager.png", fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Exporteer als CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("inzichten.csv");
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv).toContain(`interviews,,${count}`);
    expect(csv).toContain("te weinig gesprekken");
    for (const name of leaverNames) expect(csv).not.toContain(name);

    // One filter: a year with enough interviews, or the page says the group is too small.
    const filter = page.getByLabel("Filter");
    const options = await filter.locator("option").allInnerTexts();
    expect(options[0]).toBe("alle");
    if (options.length > 1) {
      await filter.selectOption({ index: 1 });
      await expect.poll(async () => Number(await page.locator(".big-number strong").innerText())).toBeLessThan(count);
    }

    // Interviews and notes stay out of reach.
    const one = await managerContext.request.get(`/api/v1/interviews/${someInterview}`);
    expect([403, 404]).toContain(one.status());
    const other = await managerContext.request.get("/api/v1/insights?scope=ICT");
    expect(other.status()).toBe(403);

    // HR sees what the manager of ICT would see.
    const hr = await hrContext.newPage();
    await hr.goto("/inzichten");
    await hr.getByLabel("Bekijk als manager van").selectOption("ICT");
    await expect(hr.locator(".scope")).toHaveText("Afdeling: ICT");
    await hr.screenshot({ path: "test-results/insights-hr.png", fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    await closeSeeded(seeded);
  }
});
