// In Chromium, against the real `netwatch serve`: a bulk loopback transfer the test's own program
// made shows in Live with the bytes it wrote and read (the oracle: its own counts), and once the
// minute completes the Graphs view stacks it by program and lists it among the active programs.
// Both views are saved as screenshots for a person to look at.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startTransfer, type TransferEnd } from '../integration/sampler/bulk-transfer';
import { assertNothingUnexpected, openApp, shots, type OpenApp } from './support/open-app';
import { waitForRecords } from './support/table-reader';

const MiB = 2 ** 20;

describe('traffic in Live and Graphs', () => {
  let app: OpenApp;
  let page: Page;

  before(async () => {
    app = await openApp();
    ({ page } = app);
    await page.getByTestId('live-table').waitFor();
    await page.getByLabel('Numeric').check();
  });
  after(() => app?.close());

  test(
    'Live shows what the transfer sent and received; Graphs stack it by program',
    { timeout: 150_000 },
    async (t) => {
      const transfer = startTransfer(t, ['pair', String(32 * MiB), String(4 * MiB)]);
      const ends = (await transfer.next(60_000)) as TransferEnd[];
      const client = ends.find((e) => e.role === 'client')!;
      await page.getByRole('searchbox', { name: 'Search' }).fill(`127.0.0.1:${client.localPort}`);
      // The renderer writes MiB as "MB"; the program's own counts give the expected text. A sample
      // taken while the transfer was still running shows part of it, so wait for the final counts.
      const sent = `${(client.written / MiB).toFixed(0)} MB`;
      const received = `${(client.read / MiB).toFixed(1)} MB`;
      const isClient = (r: Record<string, string>) => r['Local Address'] === `127.0.0.1:${client.localPort}`;
      const rows = await waitForRecords(
        page,
        'live-table',
        (rs) => rs.some((r) => isClient(r) && r.Sent === sent && r.Received === received),
        `the client end with ${sent} sent and ${received} received`,
      );
      const row = rows.find(isClient)!;
      assert.match(row.Send ?? '', /\/s$|^–$/);
      await page.getByRole('searchbox', { name: 'Search' }).fill('');
      await page.screenshot({ path: path.join(shots, 'traffic-live.png') });

      await page.getByTestId('tab-graphs').click();
      // The minute the transfer was first seen in completes at the next minute boundary.
      await page.getByTestId('active-programs').waitFor({ timeout: 80_000 });
      await page.waitForTimeout(1500);
      const active = await page.getByTestId('active-programs').innerText();
      assert.match(active, /node/);
      assert.ok((await page.getByTestId('chart-traffic-sent').count()) > 0, 'the sent chart is drawn');
      await page.screenshot({ path: path.join(shots, 'traffic-graphs.png'), fullPage: true });
      await assertNothingUnexpected(app.watch);
    },
  );
});
