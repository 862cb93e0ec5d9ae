// Benchmark, not a test: how long the page takes to handle each keystroke while an
// interview holds 200 notes (all still pending sync). Prints p50/p95/max; asserts no timing.
//
// Per keystroke it measures from the keydown (capture phase, first listener on window) to
// the end of the task that ran every handler of that key (keydown, input, the Leptos
// handlers and their localStorage writes), using a MessageChannel message posted from the
// keydown. Run with `make bench`.
import { expect, Page, test } from "@playwright/test";

const NOTES = 200;
const TYPED = "Werkdruk was structureel te hoog door onderbezetting in het team. ".repeat(2);

async function interviewWithNotes(page: Page): Promise<void> {
  await page.goto("/gesprekken/nieuw");
  await page.getByLabel("Vertrekkende medewerker").fill("Bench");
  await page.getByRole("button", { name: "Gesprek aanmaken" }).click();
  await expect(page).toHaveURL(/\/gesprekken\/[0-9a-f-]{36}$/);
  await page.evaluate((count) => {
    const key = Object.keys(localStorage).find((k) => k.startsWith("exitgesprek.interview."))!;
    const interview = JSON.parse(localStorage.getItem(key)!);
    const log = JSON.parse(localStorage.getItem("exitgesprek.pending")!);
    const kinds = ["example", "suggestion", "quote", "observation"];
    for (let i = 0; i < count; i++) {
      const at = Date.now() + i;
      const note = {
        id: crypto.randomUUID(),
        question: interview.guide[i % interview.guide.length].id,
        kind: kinds[i % 4],
        text: `Notitie ${i}: de planning veranderde elke week en overleg met de LG bleef uit.`,
        created_at: at,
        updated_at: at,
        deleted: false,
      };
      interview.notes.push(note);
      log.changes.push({ seq: log.next_seq++, id: crypto.randomUUID(), at, interview: interview.id, op: { type: "note", value: note } });
    }
    localStorage.setItem(key, JSON.stringify(interview));
    localStorage.setItem("exitgesprek.pending", JSON.stringify(log));
  }, NOTES);
  await page.reload();
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

test(`input latency with ${NOTES} notes`, async ({ page }) => {
  await interviewWithNotes(page);
  await installTimer(page);
  const note = page.getByRole("article").filter({ hasText: "Wat zou je veranderen" }).getByPlaceholder("Notitie, Enter om toe te voegen");
  const noteSamples = await measureTyping(page, note);
  await expect(note).toHaveValue(TYPED);
  const textarea = page.getByLabel("Vertrouwelijkheid");
  const textareaSamples = await measureTyping(page, textarea);
  console.log(`input-latency (${NOTES} notes pending):`);
  console.log(`  ${summary("typing a note (draft saved per key)", noteSamples)}`);
  console.log(`  ${summary("typing in the confidentiality text (interview + log saved per key)", textareaSamples)}`);
  expect(noteSamples.length).toBe(TYPED.length);
  expect(textareaSamples.length).toBe(TYPED.length);
});
