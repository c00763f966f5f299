// The traffic alert live on loopback: the real sampler's TCP byte counters, the real service and a
// real SQLite file, settings changed through the contract's dispatch (what IPC and the WebSocket
// run). Oracle: the bytes the test's own transfer program says it wrote.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { createService } from '../../../electron/core/service';
import { dispatchCall } from '../../../electron/transport/contract-dispatch';
import type { AlertRecord } from '../../../shared/model';
import { near, startTransfer, type TransferEnd } from '../sampler/bulk-transfer';
import { tempDir } from '../store/temp-dir';
import { ownSocketsSampler } from './own-sockets-sampler';

const MiB = 2 ** 20;

async function watched(t: TestContext) {
  const pids = new Set<number>();
  const service = await createService({
    dbPath: path.join(tempDir(t, 'netwatch-traffic-'), 'netwatch.db'),
    sampler: ownSocketsSampler(pids),
    autoStart: false,
    onNotice: () => undefined,
    notify: () => undefined,
  });
  t.after(() => service.close());
  const raised: AlertRecord[] = [];
  service.subscribe((name, payload) => {
    if (name === 'alerts.onRaised') raised.push(payload as AlertRecord);
  });
  const set = (input: unknown) => dispatchCall(service.handlers, 'settings.set', input);
  const outcome = await set({ trafficAlertMb: 8, trafficWindowMinutes: 5, trafficAlertEnabled: true });
  assert.equal(outcome.ok, true, JSON.stringify(outcome));
  await service.tick(); // the first reading of the counters: what comes after it counts
  /** Runs one transfer of `send` + 1 MiB reply by a program of its own; ticks until its counts are in. */
  const transfer = async (send: number) => {
    const run = startTransfer(t, ['pair', String(send), String(MiB)]);
    pids.add(run.child.pid!);
    const ends = (await run.next(60_000)) as TransferEnd[];
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await service.tick();
    }
    return { ends, written: ends.reduce((n, e) => n + e.written, 0) };
  };
  return { service, raised, set, transfer };
}

test('a bulk transfer over the threshold: exactly one alert naming the program, with what it wrote', async (t) => {
  const w = await watched(t);
  const { ends, written } = await w.transfer(24 * MiB);
  const traffic = w.raised.filter((a) => a.kind === 'traffic-volume');
  assert.equal(traffic.length, 1, JSON.stringify(w.raised.map((a) => a.message)));
  const alert = traffic[0]!;
  assert.equal(alert.exe, process.execPath);
  assert.equal(alert.remoteAddress, ends[0]!.remoteAddress);
  const amount = /sent ([\d.]+) MiB over TCP within 5 min/.exec(alert.message);
  assert.ok(amount, alert.message);
  assert.ok(
    near(Number(amount[1]) * MiB, written),
    `alert says ${amount[1]} MiB, the program wrote ${written}`,
  );
  for (let i = 0; i < 3; i++) await w.service.tick();
  assert.equal(w.raised.filter((a) => a.kind === 'traffic-volume').length, 1, 'not raised again while over');
});

test('a transfer under the threshold raises none; a mute rule for the program suppresses it', async (t) => {
  const w = await watched(t);
  await w.transfer(4 * MiB);
  assert.deepEqual(
    w.raised.filter((a) => a.kind === 'traffic-volume'),
    [],
    'under 8 MiB',
  );
  const rule = await w.service.handlers.rules.add({
    kind: 'mute-kind',
    value: `traffic-volume ${process.execPath}`,
  });
  assert.equal(rule.value, `traffic-volume ${process.execPath}`);
  await w.transfer(24 * MiB);
  assert.deepEqual(
    w.raised.filter((a) => a.kind === 'traffic-volume'),
    [],
    'muted for this program',
  );
});

test('bad settings payloads are refused with a message and change nothing', async (t) => {
  const w = await watched(t);
  const refused = async (input: unknown, pattern: RegExp) => {
    const outcome = await w.set(input);
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? '' : outcome.error.message, pattern);
  };
  await refused({ trafficAlertMb: 0 }, /invalid input for settings\.set: trafficAlertMb/);
  await refused({ trafficAlertMb: 1.5 }, /trafficAlertMb/);
  await refused({ trafficAlertMb: '100' }, /trafficAlertMb/);
  await refused({ trafficWindowMinutes: 1441 }, /trafficWindowMinutes/);
  await refused({ trafficAlertEnabled: 'yes' }, /trafficAlertEnabled/);
  await refused({ trafficAlertMb: 10, extra: 1 }, /invalid input/);
  const now = w.service.context.settings();
  assert.deepEqual([now.trafficAlertMb, now.trafficWindowMinutes, now.trafficAlertEnabled], [8, 5, true]);
});
