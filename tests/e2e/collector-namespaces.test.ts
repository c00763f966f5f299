// In Chromium, against `netwatch serve` as a client of a real collector: a program the test starts
// inside a network namespace it creates listens and connects there. Live's namespace menu offers
// that namespace and narrows the table to it, the container/unit filter narrows it further, the
// History filter finds the namespace's rows, its HTML report (made through the collector) names the
// namespace, and the program's alert names it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startCollector, tempDir } from '../integration/collector/collector-harness';
import { firstJsonLine } from '../integration/collector/json-line';
import { launchBrowser } from './support/browser';
import { shots } from './support/open-app';
import { ensureBuilt, root } from './support/serve-process';
import { serveForCollector } from './support/serve-for-collector';
import { readRecords, waitForRecords } from './support/table-reader';

const canNetns = (): boolean => process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0;

describe('namespace and unit filters', { skip: canNetns() ? false : 'needs root and ip netns' }, () => {
  it('Live and History filter on the collector’s namespace tag; the alert names it', async (t) => {
    ensureBuilt();
    const ns = `nwce${process.pid % 100000}`;
    assert.equal(spawnSync('ip', ['netns', 'add', ns]).status, 0);
    t.after(() => spawnSync('ip', ['netns', 'del', ns]));
    assert.equal(spawnSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']).status, 0);

    const dir = tempDir(t, 'netwatch-e2e-netns-');
    const collector = startCollector(t, { dir, group: 'root' });
    await collector.ready();
    const { url } = await serveForCollector(t, path.join(dir, 'home'), collector.socket);

    const browser = await launchBrowser();
    t.after(() => browser.close());
    const page = await browser.context.newPage();
    await page.goto(url);
    await page
      .getByTestId('status-last-sample')
      .getByText(/Last sample/)
      .waitFor({ timeout: 30_000 });

    // A program never seen before (node under a new name), inside the namespace, after the first sample.
    const progDir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-e2e-prog-'));
    t.after(() => rmSync(progDir, { recursive: true, force: true }));
    const exe = path.join(progDir, 'nw-crowd-ns');
    linkSync(process.execPath, exe);
    const crowd = spawn(
      'ip',
      [
        'netns',
        'exec',
        ns,
        exe,
        '--import',
        'tsx',
        path.join(root, 'tests/integration/collector/crowd-child.ts'),
        '127.0.0.1',
        '2',
      ],
      { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    t.after(() => crowd.kill());
    const held = await firstJsonLine<{ port: number }>(crowd, 'the namespace’s program');

    await page.getByLabel('Numeric').check();
    const namespace = page.getByRole('combobox', { name: 'Namespace' });
    await namespace
      .locator(`option[value="${ns}"]`)
      .waitFor({ state: 'attached', timeout: 20_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(shots, 'live-namespace-filter-failed.png') });
        const options = await namespace.locator('option').allTextContents();
        throw new Error(
          `no option for ${ns} in the namespace menu (${options.join(' | ')}): ${String(error)}`,
        );
      });
    await namespace.selectOption(ns);
    const listener = (rows: Record<string, string>[]) =>
      rows.some((r) => r['Local Address'] === `127.0.0.1:${held.port}` && r.State === 'LISTEN');
    const inNs = await waitForRecords(page, 'live-table', listener, 'the namespace’s listener');
    assert.ok(
      inNs.every((r) => r['Namespace · unit']!.startsWith(ns)),
      `only the namespace’s rows: ${JSON.stringify(inNs.map((r) => r['Namespace · unit']))}`,
    );
    await page.screenshot({ path: path.join(shots, 'live-namespace-filter.png') });
    await namespace.selectOption({ label: 'The host’s' });
    await page.getByRole('searchbox', { name: 'Search' }).fill(String(held.port));
    await page.waitForTimeout(1500);
    assert.ok(!listener(await readRecords(page, 'live-table')), 'not among the host’s sockets');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await namespace.selectOption(ns);
    await page.getByRole('textbox', { name: 'Container or unit' }).fill('no-such-unit');
    await page.getByText('No connection matches these filters').waitFor({ timeout: 10_000 });
    await page.getByRole('textbox', { name: 'Container or unit' }).fill('');

    await page.getByTestId('tab-history').click();
    await page.getByRole('textbox', { name: 'Namespace' }).fill(ns);
    await page.getByRole('textbox', { name: 'Namespace' }).press('Enter');
    // Narrowed once the query with the namespace answers: the listener, and nothing from elsewhere.
    await waitForRecords(
      page,
      'history-table',
      (rows) =>
        rows.some((r) => r['Local Address'] === `127.0.0.1:${held.port}`) &&
        rows.every((r) => r['Namespace · unit']!.startsWith(ns)),
      'only the namespace’s rows in History, its listener among them',
    );
    await page.screenshot({ path: path.join(shots, 'history-namespace-filter.png') });

    // The HTML report of that view, made through the collector's contract (serve, its client, does
    // not open the collector's database): the namespace's listener, with the namespace named.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export history' });
    await dialog.getByRole('radio', { name: 'HTML report' }).click();
    const downloaded = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const report = readFileSync(await (await downloaded).path(), 'utf8');
    const listenerRow = report
      .split('\n')
      .find((l) => l.startsWith('<tr><td>') && l.includes(`<td>127.0.0.1:${held.port}</td>`));
    assert.ok(listenerRow, 'the report lists the namespace’s listener');
    assert.ok(listenerRow.includes(`<td>${ns}</td>`), `the listener’s row names ${ns}: ${listenerRow}`);
    await dialog.getByTestId('export-outcome').filter({ hasText: 'Downloaded' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('tab-alerts').click();
    const card = page
      .getByTestId('alert')
      .filter({ hasText: 'nw-crowd-ns' })
      .filter({ hasText: `netns ${ns}` });
    await card.first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(shots, 'alert-names-namespace.png') });
  });
});
