// In Chromium, against the real `netwatch serve` (as root: kernel events and the getaddrinfo probe
// on): a bash child in its own mount namespace resolves probe-<random>.test (its private hosts
// file) and connects; the test's own client connects to another address by number, which serve
// names by reverse DNS (a hosts file bound over /etc/hosts for serve alone). Live and History show
// the asked name plain and mark the reverse one with a "reverse" tag. Nothing system-wide changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertNothingUnexpected, firstSample, openApp, shots, type OpenApp } from './support/open-app';
import { waitForRecords } from './support/table-reader';

const tag = randomBytes(4).toString('hex');
const ASKED = `probe-${tag}.test`;
const REVERSE = `reverse-${tag}.test`;
const ASKED_ADDRESS = '127.0.0.91';
const REVERSE_ADDRESS = '127.0.0.92';

let app: OpenApp;
let page: Page;
const servers: net.Server[] = [];
let client: net.Socket | null = null;
let child: ChildProcess | null = null;
let dir: string;
const ports: Record<string, number> = {};

async function listen(address: string): Promise<number> {
  const server = net.createServer((s) => s.on('error', () => {})).listen(0, address);
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  return (server.address() as net.AddressInfo).port;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-asked-e2e-'));
  const serveHosts = path.join(dir, 'serve-hosts');
  writeFileSync(serveHosts, `127.0.0.1 localhost\n${REVERSE_ADDRESS} ${REVERSE}\n`);
  const childHosts = path.join(dir, 'child-hosts');
  writeFileSync(childHosts, `${ASKED_ADDRESS} ${ASKED}\n`);
  ports.asked = await listen(ASKED_ADDRESS);
  ports.reverse = await listen(REVERSE_ADDRESS);
  app = await openApp(undefined, { hostsFile: serveHosts });
  page = app.page;
  await firstSample(page);
  await page.getByTestId('status-asked-names').getByText('Asked names on').waitFor({ timeout: 60_000 });

  client = net.connect(ports.reverse, REVERSE_ADDRESS);
  client.on('error', () => {});
  const bash = path.join(dir, `nw-asked-${tag}`);
  copyFileSync('/bin/bash', bash);
  child = spawn(
    'unshare',
    [
      '-m',
      'sh',
      '-c',
      'mount --bind "$0" /etc/hosts && exec "$1" -c "exec 3<>/dev/tcp/$2/$3 && read -t 60 -u 3"',
      childHosts,
      bash,
      ASKED,
      String(ports.asked),
    ],
    { stdio: 'ignore' },
  );
});

after(async () => {
  child?.kill('SIGKILL');
  client?.destroy();
  for (const s of servers) s.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The tag's text in a cell ("reverse") after the host name. */
const reverseTagged = (cell: string, host: string): boolean => cell.includes(host) && /reverse$/.test(cell);

test('Live shows the name the program asked for plain, and marks reverse DNS', async () => {
  await page.getByRole('searchbox', { name: 'Search' }).fill(tag);
  const rows = await waitForRecords(
    page,
    'live-table',
    (r) =>
      r.some((x) => x['Foreign Address']?.startsWith(`${ASKED}:`)) &&
      r.some((x) => x['Foreign Address']?.startsWith(`${REVERSE}:`)),
    'the asked and the reverse host in Live',
    30_000,
  );
  await page.screenshot({ path: path.join(shots, 'live-asked-names.png') });
  const asked = rows.find((x) => x['Foreign Address']!.startsWith(`${ASKED}:`))!;
  const reverse = rows.find((x) => x['Foreign Address']!.startsWith(`${REVERSE}:`))!;
  assert.equal(asked['Foreign Address'], `${ASKED}:${ports.asked}`, 'no tag on the asked name');
  assert.ok(reverseTagged(reverse['Foreign Address']!, REVERSE), reverse['Foreign Address']);
  assert.match(asked['PID/Program name'] ?? '', new RegExp(`nw-asked-${tag}`.slice(0, 15)));
  const tagged = page.getByTestId('live-table').getByTestId('host-reverse').first();
  assert.match((await tagged.getAttribute('title')) ?? '', /Reverse DNS of the address/);
  // the tag is seen, not cut off with the end of a long name: inside its cell
  const box = (await tagged.evaluate((el) => {
    const cell = el.closest('[role="gridcell"]')!.getBoundingClientRect();
    const tag = el.getBoundingClientRect();
    return { tagRight: tag.right, cellRight: cell.right, tagWidth: tag.width };
  })) as Record<string, number>;
  assert.ok(box.tagWidth! > 0 && box.tagRight! <= box.cellRight! + 0.5, JSON.stringify(box));
  await assertNothingUnexpected(app.watch);
});

test('History shows the same: the asked host plain, reverse DNS tagged', async () => {
  child?.kill('SIGKILL');
  client?.destroy();
  await page.getByTestId('tab-history').click();
  await page.getByRole('radio', { name: 'Last 15 min' }).click();
  const rows = await waitForRecords(
    page,
    'history-table',
    (r) => r.some((x) => x.Host === ASKED) && r.some((x) => x.Host?.startsWith(REVERSE)),
    'both hosts in History',
    30_000,
  );
  await page.screenshot({ path: path.join(shots, 'history-asked-names.png') });
  const reverse = rows.find((x) => x.Host?.startsWith(REVERSE))!;
  assert.ok(reverseTagged(reverse.Host!, REVERSE), reverse.Host);
  await assertNothingUnexpected(app.watch);
});
