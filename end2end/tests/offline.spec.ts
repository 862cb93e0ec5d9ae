// Offline: after one online visit the interviewer routes open from the service worker with
// the server gone, and a new build waits for the interviewer's click before it takes over.
// Each test runs a server of its own, so it can stop it or swap its build.
import { expect, test } from "@playwright/test";
import { appendFileSync, cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addNote, logIn, newInterview, question, unlock } from "../support/interview";
import { controlledByWorker, interviewer, OwnServer, withInterviewer } from "../support/server";

const why = "Waarom heb je besloten te vertrekken?";

test("the interviewer routes open and a new interview is taken with the server gone", async ({ browser }) => {
  const server = await OwnServer.start(3117);
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await withInterviewer(context.request, server.url);
    await logIn(page, interviewer.email, interviewer.password);
    await controlledByWorker(page);
    // The browser was asked to keep the data; its answer is shown either way.
    await expect(page.getByText(/blijven bewaard tot|de browser mag deze gegevens opruimen/)).toBeVisible();
  } finally {
    await server.stop();
  }
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

  // A page load locks the interviews: the interviewer's pages open on the lock screen.
  for (const [path, heading] of [
    ["/", "Exitgesprek"],
    ["/gesprekken", "Gesprekken vergrendeld"],
    ["/gesprekken/nieuw", "Gesprekken vergrendeld"],
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.fromServiceWorker(), path).toBe(true);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  // Unlocked without a server, on the page that was asked for.
  await unlock(page, interviewer.name, interviewer.password);
  await expect(page.getByRole("heading", { level: 1, name: "Nieuw exitgesprek" })).toBeVisible();

  await newInterview(page, "K. Offline");
  await addNote(page, why, "quote", "Zonder netwerk genoteerd");
  // A real navigation to /gesprekken/<id>: answered with the one interview shell.
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await unlock(page, interviewer.name, interviewer.password);
  await expect(page.getByRole("heading", { level: 1, name: "K. Offline" })).toBeVisible();
  await expect(question(page, why).getByRole("listitem").filter({ hasText: "Zonder netwerk genoteerd" })).toBeVisible();
  await page.screenshot({ path: "test-results/offline-interview-tablet.png", fullPage: true });

  // A route the worker does not keep is never answered with another route's HTML.
  await expect(page.goto("/beheer")).rejects.toThrow(/ERR_CONNECTION_REFUSED|ERR_FAILED/);
  expect(errors).toEqual([]);
  await context.close();
});

test("a new build waits for the interviewer's click and keeps the open interview", async ({ browser }) => {
  // Build 2: the same site with one changed byte in the CSS, so the cache version changes.
  const build2 = mkdtempSync(join(tmpdir(), "exitgesprek-build2-"));
  cpSync("../target/site", build2, { recursive: true });
  appendFileSync(join(build2, "pkg/exitgesprek.css"), "\n/* build 2 */\n");

  let server = await OwnServer.start(3118);
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  try {
    await withInterviewer(context.request, server.url);
    await logIn(page, interviewer.email, interviewer.password);
    await controlledByWorker(page);
    await newInterview(page, "L. Update");
    await addNote(page, why, "voorbeeld", "Genoteerd voor de update");
    await page.evaluate(() => ((window as any).beforeUpdate = true));

    await server.stop();
    server = await OwnServer.start(3118, build2);
    // The app checks for a new version when it is shown again; ask for the same check here.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

    const banner = page.getByRole("status").filter({ hasText: "Nieuwe versie beschikbaar" });
    await expect(banner).toBeVisible();
    // Waiting, not reloaded: the page and the interview on it are the same as before.
    expect(await page.evaluate(() => (window as any).beforeUpdate)).toBe(true);
    await expect(page.getByRole("heading", { level: 1, name: "L. Update" })).toBeVisible();
    await page.screenshot({ path: "test-results/update-banner-tablet.png" });

    await banner.getByRole("button", { name: "Nu bijwerken" }).click();
    await page.waitForFunction(() => (window as any).beforeUpdate === undefined);
    await unlock(page, interviewer.name, interviewer.password);
    await expect(page.getByRole("heading", { level: 1, name: "L. Update" })).toBeVisible();
    await expect(question(page, why).getByRole("listitem").filter({ hasText: "Genoteerd voor de update" })).toBeVisible();
    await expect(banner).toBeHidden();
    const css = await page.evaluate(() => fetch("/pkg/exitgesprek.css").then((r) => r.text()));
    expect(css).toContain("build 2");
  } finally {
    await server.stop();
    await context.close();
  }
});
