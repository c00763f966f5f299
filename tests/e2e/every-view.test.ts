// In Chromium, against the real `netwatch serve` with a program of the test talking on loopback:
// every view renders without failing, in light and in dark, and is saved as a screenshot to
// tests/.output/screenshots/ for a person to look at. The theme setting switches the page's theme,
// and when the server goes away the status bar says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertNothingUnexpected, firstSample, openApp, shots, type OpenApp } from './support/open-app';
import type { PageWatch } from './support/page-watch';
import { startProbe, type Probe } from './support/probe-process';
import type { ServeProcess } from './support/serve-process';

const views = ['live', 'programs', 'history', 'graphs', 'alerts', 'network', 'settings'] as const;

describe('every view, light and dark', () => {
  let app: OpenApp;
  let serve: ServeProcess;
  let page: Page;
  let watch: PageWatch;
  let probe: Probe;

  before(async () => {
    app = await openApp();
    ({ serve, page, watch } = app);
    probe = await startProbe({ name: 'nw-probe-views', connections: 4 });
    await firstSample(page);
  });

  after(async () => {
    await probe?.stop();
    await app?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`each view renders in ${scheme}`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      for (const view of views) {
        await page.getByTestId(`tab-${view}`).click();
        await page.waitForURL(new RegExp(`#/${view}`));
        // Let queries answer and charts lay out.
        await page.waitForTimeout(1500);
        assert.equal(await page.getByText('This view failed').count(), 0, `${view} failed`);
        await page.screenshot({ path: path.join(shots, `${view}-${scheme}.png`) });
      }
    });
  }

  test('a program opened from Programs shows its details', async () => {
    await page.getByTestId('tab-programs').click();
    await page.getByRole('searchbox', { name: 'Search programs' }).fill('nw-probe-views');
    await page.locator('[data-testid="programs-table"] .vt-body [role="row"]').first().click();
    await page.getByTestId('program-detail').waitFor();
    await page.getByText('Open now').waitFor();
    await page.screenshot({ path: path.join(shots, 'program-detail.png') });
  });

  test('the theme setting overrides the system theme', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('tab-settings').click();
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    assert.equal(await page.evaluate('document.documentElement.dataset.theme'), 'dark');
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    assert.equal(background, 'rgb(15, 19, 24)');
    await page.getByLabel('Theme').selectOption('system');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    assert.equal(await page.evaluate('document.documentElement.dataset.theme ?? null'), null);
  });

  test('the traffic alert settings: a bad value is refused in place, a good one is kept by the core', async () => {
    await page.getByTestId('tab-settings').click();
    const threshold = page.getByLabel('Traffic alert threshold');
    await threshold.fill('0');
    await page.getByText('Too small').first().waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Save' }).isDisabled(),
      true,
      'refused before sending',
    );
    await threshold.fill('250');
    await page.getByLabel('Traffic alert window').fill('30');
    await page.getByLabel('Traffic alert', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    // The page holds no truth: after a reload the values come from the core's database.
    await page.reload();
    await page.getByTestId('tab-settings').click();
    await page.getByLabel('Traffic alert threshold').waitFor();
    assert.equal(await page.getByLabel('Traffic alert threshold').inputValue(), '250');
    assert.equal(await page.getByLabel('Traffic alert window').inputValue(), '30');
    assert.equal(await page.getByLabel('Traffic alert', { exact: true }).isChecked(), false);
  });

  test('nothing unexpected happened on the page', async () => {
    await assertNothingUnexpected(watch);
  });

  test('when the server stops, the status bar says the page lost it', async () => {
    await serve.close();
    await page
      .getByTestId('status-bar')
      .getByText(/Cannot reach netwatch|Connecting to netwatch/)
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(shots, 'disconnected.png') });
  });
});
