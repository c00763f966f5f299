// In Chromium, against the real `netwatch serve` as a client of a real collector: the status bar
// says the system collector records, Live shows a socket the test holds, the page says it is
// disconnected when the collector is killed (-9), and rebuilds itself when the collector is back.
// serve opens no database of its own meanwhile.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { restartCollector, startCollector, tempDir } from '../integration/collector/collector-harness';
import { launchBrowser } from './support/browser';
import { ensureBuilt } from './support/serve-process';
import { serveForCollector } from './support/serve-for-collector';
import { waitForRecords } from './support/table-reader';

describe(
  'netwatch serve as a client of the collector',
  { skip: process.getuid?.() === 0 ? false : 'needs root' },
  () => {
    it('shows the collector’s rows, says when it is gone, rebuilds when it is back', async (t) => {
      ensureBuilt();
      const dir = tempDir(t, 'netwatch-e2e-collector-');
      const collector = startCollector(t, { dir, group: 'root' });
      await collector.ready();

      const home = path.join(dir, 'home');
      const serve = await serveForCollector(t, home, collector.socket);
      const url = serve.url;
      assert.match(serve.stderr(), /using the system collector at /);

      const listener = net.createServer().listen(0, '127.0.0.1');
      await new Promise((r) => listener.once('listening', r));
      t.after(() => listener.close());
      const port = (listener.address() as net.AddressInfo).port;

      const browser = await launchBrowser();
      t.after(() => browser.close());
      const page = await browser.context.newPage();
      await page.goto(url);
      const watchedBy = page.getByTestId('status-watched-by');
      await watchedBy.filter({ hasText: 'System collector: all users' }).waitFor({ timeout: 30_000 });
      await page.getByLabel('Numeric').check();
      await page.getByRole('searchbox', { name: 'Search' }).fill(String(port));
      const mine = (rows: Record<string, string>[]) =>
        rows.some((r) => r['Local Address'] === `127.0.0.1:${port}` && r.State === 'LISTEN');
      await waitForRecords(page, 'live-table', mine, 'the test’s listener, from the collector');
      const header = await page.getByTestId('live-table').getByText('Namespace · unit').count();
      assert.ok(header > 0, 'the collector’s Live table has the namespace column');

      await collector.stop('SIGKILL');
      await watchedBy.filter({ hasText: 'disconnected' }).waitFor({ timeout: 20_000 });

      restartCollector(collector);
      await collector.ready();
      await watchedBy.filter({ hasText: 'System collector: all users' }).waitFor({ timeout: 30_000 });
      await page.getByRole('searchbox', { name: 'Search' }).fill(String(port));
      await waitForRecords(page, 'live-table', mine, 'the listener again, after the reconnection');
      assert.ok(!existsSync(path.join(home, '.local/share/netwatch')), 'serve opened no database of its own');
    });
  },
);
