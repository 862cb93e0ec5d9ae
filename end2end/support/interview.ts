// Steps of taking an interview, shared by the browser tests.
import { expect, Page } from "@playwright/test";

export function isoDate(daysFromNow: number): string {
  const d = new Date();
  d.setDate(d.getDate() + daysFromNow);
  return d.toISOString().slice(0, 10);
}

/** Logs in on the login page (which opens or makes the vault) and lands on the interview list. */
export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/inloggen");
  // Typed before hydration, a value would be lost: wait until the form is live.
  await expect(page.getByRole("button", { name: "Inloggen" })).toBeEnabled();
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page).toHaveURL(/\/gesprekken$/);
  await expect(page.getByRole("heading", { level: 1, name: "Gesprekken op dit apparaat" })).toBeVisible();
}

/** On the lock screen (after a reload, say): opens `name`'s vault with `password`. */
export async function unlock(page: Page, name: string, password: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Gesprekken vergrendeld" })).toBeVisible();
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Ontgrendelen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gesprekken vergrendeld" })).toHaveCount(0);
}

/** Goes to the interview list inside the app (a reload would lock the vault). */
export async function toList(page: Page) {
  await page.getByRole("banner").getByRole("link", { name: "Gesprekken", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Gesprekken op dit apparaat" })).toBeVisible();
}

export async function newInterview(page: Page, leaver: string) {
  await toList(page);
  await page.getByRole("link", { name: "Nieuw gesprek" }).click();
  await expect(page.getByRole("heading", { name: "Nieuw exitgesprek" })).toBeVisible();
  await page.getByLabel("Vertrekkende medewerker").fill(leaver);
  await page.getByLabel("Afdeling").fill("Logistiek");
  await page.getByLabel("Functie").fill("Planner");
  await page.getByLabel("Laatste werkdag").fill(isoDate(40));
  await expect(page.getByText(/Let op: het gesprek is \d+ dagen voor vertrek/)).toBeVisible();
  await page.getByLabel("Laatste werkdag").fill(isoDate(7));
  await expect(page.getByText(/Let op/)).toHaveCount(0);
  await page.getByLabel("Interviewer").fill("Anna");
  await page.getByRole("button", { name: "Gesprek aanmaken" }).click();
  await expect(page).toHaveURL(/\/gesprekken\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: leaver })).toBeVisible();
}

export function question(page: Page, text: string) {
  return page.getByRole("article").filter({ hasText: text });
}

export async function addNote(page: Page, q: string, kind: string, text: string) {
  const card = question(page, q);
  await card.getByRole("button", { name: kind, exact: true }).click();
  const entry = card.getByPlaceholder("Notitie, Enter om toe te voegen");
  await entry.fill(text);
  await entry.press("Enter");
  await expect(card.getByRole("listitem").filter({ hasText: text })).toBeVisible();
  await expect(entry).toHaveValue("");
}
