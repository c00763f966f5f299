// Figures of the renderer (not a test), in Debian's Chromium against the real `netwatch serve`:
// with ROWS live sockets (loopback connections held open) and a steady churn of connections,
//  - time from opening the page to the Live table showing rows,
//  - time from a delta arriving in the page to the table updated (the renderer's work for a tick)
//    and to the frame painted (plus the wait for the next frame), p50/p95 (the renderer's own
//    performance probe, on with ?perf=1),
//  - frames dropped while scrolling the table,
//  - the page's JS heap over the churn (after a forced GC), growth since the first minute.
// Run: npm run bench -- ui        Options (environment): UI_BENCH_ROWS (default 10000),
// UI_BENCH_CHURN_SECONDS (default 120; the issue's figure is 600), UI_BENCH_CHURN_PER_SECOND (50).
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser';
import { startServe } from '../e2e/support/serve-process';
import { holdLoopbackConnections } from './hold-loopback-connections';
import { startChurn } from './start-loopback-churn';

const ROWS = Number(process.env.UI_BENCH_ROWS ?? 10_000);
const CHURN_SECONDS = Number(process.env.UI_BENCH_CHURN_SECONDS ?? 120);
const CHURN_PER_SECOND = Number(process.env.UI_BENCH_CHURN_PER_SECOND ?? 50);
const FRAME_MS = 1000 / 60;

interface PerfReport {
  firstRowsMs: number | null;
  deltaToCommitMs: number[];
  deltaToPaintMs: number[];
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Rows the Live table holds, read through the page's status bar ("N sockets"). */
async function socketsShown(page: Page): Promise<number> {
  const text = (await page.getByTestId('status-bar').textContent()) ?? '';
  const m = /([\d,.\s]+) sockets/.exec(text);
  return m ? Number(m[1]!.replace(/[^\d]/g, '')) : 0;
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize / 1024 / 1024;
}

/** Scrolls the table for `ms` at a steady pace and counts frames that took longer than one. */
async function scrollFrames(
  page: Page,
  ms: number,
): Promise<{ frames: number; dropped: number; worstMs: number }> {
  return (await page.evaluate(`new Promise((resolve) => {
    const grid = document.querySelector('[data-testid="live-table"]');
    const gaps = [];
    let last = null;
    const start = performance.now();
    const step = (now) => {
      if (last !== null) gaps.push(now - last);
      last = now;
      grid.scrollTop = (grid.scrollTop + 240) % Math.max(1, grid.scrollHeight - grid.clientHeight);
      if (now - start < ${ms}) requestAnimationFrame(step);
      else resolve({
        frames: gaps.length,
        dropped: gaps.reduce((n, g) => n + Math.max(0, Math.round(g / ${FRAME_MS}) - 1), 0),
        worstMs: Math.max(0, ...gaps),
      });
    };
    requestAnimationFrame(step);
  })`)) as { frames: number; dropped: number; worstMs: number };
}

export async function runUiBench(): Promise<void> {
  const held = await holdLoopbackConnections(Math.ceil(ROWS / 2), CHURN_SECONDS + 300);
  const churn = await startChurn(100, CHURN_PER_SECOND, CHURN_SECONDS + 240);
  const serve = await startServe({ lifetimeMs: (CHURN_SECONDS + 600) * 1000 });
  const browser = await launchBrowser();
  try {
    // Let the core take its first samples of the held sockets before the page opens.
    await new Promise((r) => setTimeout(r, 5000));
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const url = `${serve.url}&perf=1`;
    // When the page asked for the snapshot and when (and how big) the answer came: the core's part.
    const snapshot = { askedAt: 0, answeredAt: 0, bytes: 0 };
    const opened = Date.now();
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        if (String(f.payload).includes('"live.snapshot"')) snapshot.askedAt = Date.now() - opened;
      });
      ws.on('framereceived', (f) => {
        const text = String(f.payload);
        if (!snapshot.answeredAt && text.startsWith('{"type":"result"') && text.includes('"connections"')) {
          snapshot.answeredAt = Date.now() - opened;
          snapshot.bytes = text.length;
        }
      });
    });
    await page.goto(url);
    await page
      .locator('[data-testid="live-table"] .vt-body [role="row"]')
      .first()
      .waitFor({ timeout: 30_000 });
    const firstRows = (await page.evaluate('window.__netwatchPerf()')) as PerfReport;
    const shown = await socketsShown(page);
    console.log(
      `UI benchmark: ${shown.toLocaleString('en')} sockets on the Live table, churn ${CHURN_PER_SECOND}/s, ${CHURN_SECONDS} s`,
    );
    console.log(
      `  page opened -> Live rows shown: ${firstRows.firstRowsMs?.toFixed(0)} ms   (target < 1000 ms)`,
    );
    console.log(
      `    of which the core's answer: snapshot asked at ${snapshot.askedAt} ms, answered at ${snapshot.answeredAt} ms (${(snapshot.bytes / 1e6).toFixed(1)} MB)`,
    );

    const commits: number[] = [];
    const deltas: number[] = [];
    const heap: { at: number; mb: number }[] = [];
    const started = Date.now();
    let nextHeap = 0;
    while (Date.now() - started < CHURN_SECONDS * 1000) {
      await page.waitForTimeout(5000);
      const report = (await page.evaluate('window.__netwatchPerf()')) as PerfReport;
      commits.push(...report.deltaToCommitMs);
      deltas.push(...report.deltaToPaintMs);
      const at = (Date.now() - started) / 1000;
      if (at >= nextHeap) {
        heap.push({ at, mb: await heapMb(cdp) });
        nextHeap = at + 30;
      }
    }
    heap.push({ at: (Date.now() - started) / 1000, mb: await heapMb(cdp) });
    const spread = (v: number[]) =>
      `p50 ${percentile(v, 50).toFixed(1)} ms, p95 ${percentile(v, 95).toFixed(1)} ms, max ${Math.max(...v).toFixed(1)} ms`;
    console.log(
      `  delta -> table updated (renderer work): ${spread(commits)} over ${commits.length} ticks   (target p95 < 16 ms)`,
    );
    console.log(`  delta -> frame painted (work + wait for the next frame): ${spread(deltas)}`);

    const scroll = await scrollFrames(page, 3000);
    console.log(
      `  scrolling 3 s: ${scroll.frames} frames, ${scroll.dropped} dropped (${((100 * scroll.dropped) / Math.max(1, scroll.frames + scroll.dropped)).toFixed(1)}%), worst frame ${scroll.worstMs.toFixed(0)} ms`,
    );

    const afterMinute = heap.find((h) => h.at >= 60) ?? heap[0]!;
    const last = heap[heap.length - 1]!;
    console.log(
      `  JS heap after GC: ${heap.map((h) => `${h.at.toFixed(0)} s ${h.mb.toFixed(1)} MB`).join(', ')}`,
    );
    console.log(
      `  heap growth from ${afterMinute.at.toFixed(0)} s to ${last.at.toFixed(0)} s: ${(((last.mb - afterMinute.mb) / afterMinute.mb) * 100).toFixed(1)}%   (target within 10%)`,
    );
    const end = await socketsShown(page);
    console.log(`  rows at the end: ${end.toLocaleString('en')}`);
    if (end === 0) {
      console.log(`  status bar at the end: ${await page.getByTestId('status-bar').textContent()}`);
      console.log(`  netwatch serve said: ${serve.stderr().slice(-2000) || '(nothing)'}`);
    }
  } finally {
    await browser.close();
    await serve.close();
    churn.stdin?.end();
    await held.close();
  }
}

if (require.main === module) void runUiBench();
