// The desktop app's wiring, run: electron/main.ts, preload.ts and ipc.ts (the built bundles) under
// a stand-in for Electron's API, the window a real Chromium page with the real renderer talking
// through preload -> ipc -> the core. Without a collector the app runs its own core (polling, a
// database of its own); with one it shows the collector's rows and opens nothing of its own. The
// tray lists unread alerts, a notification's click opens that alert, quitting closes the core.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { restartCollector, startCollector, tempDir } from '../collector/collector-harness';
import { launchBrowser } from '../../e2e/support/browser';
import { shots } from '../../e2e/support/open-app';
import { startProbe } from '../../e2e/support/probe-process';
import { ensureBuilt } from '../../e2e/support/serve-process';
import { waitForRecords } from '../../e2e/support/table-reader';
import type { ElectronStandIn, StandInMenuItem } from './support/electron-stand-in';
import { startAppWithStandIn } from './support/start-app';

/** The environment for one app run; restored when the test ends. */
function appEnv(t: TestContext, values: Record<string, string | undefined>): void {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(values);
  t.after(() => apply(saved));
}

async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function appPage(app: ElectronStandIn): Promise<Page> {
  const win = await until('the app’s window', () => app.windows().find((w) => w.webContents.page));
  assert.ok(win.visible, 'the window is shown at start');
  return win.webContents.page!;
}

async function listenOnLoopback(t: TestContext): Promise<number> {
  const listener = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => listener.once('listening', r));
  t.after(() => listener.close());
  return (listener.address() as net.AddressInfo).port;
}

async function seeListener(page: Page, port: number, what: string): Promise<void> {
  await page.getByTestId('tab-live').click();
  const numeric = page.getByLabel('Numeric');
  if (!(await numeric.isChecked())) await numeric.check();
  await page.getByRole('searchbox', { name: 'Search' }).fill(String(port));
  await waitForRecords(
    page,
    'live-table',
    (rows) => rows.some((r) => r['Local Address'] === `127.0.0.1:${port}` && r.State === 'LISTEN'),
    what,
  );
}

/** The first start learns every running program (hashes them): slow on a loaded machine. */
async function watchedBy(page: Page, text: string, timeout = 60_000): Promise<void> {
  const line = page.getByTestId('status-watched-by');
  const started = Date.now();
  try {
    await line.filter({ hasText: text }).waitFor({ timeout });
    if (process.env.NETWATCH_TEST_TIMES) console.error(`“${text}” after ${Date.now() - started} ms`);
  } catch {
    const shown =
      (await line.count()) > 0 ? await line.textContent() : await page.locator('body').textContent();
    throw new Error(`the status should say “${text}”; the page shows: ${shown?.slice(0, 500)}`);
  }
}

/** A bpftrace process below `pid` in the process tree (ps, not netwatch, says so). */
function bpftraceUnder(pid: number): boolean {
  const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
  const below = new Set([String(pid)]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, parent] of rows)
      if (p && parent && below.has(parent) && !below.has(p)) grew = Boolean(below.add(p));
  }
  return rows.some(([p, , comm]) => p !== undefined && below.has(p) && comm === 'bpftrace');
}

const trayMenu = (app: ElectronStandIn): StandInMenuItem[] => app.trays[0]?.menu ?? [];
const click = (app: ElectronStandIn, label: string | RegExp) => {
  const item = trayMenu(app).find((i) => i.label !== undefined && i.label.match(label));
  assert.ok(item?.click, `the tray menu has “${String(label)}”: ${JSON.stringify(trayMenu(app))}`);
  item.click();
};

