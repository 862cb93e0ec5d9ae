// A shared tablet: every interviewer's notes sit in a vault of their own, encrypted, that only
// their password opens (offline too). What the tablet shows while locked, what localStorage
// holds then, two interviewers on one tablet, a wrong password, and the idle lock. A server
// of the test's own.
import { expect, Page, test } from "@playwright/test";
import { addNote, logIn, newInterview, question, toList, unlock } from "../support/interview";
import { controlledByWorker, OwnServer, post, send } from "../support/server";

const password = "correct horse battery";
const anna = { email: "anna@example.nl", name: "Anna Jansen", password };
const bob = { email: "bob@example.nl", name: "Bob de Boer", password: "bob zijn wachtwoord" };
const why = "Waarom heb je besloten te vertrekken?";

/** Every key and value in localStorage, as one text, base64 values also decoded (an
 *  encryption that did nothing would show there). */
async function storageText(page: Page): Promise<string> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .map((k) => {
        const v = localStorage.getItem(k) ?? "";
        let decoded = "";
        try {
          decoded = new TextDecoder().decode(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)));
        } catch {
          // Not base64.
        }
        return `${k}=${v}\n${decoded}`;
      })
      .join("\n"),
  );
}

test("two interviewers share a tablet: each sees, syncs and unlocks only their own", async ({ browser }) => {
  test.setTimeout(120_000);
  const server = await OwnServer.start(3123);
  const hr = await browser.newContext({ baseURL: server.url });
  const context = await browser.newContext({ baseURL: server.url });
  const tablet = await context.newPage();
  const errors: string[] = [];
  tablet.on("pageerror", (e) => errors.push(e.message));
  try {
    await post(hr.request, server.url, "/api/v1/setup", { email: "hr@example.nl", name: "Hanna HR", role: "hr", password });
    for (const who of [anna, bob]) {
      await post(hr.request, server.url, "/api/v1/users", { email: who.email, name: who.name, role: "interviewer", password: who.password });
    }

    // Anna takes an interview without a network and leaves a half-typed note.
    await logIn(tablet, anna.email, anna.password);
    await controlledByWorker(tablet);
    await context.setOffline(true);
    await newInterview(tablet, "Geheim van Anna");
    await addNote(tablet, why, "quote", "Annas notitie over de LG");
    const interviewId = tablet.url().split("/").pop()!;
    const entry = question(tablet, "Wat vond je van de sfeer").getByPlaceholder("Notitie, Enter om toe te voegen");
    await entry.fill("half getypt");
    await expect(tablet.locator(".syncbar")).toContainText("wachtrij");
    await tablet.getByRole("banner").getByRole("button", { name: "Vergrendelen" }).click();

    // Locked: names of who has a vault here, nothing of any interview, on screen or stored.
    await expect(tablet.getByRole("heading", { level: 1, name: "Gesprekken vergrendeld" })).toBeVisible();
    await expect(tablet.getByRole("button", { name: /Anna Jansen/ })).toContainText(/\d+ wijzigingen nog niet verstuurd/);
    await tablet.screenshot({ path: "test-results/vault-locked-tablet.png", fullPage: true });
    const stored = await storageText(tablet);
    const shown = await tablet.content();
    for (const secret of ["Geheim van Anna", "Annas notitie", "half getypt", interviewId]) {
      expect(stored, `localStorage holds ${secret}`).not.toContain(secret);
      expect(shown, `the page shows ${secret}`).not.toContain(secret);
    }

    // A wrong password, offline: refused. The right one: the same screen, the draft too.
    await tablet.getByRole("button", { name: /Anna Jansen/ }).click();
    await tablet.getByLabel("Wachtwoord").fill("niet het wachtwoord");
    await tablet.getByRole("button", { name: "Ontgrendelen" }).click();
    await expect(tablet.getByRole("alert")).toHaveText("Dat wachtwoord opent deze gesprekken niet.");
    await tablet.getByLabel("Wachtwoord").fill(anna.password);
    await tablet.getByRole("button", { name: "Ontgrendelen" }).click();
    await expect(tablet.getByRole("heading", { level: 1, name: "Geheim van Anna" })).toBeVisible();
    await expect(entry).toHaveValue("half getypt");
    await tablet.getByRole("banner").getByRole("button", { name: "Vergrendelen" }).click();

    // Bob logs in on the same tablet, online: his list is empty and his sync takes nothing of Anna's.
    await context.setOffline(false);
    await logIn(tablet, bob.email, bob.password);
    await expect(tablet.getByText("Nog geen gesprekken op dit apparaat.")).toBeVisible();
    await expect(tablet.locator(".syncbar")).toContainText(/Alles gesynchroniseerd om/, { timeout: 20_000 });
    await post(hr.request, server.url, "/api/v1/session", { email: "hr@example.nl", password });
    expect(await (await hr.request.get("/api/v1/interviews")).json()).toEqual([]);
    await tablet.getByRole("banner").getByRole("button", { name: "Uitloggen" }).click();
    await tablet.getByRole("dialog").getByRole("button", { name: "Uitloggen" }).click();
    await expect(tablet).toHaveURL(/\/inloggen/);

    // Anna again: unlocked offline, everything there; online her changes sync under her name.
    await context.setOffline(true);
    await tablet.goto("/gesprekken");
    await unlock(tablet, anna.name, anna.password);
    await expect(tablet.getByRole("listitem").filter({ hasText: "Geheim van Anna" })).toBeVisible();
    await context.setOffline(false);
    await logIn(tablet, anna.email, anna.password);
    await expect(tablet.locator(".syncbar")).toContainText(/Alles gesynchroniseerd om/, { timeout: 20_000 });
    const listed = await (await hr.request.get("/api/v1/interviews")).json();
    expect(listed.map((i: { leaver: string; interviewer: string }) => [i.leaver, i.interviewer])).toEqual([["Geheim van Anna", "Anna"]]);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await hr.close();
    await server.stop();
  }
});

