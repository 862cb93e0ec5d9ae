// Sync's failure paths as the interviewer meets them on the tablet: an interview HR erased
// leaves the tablet with a notice (its unsent note with it), and a tablet whose clock runs
// days ahead is told to check its date and can let the refused changes go. A server of the
// test's own for each.
import { Browser, BrowserContext, expect, Page, test } from "@playwright/test";
import { addNote, logIn, newInterview, toList, unlock } from "../support/interview";
import { OwnServer, post } from "../support/server";

const password = "correct horse battery";
const why = "Waarom heb je besloten te vertrekken?";

type Scene = { server: OwnServer; hr: BrowserContext; context: BrowserContext; tablet: Page };

/** A server of its own with HR and Anna, Anna logged in on a tablet; no page errors allowed. */
async function onTablet(browser: Browser, port: number, body: (scene: Scene) => Promise<void>) {
  const server = await OwnServer.start(port);
  const hr = await browser.newContext({ baseURL: server.url });
  const context = await browser.newContext({ baseURL: server.url });
  try {
    await post(hr.request, server.url, "/api/v1/setup", { email: "hr@example.nl", name: "Hanna HR", role: "hr", password });
    await post(hr.request, server.url, "/api/v1/users", { email: "anna@example.nl", name: "Anna Jansen", role: "interviewer", password });
    const tablet = await context.newPage();
    const errors: string[] = [];
    tablet.on("pageerror", (e) => errors.push(e.message));
    await logIn(tablet, "anna@example.nl", password);
    await body({ server, hr, context, tablet });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await hr.close();
    await server.stop();
  }
}

async function synced(page: Page) {
  await expect(page.locator(".syncbar")).toContainText(/Alles gesynchroniseerd om \d\d:\d\d/, { timeout: 20_000 });
}

test("an interview HR erased leaves the tablet with a notice, its unsent note with it", async ({ browser }) => {
  test.setTimeout(90_000);
  await onTablet(browser, 3121, async ({ server, hr, context, tablet }) => {
    await newInterview(tablet, "Jan Gewist");
    await addNote(tablet, why, "quote", "Te weinig ruimte");
    await synced(tablet);
    const id = tablet.url().split("/").pop();

    // Offline in the meeting room, one more note; meanwhile HR erases the interview.
    await context.setOffline(true);
    await addNote(tablet, why, "quote", "Nog niet verstuurd");
    await expect(tablet.locator(".syncbar")).toContainText("wachtrij");
    await post(hr.request, server.url, "/api/v1/session", { email: "hr@example.nl", password });
    const erased = await hr.request.delete(`/api/v1/interviews/${id}`, { headers: { origin: server.url } });
    expect(erased.status()).toBe(204);

    await context.setOffline(false);
    await synced(tablet);
    await toList(tablet);
    await expect(tablet.getByRole("listitem").filter({ hasText: "Jan Gewist" })).toHaveCount(0);
    const notice = tablet.getByRole("alert").filter({ hasText: "HR heeft een gesprek gewist" });
    await expect(notice).toContainText("1 niet-verstuurde of geweigerde wijziging is daarmee vervallen");
    await expect(notice).not.toContainText("Jan Gewist");
    await tablet.screenshot({ path: "test-results/erased-notice-tablet.png", fullPage: true });
    await notice.getByRole("button", { name: "Gelezen" }).click();
    await expect(notice).toHaveCount(0);
    await tablet.reload();
    await unlock(tablet, "Anna Jansen", password);
    await expect(tablet.getByRole("heading", { level: 1, name: "Gesprekken op dit apparaat" })).toBeVisible();
    await expect(tablet.getByText("HR heeft een gesprek gewist")).toHaveCount(0);
  });
});

test("a tablet whose clock runs days ahead is told to check its date and can let the refusals go", async ({ browser }) => {
  test.setTimeout(90_000);
  await onTablet(browser, 3122, async ({ server, hr, tablet }) => {
    // The tablet's date was set three days ahead: time has passed, as far as the lock knows.
    await tablet.clock.setFixedTime(Date.now() + 3 * 24 * 60 * 60 * 1000);
    await expect(tablet.getByRole("heading", { level: 1, name: "Gesprekken vergrendeld" })).toBeVisible({ timeout: 10_000 });
    await unlock(tablet, "Anna Jansen", password);
    await newInterview(tablet, "Els Vooruit");
    await addNote(tablet, why, "quote", "Geschreven in de toekomst");
    await tablet.getByRole("button", { name: "Nu synchroniseren" }).click();
    await expect(tablet.locator(".sync-refused")).toContainText("geweigerd", { timeout: 20_000 });

    await toList(tablet);
    // Every change of the new interview was refused for the same reason: said once.
    const row = tablet.getByRole("listitem").filter({ hasText: "Els Vooruit" }).first();
    const reason = row.getByRole("listitem").filter({ hasText: "controleer de datum en tijd van de tablet" });
    await expect(reason).toHaveCount(1);
    await tablet.screenshot({ path: "test-results/clock-ahead-refused-tablet.png", fullPage: true });
    await reason.getByRole("button", { name: /Gelezen, \d+ wijzigingen laten vervallen/ }).click();
    await expect(reason).toHaveCount(0);
    await expect(tablet.locator(".sync-refused")).toBeEmpty();
    await expect(row).toContainText("alleen op dit apparaat");
    // Nothing stamped in the future reached the server.
    await post(hr.request, server.url, "/api/v1/session", { email: "hr@example.nl", password });
    const list = await hr.request.get("/api/v1/interviews");
    expect(await list.json()).toEqual([]);
  });
});
