// The HTML report in Chromium, opened from disk as a colleague would: the summary shows the
// numbers counted independently from the seeded rows, hostile names appear as text, and no script
// runs (no dialog, no flag set on window); alerts the engine recorded are listed, escaped.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { exportToFile } from '../../electron/core/report/export-to-file';
import { tempDir } from '../integration/store/temp-dir';
import { HOSTILE_NAMES, seedHistory, STEP_MS, T0 } from '../integration/report/history-fixture';
import { launchBrowser } from './support/browser';
import { AlertRepository } from '../../electron/core/alerts/alert-repository';
import { alertDraft } from '../unit/core/alerts/alert-draft-fixture';

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

test('alerts the engine recorded in the range are listed, escaped like the rest', async (t) => {
  const dir = tempDir(t, 'netwatch-report-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, 50);
  // Alerts as the alert engine records them, through its repository on the migrated database.
  const raw = new Database(db);
  const alerts = new AlertRepository(raw);
  const raise = (at: number, process: string, message: string, subject: string) =>
    alerts.record(
      alertDraft({
        subject,
        at,
        severity: 'high',
        exe: '/tmp/x',
        process,
        message,
        remoteAddress: '127.0.0.9',
        remotePort: 4444,
      }),
    );
  raise(T0 + 5 * STEP_MS, '<img src=x onerror="window.__pwned=3">', 'new program <b>evil</b>', 'a');
  alerts.ack(raise(T0 + 7 * STEP_MS, 'ok', 'second', 'b')!.alert.id, T0 + 8 * STEP_MS);
  // Outside the range: not counted.
  raise(T0 + 10_000 * STEP_MS, 'late', 'later', 'c');
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
  const acknowledged = await page.locator('tr', { hasText: 'second' }).locator('td').last().textContent();
  assert.equal(acknowledged, 'yes');
  assert.ok(!body.includes('later'));
  assert.equal(await page.locator('b').count(), 0);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
  assert.deepEqual(dialogs, []);
});
