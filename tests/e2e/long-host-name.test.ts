// In Chromium, against the real `netwatch serve`: a remote address whose host name is the longest
// DNS allows (253 characters, no space) keeps the Network view's table inside its panel; the name
// wraps. The name comes from a hosts file bind-mounted over /etc/hosts for the serve process only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertNothingUnexpected, openApp, shots, type OpenApp } from './support/open-app';

const ADDRESS = '127.0.0.78';
// Four labels of 61 and one of 5, dots between: 253 characters.
const LONG_NAME = [...['a', 'b', 'c', 'd'].map((c) => c.repeat(61)), 'lo-ng'].join('.');

let app: OpenApp;
let page: Page;
let server: net.Server;
const clients: net.Socket[] = [];

let dir: string;

before(async () => {
  assert.equal(LONG_NAME.length, 253);
  dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-hosts-'));
  const hosts = path.join(dir, 'hosts');
  writeFileSync(hosts, `127.0.0.1 localhost\n${ADDRESS} ${LONG_NAME}\n`);
  server = net.createServer((s) => s.on('error', () => {})).listen(0, ADDRESS);
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  for (let i = 0; i < 3; i++) {
    const socket = net.connect(port, ADDRESS);
    socket.on('error', () => {});
    clients.push(socket);
  }
  app = await openApp(undefined, { hostsFile: hosts });
  page = app.page;
});

after(async () => {
  for (const socket of clients) socket.destroy();
  server?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a 253-character host name wraps inside the top remotes panel', async () => {
  await page.getByTestId('tab-network').click();
  const table = page.getByTestId('top-remotes-table');
  await table.getByText(LONG_NAME.slice(0, 40)).waitFor({ timeout: 30_000 });
  const sizes = (await table.evaluate((el) => {
    const panel = el.closest('.panel')!;
    const style = getComputedStyle(panel);
    const inner =
      panel.getBoundingClientRect().right -
      parseFloat(style.paddingRight) -
      parseFloat(style.borderRightWidth);
    return {
      tableRight: el.getBoundingClientRect().right,
      tableWidth: el.scrollWidth,
      panelInnerRight: inner,
      panelWidth: panel.clientWidth,
      panelScroll: panel.scrollWidth,
    };
  })) as Record<string, number>;
  await page.screenshot({ path: path.join(shots, 'network-long-host-name.png'), fullPage: false });
  assert.ok(
    sizes.tableRight! <= sizes.panelInnerRight! + 1,
    `table inside its panel: ${JSON.stringify(sizes)}`,
  );
  assert.ok(
    sizes.panelScroll! <= sizes.panelWidth! + 1,
    `nothing overflows the panel: ${JSON.stringify(sizes)}`,
  );
  const text = await table.innerText();
  assert.ok(text.replace(/\s/g, '').includes(LONG_NAME), 'the whole name is shown, wrapped, not cut');
  await assertNothingUnexpected(app.watch);
});
