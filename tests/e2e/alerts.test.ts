// In Chromium, against the real `netwatch serve`: a program netwatch has never seen connects on
// loopback; its alert appears with who, what and where, and the unread badge rises. Trusting the
// program from the alert adds the rule, clears its alert, and the badge follows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertNothingUnexpected, firstSample, openApp, shots, type OpenApp } from './support/open-app';
import type { PageWatch } from './support/page-watch';
import { startProbe, type Probe } from './support/probe-process';

const NAME = 'nw-probe-alert';
/** A command line too long for a card: like a browser's, a few hundred characters of flags. */
const LONG_ARG = `--flags=${'enable-something-long,'.repeat(30)}END`;

describe('alerts for a new program', () => {
  let app: OpenApp;
  let page: Page;
  let watch: PageWatch;
  let probe: Probe;

  before(async () => {
    app = await openApp();
    ({ page, watch } = app);
    // The first sample learns what already runs; the probe must come after it to be new.
    await firstSample(page);
  });

  after(async () => {
    await probe?.stop();
    await app?.close();
  });

  const badge = async (): Promise<number> => {
    const el = page.getByTestId('alert-badge');
    return (await el.count()) === 0 ? 0 : Number(await el.textContent());
  };
  const card = () => page.getByTestId('alert').filter({ hasText: NAME });

  test('the new program’s alert appears and the badge rises', async () => {
    const before = await badge();
    probe = await startProbe({ name: NAME, connections: 2, args: [LONG_ARG] });
    const deadline = Date.now() + 30_000;
    while ((await badge()) <= before && Date.now() < deadline) await page.waitForTimeout(250);
    assert.ok((await badge()) > before, `badge went from ${before} to ${await badge()}`);

    await page.getByTestId('tab-alerts').click();
    await card().first().waitFor({ timeout: 15_000 });
    const text = (await card().filter({ hasText: 'New program on the network' }).first().textContent()) ?? '';
    assert.ok(text.includes(probe.exe), `the alert names the executable: ${text}`);
    assert.ok(text.includes('127.0.0.1'), `the alert says where: ${text}`);
    assert.ok(await card().first().getByLabel('unread').isVisible(), 'unread');
    await page.screenshot({ path: path.join(shots, 'alerts-new-program.png') });
  });

  test('a long command line starts folded to two lines and unfolds on request', async () => {
    const newProgram = card().filter({ hasText: 'New program on the network' }).first();
    const command = newProgram.locator('dd', { hasText: LONG_ARG });
    const text = command.locator('bdi');
    const lineHeight = await command.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    const folded = (await text.boundingBox())!.height;
    assert.ok(folded <= 2.5 * lineHeight, `folded to two lines: ${folded}px at ${lineHeight}px a line`);
    await command.getByRole('button', { name: 'Show all' }).click();
    const open = (await text.boundingBox())!.height;
    assert.ok(open > 3 * lineHeight, `unfolded: ${open}px`);
    assert.equal(
      await command.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded'),
      'true',
    );
  });

  test('trusting the program clears its alert, the badge follows, the rule is listed', async () => {
    const before = await badge();
    const newProgram = card().filter({ hasText: 'New program on the network' }).first();
    await newProgram.getByRole('button', { name: 'Trust program' }).click();
    await newProgram.getByText('Acknowledged').waitFor({ timeout: 10_000 });
    const deadline = Date.now() + 10_000;
    while ((await badge()) >= before && Date.now() < deadline) await page.waitForTimeout(250);
    const after = await badge();
    assert.ok(after < before, `badge went from ${before} to ${after}`);
    const unreadShown = Number(
      /(\d+) unread/.exec((await page.getByTestId('alerts-unread').textContent()) ?? '')?.[1],
    );
    assert.equal(after, unreadShown, 'the badge and the Alerts view agree');
    await page.screenshot({ path: path.join(shots, 'alerts-trusted.png') });

    await page.getByTestId('tab-settings').click();
    const rule = page.getByTestId('rules-table').locator('tr').filter({ hasText: probe.exe });
    await rule.waitFor();
    assert.ok(((await rule.textContent()) ?? '').includes('Trust program'));
  });

  test('nothing unexpected happened on the page', async () => {
    await assertNothingUnexpected(watch);
  });
});
