// Where every end-to-end test starts: the real `netwatch serve` on a fresh database, Debian's
// Chromium, and a watched page on the served interface. Screenshots go to tests/.output/screenshots.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { watchPage, type PageWatch } from './page-watch';
import { root, startServe, type ServeProcess, type ServeProcessOptions } from './serve-process';

export const shots = path.join(root, 'tests/.output/screenshots');

export interface OpenApp {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  watch: PageWatch;
  close(): Promise<void>;
}

/** `prepare` runs on the page before it loads (e.g. a color scheme). */
export async function openApp(
  prepare?: (page: Page) => Promise<void>,
  serveOptions: ServeProcessOptions = {},
): Promise<OpenApp> {
  mkdirSync(shots, { recursive: true });
  const serve = await startServe(serveOptions);
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  const watch = await watchPage(page, serve.origin);
  await prepare?.(page);
  await page.goto(serve.url);
  return {
    serve,
    browser,
    page,
    watch,
    async close() {
      await browser.close();
      await serve.close();
    },
  };
}

/** Waits for the first sample, which learns what already runs (a later program is new). */
export async function firstSample(page: Page): Promise<void> {
  await page
    .getByTestId('status-last-sample')
    .getByText(/Last sample/)
    .waitFor({ timeout: 30_000 });
}

/** What must never happen on a page: a dialog, a request off the server, an error, a CSP violation. */
export async function assertNothingUnexpected(watch: PageWatch): Promise<void> {
  assert.deepEqual(watch.dialogs, []);
  assert.deepEqual(watch.foreignRequests, []);
  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(await watch.cspViolations(), []);
}
