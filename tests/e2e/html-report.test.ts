// The HTML report in Chromium, opened from disk as a colleague would: the summary shows the
// numbers counted independently from the seeded rows, hostile names appear as text, and no script
// runs (no dialog, no flag set on window), with and without an alerts table in the database.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { exportToFile } from '../../electron/core/report/export-to-file';
import { tempDir } from '../integration/store/temp-dir';
import { HOSTILE_NAMES, seedHistory, STEP_MS, T0 } from '../integration/report/history-fixture';
import { launchBrowser } from './support/browser';

const ROWS = 700;

async function openReport(file: string) {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => consoleErrors.push(m.text()));
  await page.goto(pathToFileURL(file).href);
  return { browser, page, dialogs, consoleErrors };
}

test('the report shows the expected numbers and runs no script, whatever the names', async (t) => {
  const dir = tempDir(t, 'netwatch-report-');
  const db = path.join(dir, 'history.db');
  const seeded = seedHistory(db, ROWS);
  const out = await exportToFile({
    database: { path: db },
    format: 'html',
    filter: {},
    path: path.join(dir, 'r.html'),
  });
  assert.equal(out.rows, ROWS);

  const { browser, page, dialogs } = await openReport(out.path);
  t.after(() => browser.close());
  const text = async (selector: string) => (await page.locator(selector).textContent())?.trim();
  assert.equal(await text('#sum-connections'), String(ROWS));
  // Every fifth row is unattributed; the others cycle through the hostile programs.
  assert.equal(await text('#sum-programs'), String(seeded.programs));
  assert.equal(await text('#sum-unattributed'), `${seeded.unattributed} (20.0%)`);
  assert.equal(await text('#sum-new-programs'), String(HOSTILE_NAMES.length));
  assert.equal(await text('#sum-alerts'), '0');
  assert.equal(await text('#alerts-none'), 'No alerts recorded.');
  assert.equal(await page.locator('#connections tbody tr').count(), ROWS);
  assert.equal(await page.locator('svg.chart').count(), 2);

  // The markup in names is text on the page, and nothing ran.
  const body = (await page.locator('body').textContent()) ?? '';
  assert.ok(body.includes('<script>window.__pwned=1</script>'));
  assert.ok(body.includes('<img src=x onerror="window.__pwned=2">'));
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('script').count(), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  assert.deepEqual(dialogs, []);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp ?? '', /default-src 'none'/);
});

test('alerts are listed when the database has an alerts table, escaped like the rest', async (t) => {
  const dir = tempDir(t, 'netwatch-report-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, 50);
  // The alert engine's table, with the columns the report reads (migration 0002 adds the real one).
  const raw = new Database(db);
  raw.exec(`CREATE TABLE alerts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL,
    created_at INTEGER NOT NULL, last_at INTEGER NOT NULL, count INTEGER NOT NULL, acknowledged INTEGER NOT NULL,
    program_id INTEGER, exe TEXT, process TEXT, remote_address TEXT, remote_port INTEGER, message TEXT NOT NULL)`);
  const insert = raw.prepare(
    `INSERT INTO alerts (kind, severity, created_at, last_at, count, acknowledged, exe, process, remote_address, remote_port, message)
     VALUES ('new-program', 'high', ?, ?, 2, 0, '/tmp/x', ?, '127.0.0.9', 4444, ?)`,
  );
  insert.run(
    T0 + 5 * STEP_MS,
    T0 + 6 * STEP_MS,
    '<img src=x onerror="window.__pwned=3">',
    'new program <b>evil</b>',
  );
  insert.run(T0 + 7 * STEP_MS, T0 + 7 * STEP_MS, 'ok', 'second');
  // Outside the range: not counted.
  insert.run(T0 + 10_000 * STEP_MS, T0 + 10_000 * STEP_MS, 'late', 'later');
  raw.close();
  const out = await exportToFile({
    database: { path: db },
    format: 'html',
    filter: {},
    path: path.join(dir, 'a.html'),
  });

  const { browser, page, dialogs } = await openReport(out.path);
  t.after(() => browser.close());
  assert.equal((await page.locator('#sum-alerts').textContent())?.trim(), '2');
  const body = (await page.locator('body').textContent()) ?? '';
  assert.ok(body.includes('new program <b>evil</b>'));
  assert.ok(!body.includes('later'));
  assert.equal(await page.locator('b').count(), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  assert.deepEqual(dialogs, []);
});
