// In Chromium, against the real `netwatch serve`: the History view's Export… dialog opens with the
// view's filters, keeps focus inside and gives it back, and its exports download files whose rows
// are exactly the connections a probe program of the test opened (the oracle: the ports Node
// reported for the probe's own sockets), read with the tests' own RFC 4180 reader.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { readCsv } from '../integration/report/rfc4180-reader';
import { assertNothingUnexpected, openApp, shots, type OpenApp } from './support/open-app';
import type { PageWatch } from './support/page-watch';
import { startProbe, type Probe } from './support/probe-process';
import { waitForRecords } from './support/table-reader';

const NAME = 'nw-probe-export';

/** Runs in the page: whether the focused element is inside the open dialog. */
const FOCUS_IN_DIALOG = `(() => { const d = document.querySelector('[role="dialog"]');
  return !!d && d.contains(document.activeElement); })()`;

describe('the export dialog against netwatch serve', () => {
  let app: OpenApp;
  let page: Page;
  let watch: PageWatch;
  let probe: Probe;
  let port: number;

  before(async () => {
    app = await openApp((p) => p.emulateMedia({ colorScheme: 'light' }));
    ({ page, watch } = app);
    await page.getByTestId('live-table').waitFor();
    probe = await startProbe({ name: NAME, connections: 3 });
    port = probe.info.listen.port;
  });

  after(async () => {
    await probe?.stop();
    await app?.close();
  });

  const local = (p: number) => `127.0.0.1:${p}`;
  const toolbar = () => page.getByRole('toolbar', { name: 'History filters' });
  const dialog = () => page.getByRole('dialog', { name: 'Export history' });
  const exportButton = () => page.getByRole('button', { name: 'Export…' });
  /** Every TCP socket of the probe with its listening port at one end, as "local remote". */
  const probePairs = () => [
    `${local(port)} 0.0.0.0:*`,
    ...probe.info.clients.map((c) => `${local(c.localPort)} ${local(c.remotePort)}`),
    ...probe.info.accepted.map((a) => `${local(a.localPort)} ${local(a.remotePort)}`),
  ];

  async function downloadBy(click: () => Promise<void>): Promise<{ download: Download; text: string }> {
    const downloaded = page.waitForEvent('download');
    await click();
    const download = await downloaded;
    const file = await download.path();
    return { download, text: readFileSync(file, 'utf8') };
  }

  /** The CSV's records as objects keyed by its header row. */
  function csvRecords(text: string): Record<string, string>[] {
    const [header, ...rows] = readCsv(text).filter((r) => !(r.length === 1 && r[0]!.text === ''));
    const names = header!.map((c) => c.text);
    return rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]?.text ?? ''])));
  }

  test('History shows the probe’s connections for its port (the view the dialog starts from)', async () => {
    // Live shows a tick's sockets after the store has written them: once Live has the probe's,
    // History has them too (History does not follow live changes by itself).
    await page.getByRole('searchbox', { name: 'Search' }).fill(NAME);
    const owned = `${probe.info.pid}/${NAME}`;
    await waitForRecords(
      page,
      'live-table',
      (rows) => rows.filter((r) => r['PID/Program name'] === owned).length >= probePairs().length,
      'the probe’s sockets in Live',
      30_000,
    );
    await page.getByTestId('tab-history').click();
    await page.getByRole('radio', { name: 'Last 15 min' }).click();
    const portField = toolbar().getByRole('textbox', { name: 'Port' });
    await portField.fill(String(port));
    await portField.press('Enter');
    const expected = new Set(probePairs());
    await waitForRecords(
      page,
      'history-table',
      (rows) => {
        const shown = new Set(rows.map((r) => `${r['Local Address']} ${r['Foreign Address']}`));
        return [...expected].every((p) => shown.has(p));
      },
      'the probe’s connections in History by port',
      30_000,
    );
  });

  test('the dialog opens with the view’s filters, keeps focus inside, and Esc gives it back', async () => {
    await exportButton().click();
    const d = dialog();
    await d.waitFor();
    assert.equal(await d.getAttribute('aria-modal'), 'true');
    assert.equal(await d.getByRole('textbox', { name: 'Port' }).inputValue(), String(port));
    assert.equal(await d.getByRole('radio', { name: 'Last 15 min' }).getAttribute('aria-checked'), 'true');
    assert.equal(await d.getByRole('radio', { name: 'CSV' }).getAttribute('aria-checked'), 'true');
    assert.ok(await page.evaluate(FOCUS_IN_DIALOG), 'focus moved into the dialog');
    assert.equal(
      await page.evaluate(`document.getElementById('root').inert`),
      true,
      'the page behind is inert',
    );

    // More presses of Tab (and Shift+Tab) than the dialog has controls: focus never leaves it.
    const controls = await d.locator('button:not([disabled]), input, select').count();
    for (let i = 0; i < controls + 3; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(FOCUS_IN_DIALOG), `Tab ${i + 1} stayed in the dialog`);
    }
    for (let i = 0; i < controls + 3; i++) {
      await page.keyboard.press('Shift+Tab');
      assert.ok(await page.evaluate(FOCUS_IN_DIALOG), `Shift+Tab ${i + 1} stayed in the dialog`);
    }

    await page.keyboard.press('Escape');
    await d.waitFor({ state: 'detached' });
    assert.equal(
      await page.evaluate(`document.activeElement && document.activeElement.textContent`),
      'Export…',
    );
    assert.equal(await page.evaluate(`document.getElementById('root').inert`), false);
  });

  test('a filter a person can fix is explained and Export waits for it', async () => {
    await exportButton().click();
    const d = dialog();
    await d.getByRole('textbox', { name: 'Port' }).fill('http');
    await d.getByRole('alert').filter({ hasText: 'The port is a number' }).waitFor();
    assert.equal(await d.getByRole('button', { name: 'Export', exact: true }).isDisabled(), true);
    await d.getByRole('button', { name: 'Cancel' }).click();
    await d.waitFor({ state: 'detached' });
  });

  test('CSV with a filter edited in the dialog downloads exactly the probe’s inbound connections', async () => {
    await exportButton().click();
    const d = dialog();
    await d.getByRole('radio', { name: 'CSV' }).click();
    await d.getByRole('combobox', { name: 'Direction' }).selectOption('inbound');
    const summary = (await d.getByTestId('export-summary').textContent()) ?? '';
    assert.match(summary, new RegExp(`^CSV, .*port ${port} at either end, inbound\\.$`));
    await d.screenshot({ path: path.join(shots, 'export-dialog-light.png'), animations: 'disabled' });
    await page.screenshot({ path: path.join(shots, 'export-dialog-page-light.png'), animations: 'disabled' });

    const { download, text } = await downloadBy(() =>
      d.getByRole('button', { name: 'Export', exact: true }).click(),
    );
    assert.match(download.suggestedFilename(), /\.csv$/);
    const records = csvRecords(text);
    const expected = probe.info.accepted.map((a) => `${a.localPort} ${a.remotePort}`).sort();
    assert.deepEqual(records.map((r) => `${r.localPort} ${r.remotePort}`).sort(), expected);
    for (const r of records) {
      assert.equal(r.proto, 'tcp');
      assert.equal(r.direction, 'inbound');
      assert.equal(r.localAddress, '127.0.0.1');
      assert.equal(r.pid, String(probe.info.pid));
      assert.equal(r.process, NAME);
    }

    const outcome = d.getByTestId('export-outcome');
    await outcome.filter({ hasText: 'Downloaded' }).waitFor();
    assert.equal(
      (await outcome.textContent())?.trim(),
      `Downloaded ${records.length} rows: the file is in your browser’s downloads.`,
    );
    // The dialog's edit did not change the History view's own filter.
    assert.equal(await toolbar().getByRole('combobox', { name: 'Direction' }).inputValue(), '');

    await page.emulateMedia({ colorScheme: 'dark' });
    await d.screenshot({ path: path.join(shots, 'export-dialog-dark.png'), animations: 'disabled' });
    // The table's rows fade between colours; a finished fade is what a person sees.
    await page.screenshot({ path: path.join(shots, 'export-dialog-page-dark.png'), animations: 'disabled' });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('an HTML report downloads as a page', async () => {
    const d = dialog();
    if (!(await d.isVisible())) await exportButton().click();
    await d.getByRole('radio', { name: 'HTML report' }).click();
    const { download, text } = await downloadBy(() =>
      d.getByRole('button', { name: 'Export', exact: true }).click(),
    );
    assert.match(download.suggestedFilename(), /\.html$/);
    assert.match(text, /^<!doctype html>/i);
    assert.ok(text.includes(NAME), 'the report names the probe');
    await d.getByTestId('export-outcome').filter({ hasText: 'Downloaded' }).waitFor();
    await d.getByRole('button', { name: 'Close' }).click();
    await d.waitFor({ state: 'detached' });
  });

  test('nothing unexpected happened on the page', async () => {
    await assertNothingUnexpected(watch);
  });
});
