// A server of the test's own, for tests that stop it or swap its build (Playwright's
// webServer lives for the whole run). Same binary and flags as playwright.config.ts.
import { APIRequestContext, Browser, BrowserContext, expect, Page } from "@playwright/test";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class OwnServer {
  private constructor(
    private child: ChildProcess,
    readonly url: string,
  ) {}

  /** Starts `target/release/server` on `port` with `siteRoot`, and waits until it is healthy. */
  static async start(port: number, siteRoot = "../target/site", dataDir?: string): Promise<OwnServer> {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), "exitgesprek-own-"));
    const child = spawn("../target/release/server", ["serve"], {
      env: {
        ...process.env,
        EXIT_ADDR: `127.0.0.1:${port}`,
        DATABASE_URL: `sqlite://${dir}/e2e.db`,
        EXIT_SITE_ROOT: siteRoot,
        EXIT_LOG: "error",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const server = new OwnServer(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${server.url}/healthz`)).ok) return server;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await server.stop();
    throw new Error(`server on port ${port} did not become healthy`);
  }

  /** Stops the server and waits until its port is closed. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.kill("SIGTERM");
    await exited;
  }
}

/** Sends `data` as JSON to the API as a page on `origin` would; the answer must be a success. */
export async function send(api: APIRequestContext, method: "POST" | "PUT" | "PATCH", origin: string, path: string, data: object) {
  const response = await api.fetch(path, { method, data, headers: { origin } });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
}

/** Waits until the service worker controls `page`: from then on it loads without a server. */
export async function controlledByWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

export async function post(api: APIRequestContext, origin: string, path: string, data: object) {
  await send(api, "POST", origin, path, data);
}

export const interviewer = { email: "anna@example.nl", name: "Anna Jansen", password: "correct horse battery" };

/**
 * Makes sure the server has an HR account and the interviewer Anna (whichever test came first
 * on a shared server), with `api` logged in as HR afterwards.
 */
export async function withInterviewer(api: APIRequestContext, origin: string) {
  const hr = { email: "hr@example.nl", name: "Hanna HR", role: "hr", password: interviewer.password };
  const setup = await api.post("/api/v1/setup", { data: hr, headers: { origin } });
  if (!setup.ok()) {
    await send(api, "POST", origin, "/api/v1/session", { email: hr.email, password: hr.password });
  }
  const added = await api.post("/api/v1/users", {
    data: { email: interviewer.email, name: interviewer.name, role: "interviewer", password: interviewer.password },
    headers: { origin },
  });
  expect([201, 409], await added.text()).toContain(added.status());
}

/** A server of the test's own with an HR account and `server seed-demo` data, and two desktop contexts. */
export interface Seeded {
  server: OwnServer;
  hrContext: BrowserContext;
  managerContext: BrowserContext;
  /** What `seed-demo` printed. */
  seeded: string;
}

/**
 * Starts a server on `port`, creates HR (`hr@example.nl`, logged in in `hrContext`) and runs
 * `seed-demo` with `interviews` and `extra` arguments, `input` on its stdin.
 */
export async function seededServer(browser: Browser, port: number, interviews: number, password: string, extra: string[] = [], input = ""): Promise<Seeded> {
  const dataDir = mkdtempSync(join(tmpdir(), "exitgesprek-seeded-"));
  const server = await OwnServer.start(port, "../target/site", dataDir);
  const desktop = { baseURL: server.url, viewport: { width: 1280, height: 900 }, hasTouch: false };
  const hrContext = await browser.newContext(desktop);
  const managerContext = await browser.newContext(desktop);
  await post(hrContext.request, server.url, "/api/v1/setup", { email: "hr@example.nl", name: "Hanna HR", role: "hr", password });
  const seeded = execFileSync("../target/release/server", ["seed-demo", "--interviews", String(interviews), ...extra], {
    env: { ...process.env, DATABASE_URL: `sqlite://${dataDir}/e2e.db`, EXIT_LOG: "error" },
    input,
  }).toString();
  return { server, hrContext, managerContext, seeded };
}

/** Closes what [`seededServer`] opened. */
export async function closeSeeded(s: Seeded) {
  await s.hrContext.close();
  await s.managerContext.close();
  await s.server.stop();
}
