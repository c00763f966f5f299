// A real Prometheus scrapes a running `netwatch record --metrics`: its PromQL answers count the
// connections this test's own programs hold (their local ports reported by their own sockets),
// names that break naive exposition (quotes, backslashes, newlines, escapes, bidi) come back
// exactly, and `promtool check metrics` accepts the exposition.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { holdConnections, startPrometheus, startRecord, waitFor } from './fleet-processes';

test(
  'Prometheus scrapes netwatch record and counts the connections each program holds',
  { timeout: 180_000 },
  async (t) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-fleet-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const accepted: net.Socket[] = [];
    const server = net.createServer((s) => accepted.push(s)).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    t.after(() => {
      for (const s of accepted) s.destroy();
      server.close();
    });
    const port = (server.address() as net.AddressInfo).port;

    const record = await startRecord([
      '--db',
      path.join(dir, 'h.db'),
      '--interval',
      '250',
      '--metrics',
      '127.0.0.1:0',
    ]);
    t.after(() => record.stop());
    const metricsUrl = /metrics at (http:\S+)/.exec(record.stderr())?.[1];
    assert.ok(metricsUrl, record.stderr());
    const target = new URL(metricsUrl).host;

    const unique = `nwfleet${process.pid}x${Date.now() % 100_000}`;
    const hostile = `${unique}-"q\\b\n\u001b[31m\u202eevil`;
    const plain = await holdConnections(unique, port, 5);
    t.after(() => plain.stop());
    const odd = await holdConnections(hostile, port, 7);
    t.after(() => odd.stop());
    assert.equal(plain.ports.length, 5);
    assert.equal(odd.ports.length, 7);

    const prometheus = await startPrometheus(target);
    t.after(() => prometheus.stop());

    const held = await waitFor('Prometheus to see the 5 connections', 60_000, async () => {
      const result = await prometheus.query(`netwatch_program_connections{program="${unique}"}`);
      return result[0]?.value[1] === '5' ? result : null;
    });
    assert.equal(held.length, 1);
    assert.equal(held[0]!.metric.job, 'netwatch');

    // The hostile name, parsed back by Prometheus from the exposition, is the file name with its
    // control and bidi characters written out as text (quote and backslash kept as they are).
    const shown = `${unique}-"q\\b\\n\\x1b[31m\\u202eevil`;
    const all = await prometheus.query('netwatch_program_connections');
    const found = all.filter((s) => s.metric.program === shown);
    assert.equal(found.length, 1, JSON.stringify(all.map((s) => s.metric.program)));
    assert.equal(found[0]!.value[1], '7');

    // 12 outbound ESTABLISHED from the holders, 12 inbound accepted by this test (node): at least.
    const established = await prometheus.query(
      'sum by (direction) (netwatch_connections{protocol="tcp",state="ESTABLISHED"})',
    );
    for (const direction of ['inbound', 'outbound']) {
      const value = Number(established.find((s) => s.metric.direction === direction)?.value[1] ?? 0);
      assert.ok(value >= 12, `${direction}: ${value}`);
    }
    const opened = await prometheus.query('sum(netwatch_connections_opened_total{protocol="tcp"})');
    assert.ok(Number(opened[0]?.value[1]) >= 24, JSON.stringify(opened));
    const size = await prometheus.query('netwatch_database_size_bytes');
    assert.ok(Number(size[0]?.value[1]) > 0, JSON.stringify(size));
    const ticks = await prometheus.query('netwatch_tick_duration_seconds_count');
    assert.ok(Number(ticks[0]?.value[1]) >= 1, JSON.stringify(ticks));

    // The exposition passes Prometheus's own linter.
    const text = await (await fetch(metricsUrl)).text();
    const check = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);

    // Closed connections leave the gauge and count as closed. This side closes first, so the
    // TIME_WAIT remnants are this test's and the program's own sockets end (LAST_ACK, then gone).
    const closedQuery = 'sum(netwatch_connections_closed_total{protocol="tcp",direction="outbound"})';
    const closedBefore = Number((await prometheus.query(closedQuery))[0]?.value[1] ?? 0);
    for (const s of accepted) if (plain.ports.includes(s.remotePort ?? -1)) s.destroy();
    await new Promise((r) => setTimeout(r, 300));
    await plain.closeAll();
    await waitFor('the 5 connections to be gone from Prometheus', 60_000, async () => {
      const result = await prometheus.query(`netwatch_program_connections{program="${unique}"}`);
      return result.length === 0 ? true : null;
    });
    await waitFor('the closed counter to count them', 30_000, async () => {
      const closed = Number((await prometheus.query(closedQuery))[0]?.value[1] ?? 0);
      return closed - closedBefore >= 5 ? true : null;
    });
    assert.equal(await record.stop(), 0);
  },
);
