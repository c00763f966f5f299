// In Chromium, against the real `netwatch serve` opening a history already past its size limit:
// the status bar and Settings say that the limit, not the retention, is deleting history, and the
// file on disk (stat, after the server closed it) ends under the limit.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openStore } from '../../electron/core/store/open-store';
import { closed, tickWrite, tracked } from '../unit/core/store/store-fixtures';
import { launchBrowser, type Browser } from './support/browser';
import { startServe, type ServeProcess } from './support/serve-process';

const LIMIT_MB = 16;
const MIB = 1024 * 1024;

/** About 17 MB of closed connections of a day ago, and a 16 MB limit. */
function fillPastLimit(dbPath: string): void {
  const store = openStore({ path: dbPath });
  try {
    const start = Date.now() - 86_400_000;
    let id = 1;
    for (let round = 0; store.sizeBytes() < (LIMIT_MB + 1) * MIB; round++) {
      const at = start + round * 60_000;
      const opened = Array.from({ length: 2000 }, (_, i) =>
        tracked(id++, {
          firstSeen: at + i,
          remoteAddress: `10.${round % 200}.${(i >> 8) % 250}.${i % 250}`,
          cmdline: `/usr/bin/some-program --with a --fairly long --command line ${round}-${i}`,
        }),
      );
      store.writeTick(tickWrite(at, { opened }));
      store.writeTick(tickWrite(at + 30_000, { closed: opened.map((c) => closed(c, at + 30_000)) }));
      store.checkpoint();
    }
    store.updateSettings({ maxDatabaseMb: LIMIT_MB });
  } finally {
    store.close();
  }
}

describe('the database size limit in the UI', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  before(async () => {
    serve = await startServe({ prepareDb: fillPastLimit });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(serve.url);
  });

  after(async () => {
    await browser?.close();
    await serve?.close();
  });

  test('the status bar and Settings say the limit is deleting the oldest history', async () => {
    const status = page.getByTestId('status-db');
    await status.getByText(/at its size limit: oldest history deleted/).waitFor({ timeout: 30_000 });
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('settings-db-limit').waitFor();
    assert.match((await page.getByTestId('settings-db-size').textContent()) ?? '', /of 16(\.0)? MB allowed/);
    assert.equal(await page.getByLabel(/Database size limit/).inputValue(), '16');
  });

  test('the file on disk comes back under the limit while the server runs', async () => {
    const onDisk = (): number => {
      let bytes = statSync(serve.dbPath).size;
      try {
        bytes += statSync(`${serve.dbPath}-wal`).size;
      } catch {
        // no WAL right now
      }
      return bytes;
    };
    const started = Date.now();
    while (onDisk() > LIMIT_MB * MIB && Date.now() - started < 20_000) await page.waitForTimeout(500);
    assert.ok(onDisk() <= LIMIT_MB * MIB, `on disk: ${(onDisk() / MIB).toFixed(1)} MB`);
  });
});
