// Live theme suggestions on the tablet: while a note is typed the detector (in the browser,
// no network) suggests themes; the interviewer corrects them, and the choice is kept with
// the note across a reload. HR's own themes reach the tablet with a sync.
import { expect, test } from "@playwright/test";
import { logIn, newInterview, question, unlock } from "../support/interview";
import { controlledByWorker, interviewer, OwnServer, post, send, withInterviewer } from "../support/server";

const password = "correct horse battery";

test("themes are suggested while typing and the interviewer's correction is kept", async ({ page, request, baseURL }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await withInterviewer(request, baseURL!);
  await logIn(page, interviewer.email, interviewer.password);
  await newInterview(page, "K. Bakker");
  const card = question(page, "Waarom heb je besloten te vertrekken?");
  const entry = card.getByPlaceholder("Notitie, Enter om toe te voegen");
  await entry.fill("Mijn leidinggevende gaf nooit feedback en de werkdruk was te hoog");
  const chips = card.locator(".theme-suggestions");
  await expect(chips.getByRole("button", { name: "Thema weghalen: leidinggevende" })).toBeVisible();
  await expect(chips.getByRole("button", { name: "Thema weghalen: werkdruk & balans" })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/theme-suggestions.png" });

  // Not about workload, says the interviewer, but about the culture.
  await chips.getByRole("button", { name: "Thema weghalen: werkdruk & balans" }).click();
  await chips.getByLabel("+ thema").selectOption({ label: "cultuur & sfeer" });
  await expect(chips.getByRole("button", { name: "Thema weghalen: cultuur & sfeer" })).toBeVisible();
  await expect(chips.getByRole("button", { name: "Thema weghalen: werkdruk & balans" })).toHaveCount(0);
  await entry.press("Enter");
  const note = card.getByRole("listitem").filter({ hasText: "gaf nooit feedback" });
  await expect(note.locator(".note-themes")).toHaveText("leidinggevende · cultuur & sfeer");
  await expect(chips).toHaveCount(0);

  await page.reload();
  await unlock(page, interviewer.name, interviewer.password);
  await expect(note.locator(".note-themes")).toHaveText("leidinggevende · cultuur & sfeer");
  expect(errors).toEqual([]);
});

test("HR's own theme reaches the tablet with a sync and is suggested offline", async ({ browser }) => {
  test.setTimeout(90_000);
  const server = await OwnServer.start(3122);
  const hr = await browser.newContext({ baseURL: server.url });
  const tabletContext = await browser.newContext({ baseURL: server.url });
  const tablet = await tabletContext.newPage();
  const errors: string[] = [];
  tablet.on("pageerror", (e) => errors.push(e.message));
  try {
    await post(hr.request, server.url, "/api/v1/setup", { email: "hr@example.nl", name: "Hanna HR", role: "hr", password });
    await post(hr.request, server.url, "/api/v1/users", { email: "anna@example.nl", name: "Anna Jansen", role: "interviewer", password });
    // HR: workload is not a theme here; laptops are.
    await send(hr.request, "PUT", server.url, "/api/v1/themes", {
      settings: [
        { key: "workload", enabled: false },
        { key: "laptops", label_nl: "Laptops en ICT", label_en: "Laptops and IT", enabled: true, keywords: ["laptop"] },
      ],
    });

    await logIn(tablet, "anna@example.nl", password);
    await controlledByWorker(tablet);
    // The sync after the login brings HR's settings; the tablet keeps them (in the vault).
    await expect(tablet.locator(".syncbar")).toContainText(/Alles gesynchroniseerd om/, { timeout: 20_000 });

    // In the meeting room, without a server.
    await server.stop();
    await newInterview(tablet, "L. de Wit");
    const card = question(tablet, "Waarom heb je besloten te vertrekken?");
    await card.getByPlaceholder("Notitie, Enter om toe te voegen").fill("Mijn laptop was traag en de werkdruk hoog");
    const chips = card.locator(".theme-suggestions");
    await expect(chips.getByRole("button", { name: "Thema weghalen: Laptops en ICT" })).toBeVisible();
    await expect(chips.getByRole("button", { name: /werkdruk/ })).toHaveCount(0);
    const menu = chips.getByLabel("+ thema");
    await expect(menu.locator("option", { hasText: "Laptops en ICT" })).toHaveCount(1);
    await expect(menu.locator("option", { hasText: "werkdruk" })).toHaveCount(0);
    await card.scrollIntoViewIfNeeded();
    await tablet.screenshot({ path: "test-results/theme-suggestions-own.png" });
    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});
