// In Chromium, against the real `netwatch serve`: loopback connections a program of the test opens
// appear in Live with that program, the filters, sorting and search pick the rows the test expects,
// the rows leave when the sockets close, and the connections are in History afterwards.
// The oracle is the addresses Node reported for the probe's own sockets.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertNothingUnexpected, openApp, shots, type OpenApp } from './support/open-app';
import type { PageWatch } from './support/page-watch';
import { startProbe, type Probe } from './support/probe-process';
import { readRecords, waitForRecords } from './support/table-reader';

const NAME = 'nw-probe-live';

describe('Live and History views against netwatch serve', () => {
  let app: OpenApp;
  let page: Page;
  let watch: PageWatch;
  let probe: Probe;

  before(async () => {
    app = await openApp();
    ({ page, watch } = app);
    await page.getByTestId('live-table').waitFor();
    probe = await startProbe({ name: NAME, connections: 3 });
    await page.getByLabel('Numeric').check();
  });

  after(async () => {
    await probe?.stop();
    await app?.close();
  });

  const table = 'live-table';
  const mine = (rows: Record<string, string>[]) =>
    rows.filter((r) => r['PID/Program name'] === `${probe.info.pid}/${NAME}`);
  const local = (port: number) => `127.0.0.1:${port}`;
  const search = (text: string) => page.getByRole('searchbox', { name: 'Search' }).fill(text);
  const radio = (group: string, name: string) =>
    page.getByRole('radiogroup', { name: group }).getByRole('radio', { name, exact: true }).click();
  const localColumn = async () => (await readRecords(page, table)).map((r) => r['Local Address']);

  test('the probe’s sockets appear with its pid and name, its endpoints as Node reported them', async () => {
    await search(NAME);
    const { info } = probe;
    const expected = 1 + 2 * info.clients.length + 1 + (info.v6 ? 1 : 0);
    const rows = await waitForRecords(page, table, (r) => mine(r).length >= expected, 'the probe’s sockets');
    const byLocal = new Map(
      mine(rows).map((r) => [`${r.Proto} ${r['Local Address']} ${r['Foreign Address']}`, r]),
    );

    const listener = byLocal.get(`tcp ${local(info.listen.port)} 0.0.0.0:*`);
    assert.equal(listener?.State, 'LISTEN', 'the listening socket');
    for (const c of info.clients) {
      const row = byLocal.get(`tcp ${local(c.localPort)} ${local(c.remotePort)}`);
      assert.equal(row?.State, 'ESTABLISHED', `client ${c.localPort} -> ${c.remotePort}`);
      assert.equal(row?.Dir, 'out');
    }
    for (const a of info.accepted) {
      const row = byLocal.get(`tcp ${local(a.localPort)} ${local(a.remotePort)}`);
      assert.equal(row?.State, 'ESTABLISHED', `accepted ${a.localPort} <- ${a.remotePort}`);
      assert.equal(row?.Dir, 'in');
    }
    assert.ok(
      mine(rows).some((r) => r.Proto === 'udp' && r['Local Address'] === local(info.udp.port)),
      'the UDP socket',
    );
    if (info.v6) {
      assert.ok(
        mine(rows).some((r) => r.Proto === 'tcp6' && r['Local Address'] === `[::1]:${info.v6!.port}`),
        'the IPv6 listener',
      );
    }
    await page.screenshot({ path: path.join(shots, 'live-probe.png') });
  });

  test('filters give exactly the rows the probe opened of each kind', async () => {
    const { info } = probe;
    await search(NAME);
    const established = 2 * info.clients.length;

    await radio('Sockets', 'Connected');
    let rows = await waitForRecords(page, table, (r) => r.length === established, 'Connected');
    assert.ok(rows.every((r) => r.State === 'ESTABLISHED'));

    await radio('Sockets', 'Listening');
    rows = await waitForRecords(
      page,
      table,
      (r) => r.length > 0 && r.every((x) => x.State !== 'ESTABLISHED'),
      'Listening',
    );
    assert.ok(rows.some((r) => r['Local Address'] === local(info.listen.port) && r.State === 'LISTEN'));
    await radio('Sockets', 'All');

    await radio('Protocol', 'UDP');
    rows = await waitForRecords(page, table, (r) => r.length === 1, 'UDP');
    assert.equal(rows[0]!['Local Address'], local(info.udp.port));
    await radio('Protocol', 'TCP');
    rows = await waitForRecords(
      page,
      table,
      (r) => r.length > 0 && r.every((x) => (x.Proto ?? '').startsWith('tcp')),
      'TCP',
    );
    assert.equal(rows.length, 1 + established + (info.v6 ? 1 : 0));
    await radio('Protocol', 'Any');

    if (info.v6) {
      await radio('Address family', 'IPv6');
      rows = await waitForRecords(page, table, (r) => r.length === 1, 'IPv6');
      assert.equal(rows[0]!['Local Address'], `[::1]:${info.v6.port}`);
      await radio('Address family', 'IPv4');
      rows = await waitForRecords(
        page,
        table,
        (r) => r.length > 0 && r.every((x) => !(x.Proto ?? '').endsWith('6')),
        'IPv4',
      );
      await radio('Address family', 'Any');
    }

    await page.getByRole('combobox', { name: 'Direction' }).selectOption('outbound');
    rows = await waitForRecords(page, table, (r) => r.length === info.clients.length, 'Outbound');
    assert.deepEqual(
      new Set(rows.map((r) => r['Local Address'])),
      new Set(info.clients.map((c) => local(c.localPort))),
    );
    await page.getByRole('combobox', { name: 'Direction' }).selectOption('inbound');
    rows = await waitForRecords(page, table, (r) => r.length === info.accepted.length, 'Inbound');
    assert.deepEqual(
      new Set(rows.map((r) => r['Foreign Address'])),
      new Set(info.accepted.map((a) => local(a.remotePort))),
    );
    await page.getByRole('combobox', { name: 'Direction' }).selectOption('');

    await page.getByRole('combobox', { name: 'State' }).selectOption('ESTABLISHED');
    await waitForRecords(page, table, (r) => r.length === established, 'State ESTABLISHED');
    await page.getByRole('combobox', { name: 'State' }).selectOption('');
  });

  test('sorting by a column orders the rows numerically, both ways', async () => {
    const { info } = probe;
    await search(NAME);
    await radio('Sockets', 'Connected');
    await waitForRecords(page, table, (r) => r.length === 2 * info.clients.length, 'Connected rows');
    const ports = [...info.clients.map((c) => c.localPort), ...info.accepted.map((a) => a.localPort)];
    const ascending = [...ports].sort((a, b) => a - b).map(local);

    const header = page.getByRole('columnheader', { name: /Local Address/ });
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    assert.deepEqual(await localColumn(), ascending);
    await header.getByRole('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await localColumn(), [...ascending].reverse());

    const foreign = page.getByRole('columnheader', { name: /Foreign Address/ });
    await foreign.getByRole('button').click();
    const remotes = [...info.clients.map((c) => c.remotePort), ...info.accepted.map((a) => a.remotePort)];
    assert.deepEqual(
      (await readRecords(page, table)).map((r) => r['Foreign Address']),
      remotes.sort((a, b) => a - b).map(local),
    );
    await radio('Sockets', 'All');
  });

  test('the search box finds a connection by its port from either end', async () => {
    const c = probe.info.clients[0]!;
    await search(local(c.localPort));
    const rows = await waitForRecords(page, table, (r) => r.length === 2, `search ${c.localPort}`);
    assert.deepEqual(
      new Set(rows.map((r) => `${r['Local Address']} ${r['Foreign Address']}`)),
      new Set([
        `${local(c.localPort)} ${local(c.remotePort)}`,
        `${local(c.remotePort)} ${local(c.localPort)}`,
      ]),
    );
    await search('no-such-program-anywhere');
    await page.getByText('No connection matches these filters').waitFor();
  });

  test('the keyboard moves the selection and Enter opens the row’s program', async () => {
    await search(NAME);
    await radio('Sockets', 'Connected');
    await waitForRecords(page, table, (r) => r.length === 2 * probe.info.clients.length, 'Connected rows');
    const grid = page.getByTestId(table);
    await grid.focus();
    const selected = () => page.locator(`[data-testid="${table}"] .vt-row.selected`);
    await page.keyboard.press('Home');
    assert.equal(await selected().getAttribute('aria-rowindex'), '2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selected().getAttribute('aria-rowindex'), '4');
    assert.equal(await grid.getAttribute('aria-activedescendant'), await selected().getAttribute('id'));
    await page.keyboard.press('End');
    assert.equal(await selected().getAttribute('aria-rowindex'), String(2 * probe.info.clients.length + 1));
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/programs\/\d+$/);
    await page.getByTestId('program-detail').getByText(NAME, { exact: true }).first().waitFor();
    await page.getByTestId('tab-live').click();
    await radio('Sockets', 'All');
  });

  test('the rows leave when the probe closes its sockets', async () => {
    await search(NAME);
    await probe.closeSockets();
    // What stays is the connecting ends' TIME_WAIT remnants, which keep the program that opened
    // them when kernel events are on (as root); polling alone names no owner there.
    await waitForRecords(
      page,
      table,
      (r) => mine(r).every((x) => x.State === 'TIME_WAIT'),
      'the closed sockets gone (TIME_WAIT remnants aside)',
      30_000,
    );
  });

  test('the closed connections are in History, and a row leads to its program', async () => {
    const { info } = probe;
    await page.getByTestId('tab-history').click();
    await page.getByRole('radio', { name: 'Last 15 min' }).click();
    const program = page.getByRole('textbox', { name: 'Program' });
    await program.fill(NAME);
    await program.press('Enter');
    // The accepting ends closed for good; the connecting ends live on in TIME_WAIT (still open,
    // so not counted here), and both ends are looked up by port below.
    const accepted = info.accepted.map((a) => `${local(a.localPort)} ${local(a.remotePort)}`);
    const rows = await waitForRecords(
      page,
      'history-table',
      (r) =>
        accepted.every((p) =>
          r.some((x) => `${x['Local Address']} ${x['Foreign Address']}` === p && x.Lasted !== 'open'),
        ) && r.some((x) => x['Local Address'] === local(info.listen.port) && x['Last state'] === 'LISTEN'),
      'the probe’s closed connections and its listener in History',
      30_000,
    );
    for (const r of rows.filter((x) => accepted.includes(`${x['Local Address']} ${x['Foreign Address']}`))) {
      assert.equal(r['PID/Program name'], `${info.pid}/${NAME}`);
    }
    await page.screenshot({ path: path.join(shots, 'history-probe.png') });

    await page.locator('[data-testid="history-table"] .vt-body [role="row"]').first().dblclick();
    await page.waitForURL(/#\/programs\/\d+$/);
    await page.getByTestId('program-detail').getByText(NAME, { exact: true }).first().waitFor();

    await page.getByTestId('tab-history').click();
    await page
      .getByRole('button', { name: 'Clear the program filter' })
      .click()
      .catch(() => undefined);
    await program.fill('');
    const c = info.clients[0]!;
    await page.getByRole('textbox', { name: 'Port' }).fill(String(c.localPort));
    await page.getByRole('textbox', { name: 'Port' }).press('Enter');
    await waitForRecords(
      page,
      'history-table',
      (r) => {
        const pairs = new Set(r.map((x) => `${x['Local Address']} ${x['Foreign Address']}`));
        return (
          pairs.has(`${local(c.localPort)} ${local(c.remotePort)}`) &&
          pairs.has(`${local(c.remotePort)} ${local(c.localPort)}`)
        );
      },
      'both ends of a connection in History by port',
    );
  });

  test('nothing unexpected happened on the page', async () => {
    await assertNothingUnexpected(watch);
  });
});