test("an open vault locks itself after HR's period without input", async ({ browser }) => {
  test.setTimeout(90_000);
  const server = await OwnServer.start(3124);
  const hr = await browser.newContext({ baseURL: server.url });
  const context = await browser.newContext({ baseURL: server.url });
  const tablet = await context.newPage();
  try {
    await post(hr.request, server.url, "/api/v1/setup", { email: "hr@example.nl", name: "Hanna HR", role: "hr", password });
    await post(hr.request, server.url, "/api/v1/users", { email: anna.email, name: anna.name, role: "interviewer", password });
    await send(hr.request, "PATCH", server.url, "/api/v1/settings", { remove_after_sync: false, lock_after_minutes: 1 });
    await tablet.clock.install();
    await logIn(tablet, anna.email, anna.password);
    // The sync after the login brings HR's lock period.
    await expect(tablet.locator(".syncbar")).toContainText(/Alles gesynchroniseerd om/, { timeout: 20_000 });
    await newInterview(tablet, "Els Stil");
    // Half-done work on screen: a note being edited (new kind, new text), an own question.
    await addNote(tablet, why, "quote", "Te weinig ruimte");
    const note = question(tablet, why).getByRole("listitem").filter({ hasText: "Te weinig ruimte" });
    await note.getByRole("button", { name: "Bewerken" }).click();
    await question(tablet, why).getByRole("combobox").selectOption({ label: "suggestie" });
    await question(tablet, why).locator(".note-edit").fill("Te weinig ruimte om te groeien");
    await tablet.getByPlaceholder("Eigen vraag").fill("Wat neem je mee");
    await tablet.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const scrolled = await tablet.evaluate(() => window.scrollY);
    expect(scrolled).toBeGreaterThan(200);
    await tablet.clock.fastForward("00:30");
    await expect(tablet.getByRole("heading", { level: 1, name: "Els Stil" })).toBeVisible();
    await tablet.clock.fastForward("01:05");
    await expect(tablet.getByRole("heading", { level: 1, name: "Gesprekken vergrendeld" })).toBeVisible();
    await expect(tablet.locator("body")).not.toContainText("Te weinig ruimte");
    await unlock(tablet, anna.name, anna.password);
    // The exact screen: the editor open with its kind and text, the question, the place.
    await expect(tablet.getByRole("heading", { level: 1, name: "Els Stil" })).toBeVisible();
    await expect(question(tablet, why).locator(".note-edit")).toHaveValue("Te weinig ruimte om te groeien");
    await expect(question(tablet, why).getByRole("combobox")).toHaveValue("1");
    await expect(tablet.getByPlaceholder("Eigen vraag")).toHaveValue("Wat neem je mee");
    await expect.poll(() => tablet.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled - 50);
    await question(tablet, why).getByRole("button", { name: "Opslaan" }).click();
    await expect(question(tablet, why).getByRole("listitem").filter({ hasText: "Te weinig ruimte om te groeien" })).toContainText("suggestie");

    // The new-interview form, half filled, locked by hand.
    await toList(tablet);
    await tablet.getByRole("link", { name: "Nieuw gesprek" }).click();
    await tablet.getByLabel("Vertrekkende medewerker").fill("Half Ingevuld");
    await tablet.getByLabel("Afdeling").fill("Inkoop");
    await tablet.getByRole("banner").getByRole("button", { name: "Vergrendelen" }).click();
    await expect(tablet.locator("body")).not.toContainText("Inkoop");
    await unlock(tablet, anna.name, anna.password);
    await expect(tablet.getByLabel("Vertrekkende medewerker")).toHaveValue("Half Ingevuld");
    await expect(tablet.getByLabel("Afdeling")).toHaveValue("Inkoop");
    await toList(tablet);
  } finally {
    await context.close();
    await hr.close();
    await server.stop();
  }
});

test("opening a vault in a second page of the browser locks the first", async ({ browser }) => {
  const server = await OwnServer.start(3125);
  const hr = await browser.newContext({ baseURL: server.url });
  const context = await browser.newContext({ baseURL: server.url });
  try {
    await post(hr.request, server.url, "/api/v1/setup", { email: "hr@example.nl", name: "Hanna HR", role: "hr", password });
    await post(hr.request, server.url, "/api/v1/users", { email: anna.email, name: anna.name, role: "interviewer", password });
    const first = await context.newPage();
    await logIn(first, anna.email, anna.password);
    await newInterview(first, "In twee tabbladen");
    // Two pages with one vault open would overwrite each other's records.
    const second = await context.newPage();
    await logIn(second, anna.email, anna.password);
    await expect(first.getByRole("heading", { level: 1, name: "Gesprekken vergrendeld" })).toBeVisible();
    await expect(second.getByRole("listitem").filter({ hasText: "In twee tabbladen" })).toBeVisible();
  } finally {
    await context.close();
    await hr.close();
    await server.stop();
  }
});
