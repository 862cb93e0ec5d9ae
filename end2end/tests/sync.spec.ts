// Sync in the browser: an interview taken with the server stopped reaches the server by
// itself once it is back, the indicator says so, and HR reads it on a desktop with every
// note. A server of the test's own (stopped and restarted on the same database).
import { expect, test } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addNote, logIn, newInterview, toList } from "../support/interview";
import { controlledByWorker, OwnServer, post } from "../support/server";

const port = 3120;
const password = "correct horse battery";

test("an interview taken offline syncs by itself and HR reads it with every note", async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), "exitgesprek-sync-"));
  let server = await OwnServer.start(port, "../target/site", dataDir);
  const hrContext = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 }, hasTouch: false });
  const tabletContext = await browser.newContext({ baseURL: server.url });
  const tablet = await tabletContext.newPage();
  const errors: string[] = [];
  tablet.on("pageerror", (e) => errors.push(e.message));
  try {
    await post(hrContext.request, server.url, "/api/v1/setup", { email: "hr@example.nl", name: "Hanna HR", role: "hr", password });
    await post(hrContext.request, server.url, "/api/v1/users", { email: "anna@example.nl", name: "Anna Jansen", role: "interviewer", password });

    await logIn(tablet, "anna@example.nl", password);
    await controlledByWorker(tablet);
    const indicator = tablet.locator(".syncbar");
    await expect(indicator).toContainText(/Alles gesynchroniseerd om \d\d:\d\d|Nog niet gesynchroniseerd/);

    // The meeting room has no network: the server is gone.
    await server.stop();
    await newInterview(tablet, "Jan de Vries");
    // Typed without a pause; going on to the notes makes it a change.
    await tablet.getByLabel("Vertrouwelijkheid").fill("");
    await tablet.getByLabel("Vertrouwelijkheid").pressSequentially("Alleen HR en de interviewer lezen mee");
    await addNote(tablet, "Waarom heb je besloten te vertrekken?", "quote", "Ik kreeg geen ruimte om te groeien");
    await addNote(tablet, "Hoe was je ervaring met je leidinggevende?", "voorbeeld", "Mijn LG had nooit tijd voor een 1-op-1");
    await addNote(tablet, "Wat zou je veranderen in het bedrijf?", "suggestie", "Minder vergaderingen, meer focus");
    await expect(indicator).toContainText("wijzigingen in wachtrij");
    await expect(indicator).toContainText("Offline", { timeout: 15_000 });
    await tablet.evaluate(() => window.scrollTo(0, 0));
    await tablet.screenshot({ path: "test-results/sync-offline-queued.png" });

    // Back in range: sync starts by itself and reaches "alles gesynchroniseerd".
    server = await OwnServer.start(port, "../target/site", dataDir);
    await expect(indicator).toContainText(/Alles gesynchroniseerd om \d\d:\d\d/, { timeout: 45_000 });
    await expect(indicator).not.toContainText("wachtrij");
    await tablet.screenshot({ path: "test-results/sync-done.png" });
    await toList(tablet);
    await expect(tablet.getByRole("listitem").filter({ hasText: "Jan de Vries" })).toContainText("gesynchroniseerd");
    await expect(tablet.getByRole("button", { name: "Van deze tablet verwijderen" })).toBeVisible();

    // HR on a desktop, in another browser profile.
    await hrContext.request.post("/api/v1/session", { data: { email: "hr@example.nl", password }, headers: { origin: server.url } });
    const hr = await hrContext.newPage();
    await hr.goto("/archief");
    const row = hr.getByRole("row", { name: /Jan de Vries/ });
    await expect(row).toContainText("Logistiek");
    await expect(row.getByRole("cell").last()).toHaveText("3");
    await hr.screenshot({ path: "test-results/archive-desktop.png", fullPage: true });
    await row.getByRole("link", { name: "Jan de Vries" }).click();
    await expect(hr.getByRole("heading", { level: 1, name: "Jan de Vries" })).toBeVisible();
    for (const text of ["Alleen HR en de interviewer lezen mee", "Ik kreeg geen ruimte om te groeien", "Mijn LG had nooit tijd voor een 1-op-1", "Minder vergaderingen, meer focus"]) {
      await expect(hr.getByText(text)).toBeVisible();
    }
    await expect(hr.getByText("Deze inzage is vastgelegd in het inzagelog.")).toBeVisible();
    await hr.screenshot({ path: "test-results/archive-detail-desktop.png", fullPage: true });
    await hr.goto("/beheer/inzagelog");
    await expect(hr.getByRole("row").filter({ hasText: "Hanna HR" }).first()).toContainText("ingezien");

    // Removing it from the shared tablet: it stays on the server.
    await tablet.getByRole("button", { name: "Van deze tablet verwijderen" }).click();
    await expect(tablet.getByText("Van deze tablet verwijderd")).toBeVisible();
    await expect(tablet.getByRole("listitem").filter({ hasText: "Jan de Vries" })).toHaveCount(0);
    await hr.goto("/archief");
    await expect(hr.getByRole("row", { name: /Jan de Vries/ })).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await tabletContext.close();
    await hrContext.close();
    await server.stop();
  }
});
