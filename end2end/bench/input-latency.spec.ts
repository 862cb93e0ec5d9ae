// Benchmark, not a test: how long the page takes to handle each keystroke while an
// interview holds 200 notes (all still pending sync). Prints p50/p95/max; asserts no timing.
//
// Per keystroke it measures from the keydown (capture phase, first listener on window) to
// the end of the task that ran every handler of that key (keydown, input, the Leptos
// handlers and their localStorage writes), using a MessageChannel message posted from the
// keydown. Run with `make bench`.
import { expect, Page, test } from "@playwright/test";
import { logIn } from "../support/interview";
import { interviewer, withInterviewer } from "../support/server";

const NOTES = 200;
const TYPED = "Werkdruk was structureel te hoog door onderbezetting in het team. ".repeat(2);

/// An interview with `NOTES` notes, read in from a backup file, so every note is pending sync
/// and sealed in the interviewer's vault.
async function interviewWithNotes(page: Page): Promise<void> {
  const id = crypto.randomUUID();
  const guide = ["why_leaving", "culture", "manager", "what_to_change", "make_position_attractive"];
  const kinds = ["example", "suggestion", "quote", "observation"];
  const now = Date.now();
  const interview = {
    id,
    details: { leaver: "Bench", department: "", role: "", start_date: null, tenure_years: null, leaving_date: null, interview_date: null, interviewer: "" },
    opening: { confidentiality_text: "Vertrouwelijk.", discussed: false, consent: false },
    guide: guide.map((q) => ({ id: `std:${q}`, text: { standard: q }, skipped: false })),
    notes: Array.from({ length: NOTES }, (_, i) => ({
      id: crypto.randomUUID(),
      question: `std:${guide[i % guide.length]}`,
      kind: kinds[i % 4],
      text: `Notitie ${i}: de planning veranderde elke week en overleg met de LG bleef uit.`,
      created_at: now + i,
      updated_at: now + i,
      deleted: false,
    })),
    answers: { primary_reason: null, secondary_reasons: [], voluntary: null, would_return: null, recommend: null, ratings: [null, null, null, null, null], regrettable: null },
    closing: { thanked: false, last_thoughts_asked: false, door_kept_open: false },
    status: "concept",
    started_at: null,
    created_at: now,
    updated_at: now,
  };
  const backup = { format: "exitgesprek-backup", schema: 2, exported_at: now, interviews: [interview] };
  await page.locator("input[type=file]").setInputFiles({
    name: "bench.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  await expect(page.getByRole("status")).toContainText("Gesprekken geïmporteerd: 1");
  await page.getByRole("link", { name: /^Bench/ }).click();
  await expect(page.getByRole("listitem").filter({ hasText: `Notitie ${NOTES - 1}:` })).toBeVisible();
}

/// Installs the keystroke timer once; each measurement starts from an empty sample list.
async function installTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as any;
    w.__latencies = [];
    const channel = new MessageChannel();
    let started = 0;
    channel.port1.onmessage = () => w.__latencies.push(performance.now() - started);
    window.addEventListener(
      "keydown",
      () => {
        started = performance.now();
        channel.port2.postMessage(null);
      },
      { capture: true },
    );
  });
}

async function measureTyping(page: Page, field: ReturnType<Page["locator"]>): Promise<number[]> {
  await field.click();
  await page.evaluate(() => ((window as any).__latencies = []));
  await page.keyboard.type(TYPED);
  await page.waitForFunction((n) => (window as any).__latencies.length >= n, TYPED.length);
  return page.evaluate(() => (window as any).__latencies as number[]);
}

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return `${name}: n=${sorted.length} p50=${at(0.5).toFixed(2)} ms p95=${at(0.95).toFixed(2)} ms max=${sorted[sorted.length - 1].toFixed(2)} ms`;
}

test(`input latency with ${NOTES} notes`, async ({ page, request, baseURL }) => {
  await withInterviewer(request, baseURL!);
  await logIn(page, interviewer.email, interviewer.password);
  await interviewWithNotes(page);
  await installTimer(page);
  const note = page.getByRole("article").filter({ hasText: "Wat zou je veranderen" }).getByPlaceholder("Notitie, Enter om toe te voegen");
  const noteSamples = await measureTyping(page, note);
  await expect(note).toHaveValue(TYPED);
  const textarea = page.getByLabel("Vertrouwelijkheid");
  const textareaSamples = await measureTyping(page, textarea);
  console.log(`input-latency (${NOTES} notes pending):`);
  console.log(`  ${summary("typing a note (draft saved per key)", noteSamples)}`);
  console.log(`  ${summary("typing in the confidentiality text (draft per key, interview + log after a pause)", textareaSamples)}`);
  // From each change to its sealed record in localStorage (the vault's write-behind).
  await page.waitForTimeout(500);
  const sealed: number[] = await page.evaluate(() => (window as any).exitgesprekSealLatencies());
  console.log(`  ${summary("keystroke to encrypted write (AES-GCM, per key)", sealed)}`);
  expect(sealed.length).toBeGreaterThan(TYPED.length);
  expect(noteSamples.length).toBe(TYPED.length);
  expect(textareaSamples.length).toBe(TYPED.length);
});
