// The foundation in a real browser: the Dutch page hydrates and the server is healthy.
import { expect, test } from "@playwright/test";

test("healthz reports ok with the database it checked", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "sqlite" });
});

test("the Dutch landing page hydrates and its disclosure button reacts", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1, name: "Exitgesprek" })).toBeVisible();

  const toggle = page.getByRole("button", { name: "Toon de kernvragen" });
  const questions = page.locator("#core-questions");
  await expect(questions).toBeHidden();

  // The server renders the button disabled; only the hydrated wasm enables it and makes the
  // click do something (click() waits for it to be enabled).
  await toggle.click();
  await expect(page.getByRole("button", { name: "Verberg de kernvragen" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await expect(questions.getByRole("listitem")).toHaveCount(5);
  await expect(questions).toContainText("Waarom heb je besloten te vertrekken?");

  await page.screenshot({ path: "test-results/landing-tablet.png", fullPage: true });
  expect(errors).toEqual([]);
});

test("the English switch changes the texts and <html lang>, and is remembered", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("button", { name: "Show the core questions" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("button", { name: "Show the core questions" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});