describe('the Electron main process under a stand-in for Electron', { timeout: 180_000 }, () => {
  it('without a collector: its own core, polling; tray alerts; a notification opens its alert; quit closes the database', async (t) => {
    ensureBuilt();
    const dir = tempDir(t, 'netwatch-electron-own-');
    appEnv(t, {
      HOME: dir,
      XDG_DATA_HOME: undefined,
      XDG_CONFIG_HOME: undefined,
      NETWATCH_DB: undefined,
      NETWATCH_COLLECTOR_SOCKET: path.join(dir, 'no-collector.sock'),
      // Without privileges the app polls; as root here, the event feed is turned off to be that user.
      NETWATCH_EVENTS: 'off',
    });
    const browser = await launchBrowser();
    t.after(() => browser.close());
    const app = startAppWithStandIn(browser.context, dir);
    t.after(() => app.windows().forEach((w) => w.destroy()));
    const page = await appPage(app);

    await watchedBy(page, 'This user only, polling every 1 s');
    const db = path.join(dir, '.local/share/netwatch/netwatch.db');
    assert.ok(existsSync(db), 'the app’s own core keeps its database in the user’s data folder');
    assert.ok(existsSync(`${db}.lock`), 'and holds its writer lock while it runs');
    const port = await listenOnLoopback(t);
    await seeListener(page, port, 'the test’s listener, from the app’s own core');

    // A program never seen before connects: its alert reaches the tray and a notification.
    const probe = await startProbe({ name: 'nw-probe-tray', connections: 1 });
    t.after(() => probe.stop());
    const alertItem = await until('the probe’s alert in the tray menu', () =>
      trayMenu(app).find((i) => i.label?.startsWith('● ') && i.label.includes('nw-probe-tray')),
    );
    assert.match(app.trays[0]!.tooltip, /unread alert/);
    const note = await until('the probe’s notification', () =>
      app.notifications.find((n) => `${n.title} ${n.body}`.includes('nw-probe-tray')),
    );

    // The user closes the window: it hides (watching goes on); the notification's click brings it
    // back on that alert.
    const win = app.windows()[0]!;
    win.close();
    assert.equal(win.isDestroyed(), false);
    assert.equal(win.visible, false);
    note.emit('click');
    assert.equal(win.visible, true);
    const focused = page.locator('.alert.focused');
    await focused.waitFor({ timeout: 15_000 });
    assert.match(page.url(), /#\/alerts\/\d+$/);
    const id = /#\/alerts\/(\d+)$/.exec(page.url())![1];
    assert.equal(await focused.getAttribute('data-alert-id'), id);
    assert.ok(((await focused.textContent()) ?? '').includes(probe.exe), 'the focused alert is the probe’s');
    await page.screenshot({ path: path.join(shots, 'electron-stand-in-alert.png') });
    // The tray's own item opens the same alert.
    alertItem.click?.();

    // Quit from the tray: the core closes, the database is left whole and unlocked.
    click(app, 'Quit netwatch');
    assert.equal(await app.finished, 'quit');
    assert.deepEqual(app.errorBoxes, []);
    assert.equal(app.windows().length, 0, 'the window closed for real');
    assert.ok(app.trays[0]!.destroyed, 'the tray icon is gone');
    assert.equal(app.handlerCount(), 0, 'no IPC handler left');
    assert.equal(app.lockHeld(), false, 'the single-instance lock released');
    assert.ok(existsSync(`${db}.lock`) === false, 'the writer lock beside the database released');
    assert.ok(!existsSync(`${db}-wal`), 'the last connection closed: no write-ahead log left');
    const check = new Database(db, { timeout: 0 });
    try {
      check.exec('BEGIN EXCLUSIVE; COMMIT');
      assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      check.close();
    }
  });

  it(
    'with a collector: its rows, “System collector”, no core of its own; reloads after a collector restart',
    { skip: process.getuid?.() === 0 ? false : 'the collector runs as root' },
    async (t) => {
      ensureBuilt();
      const dir = tempDir(t, 'netwatch-electron-collector-');
      const collector = startCollector(t, { dir, group: 'root', env: { NETWATCH_EVENTS: 'on' } });
      await collector.ready();
      const home = path.join(dir, 'home');
      appEnv(t, {
        HOME: home,
        XDG_DATA_HOME: undefined,
        XDG_CONFIG_HOME: undefined,
        NETWATCH_DB: undefined,
        NETWATCH_COLLECTOR_SOCKET: collector.socket,
        NETWATCH_EVENTS: undefined,
      });
      const browser = await launchBrowser();
      t.after(() => browser.close());
      const app = startAppWithStandIn(browser.context, home);
      t.after(() => app.windows().forEach((w) => w.destroy()));
      const page = await appPage(app);

      // The oracle for "kernel events on": a bpftrace under the collector's process.
      let traced = false;
      for (let i = 0; i < 100 && !traced; i++) {
        traced = bpftraceUnder(collector.child.pid!);
        if (!traced) await new Promise((r) => setTimeout(r, 100));
      }
      const events = traced ? 'kernel events on' : 'polling every 1 s';
      await watchedBy(page, `System collector: all users, ${events}`);
      const port = await listenOnLoopback(t);
      await seeListener(page, port, 'the test’s listener, from the collector');

      await collector.stop('SIGKILL');
      await watchedBy(page, 'disconnected');
      const reloads = app.windows()[0]!.webContents.reloads;
      restartCollector(collector);
      await collector.ready();
      await until(
        'the window reloaded after the reconnection',
        () => app.windows()[0]!.webContents.reloads > reloads,
      );
      await watchedBy(page, 'System collector: all users');
      await seeListener(page, port, 'the listener again, after the reconnection');

      click(app, 'Quit netwatch');
      assert.equal(await app.finished, 'quit');
      assert.deepEqual(app.errorBoxes, []);
      assert.ok(
        !existsSync(path.join(home, '.local/share/netwatch')),
        'the app opened no database of its own',
      );
      assert.equal(collector.child.exitCode, null, 'quitting the app leaves the collector running');
    },
  );
});
