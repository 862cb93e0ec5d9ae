// Browser tests against the release build: Playwright starts `target/release/server` on its
// own port with a throw-away SQLite file, and drives Debian's Chromium (/usr/bin/chromium).
import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = Number(process.env.E2E_PORT ?? 3107);
const dataDir = mkdtempSync(join(tmpdir(), "exitgesprek-e2e-"));

export default defineConfig({
  // `tests` is part of make test; `bench` prints figures (make bench) and asserts no timing.
  projects: [
    { name: "tests", testDir: "./tests" },
    // Its own output folder: each run empties its folder, and the bench runs after the tests,
    // whose screenshots must stay for people to look at.
    { name: "bench", testDir: "./bench", outputDir: "bench-results" },
  ],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "nl-NL",
    // The interviewer's device: a 10-11" tablet in portrait.
    viewport: { width: 820, height: 1180 },
    hasTouch: true,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "../target/release/server serve",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      EXIT_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${dataDir}/e2e.db`,
      EXIT_SITE_ROOT: "../target/site",
      EXIT_LOG: "warn",
    },
  },
});
