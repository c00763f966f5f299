// In Chromium, against the real `netwatch serve`: a program whose name, path and command line hold
// markup, script and a right-to-left override runs and talks on loopback. Every view shows the
// text literally with the override made visible; no dialog opens, no element or script comes from
// the data, and the page asks nothing of anyone but its own server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertNothingUnexpected, openApp, shots, type OpenApp } from './support/open-app';
import type { PageWatch } from './support/page-watch';
import { startProbe, type Probe } from './support/probe-process';
import { waitForRecords } from './support/table-reader';

const RLO = '\u202E';
const FILE = '<img src=x onerror=alert(1)>';
const DIR = `evil${RLO}txt.exe`;
const ARGS = ['<script>window.__pwned=1</script>', `${RLO}fdp.exe`, '"><svg onload=alert(2)>'];
const SHOWN_RLO = '⟨U+202E⟩';

describe('hostile process names and command lines', () => {
  let app: OpenApp;
  let page: Page;
  let watch: PageWatch;
  let probe: Probe;

  before(async () => {
    app = await openApp();
    ({ page, watch } = app);
    await page.getByTestId('live-table').waitFor();
    probe = await startProbe({ name: `${DIR}/${FILE}`, connections: 1, args: ARGS });
  });

  after(async () => {
    await probe?.stop();
    await app?.close();
  });

  /** Nothing from the data became an element or ran. */
  async function assertInert(): Promise<void> {
    const found = (await page.evaluate(`({
      imgs: document.querySelectorAll('img').length,
      svgsWithOnload: document.querySelectorAll('svg[onload]').length,
      scripts: [...document.querySelectorAll('script')].map((s) => s.src ? new URL(s.src).pathname : 'inline'),
      pwned: window.__pwned === undefined ? null : String(window.__pwned),
      rawOverride: document.body.innerText.includes('${RLO}'),
    })`)) as {
      imgs: number;
      svgsWithOnload: number;
      scripts: string[];
      pwned: string | null;
      rawOverride: boolean;
    };
    assert.equal(found.imgs, 0, 'no <img> from the data');
    assert.equal(found.svgsWithOnload, 0, 'no <svg onload> from the data');
    assert.ok(
      found.scripts.every((s) => s.startsWith('/assets/')),
      `only the bundle: ${found.scripts.join(', ')}`,
    );
    assert.equal(found.pwned, null, 'no script from the data ran');
    assert.equal(found.rawOverride, false, 'no raw U+202E reaches the screen');
  }

  test('Live shows the name and path literally, the override as a visible escape', async () => {
    await page.getByLabel('Executable').check();
    await page.getByRole('searchbox', { name: 'Search' }).fill(String(probe.info.listen.port));
    const rows = await waitForRecords(
      page,
      'live-table',
      (r) => r.some((x) => x['PID/Program name'] === `${probe.info.pid}/${probe.comm}`),
      'the hostile program’s sockets',
    );
    const row = rows.find((x) => x['PID/Program name'] === `${probe.info.pid}/${probe.comm}`)!;
    assert.equal(probe.comm, '<img src=x oner');
    assert.ok(row.Executable!.endsWith(`evil${SHOWN_RLO}txt.exe/${FILE}`), row.Executable);
    const escape = page.locator('[data-testid="live-table"] .escaped-char').first();
    assert.equal(await escape.textContent(), SHOWN_RLO);
    const title = await page
      .locator('[data-testid="live-table"] [role="gridcell"] [title]')
      .filter({ hasText: 'txt.exe' })
      .first()
      .getAttribute('title');
    assert.ok(title?.includes(SHOWN_RLO) && !title.includes(RLO), `tooltip: ${title}`);
    await page.screenshot({ path: path.join(shots, 'hostile-live.png') });
    await assertInert();
  });

  test('the program’s details show its command line literally', async () => {
    await page.getByTestId('tab-programs').click();
    await page.getByRole('searchbox', { name: 'Search programs' }).fill('txt.exe');
    await page.locator('[data-testid="programs-table"] .vt-body [role="row"]').first().click();
    const detail = page.getByTestId('program-detail');
    await detail.waitFor();
    const text = (await detail.textContent()) ?? '';
    for (const arg of ARGS) assert.ok(text.includes(arg.replace(RLO, SHOWN_RLO)), `shows ${arg}`);
    assert.ok(text.includes(FILE));
    await page.screenshot({ path: path.join(shots, 'hostile-program.png') });
    await assertInert();
  });

  test('History and Alerts show it as text too', async () => {
    await probe.closeSockets();
    await page.getByTestId('tab-history').click();
    await page.getByRole('radio', { name: 'Last 15 min' }).click();
    await page.getByRole('textbox', { name: 'Program' }).fill('txt.exe');
    await page.getByRole('textbox', { name: 'Program' }).press('Enter');
    await waitForRecords(
      page,
      'history-table',
      (r) => r.some((x) => x['PID/Program name'] === `${probe.info.pid}/${probe.comm}`),
      'the hostile program in History',
      30_000,
    );
    await assertInert();
    await page.getByTestId('tab-alerts').click();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(shots, 'hostile-alerts.png') });
    await assertInert();
  });

  test('no dialog, no request off the server, no error, no CSP violation', async () => {
    await assertNothingUnexpected(watch);
    assert.deepEqual(
      watch.requests.filter((u) => new URL(u).pathname === '/x'),
      [],
      'the <img src=x> was never requested',
    );
  });
});
