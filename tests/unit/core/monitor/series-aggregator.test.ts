import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeriesAggregator, type SeriesTick } from '../../../../electron/core/monitor/series-aggregator';
import { seriesValue, type SeriesRow } from '../../../../electron/core/monitor/series-metrics';
import type { LiveConnection } from '../../../../shared/model';
import { iface, socket } from './snapshot-builder';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);

function conn(
  programId: number | null,
  state = 'ESTABLISHED',
  process: string | null = null,
): LiveConnection {
  return {
    ...socket({ state, process }),
    key: String(Math.random()),
    direction: 'outbound',
    firstSeen: 0,
    remoteHost: null,
    service: null,
    programId,
  };
}

function tick(at: number, monotonicMs: number, parts: Partial<SeriesTick> = {}): SeriesTick {
  return { at, monotonicMs, opened: [], closed: [], changed: [], interfaces: [], ...parts };
}

function value(rows: SeriesRow[], metric: string, key: string): number | undefined {
  const r = rows.find((x) => x.metric === metric && x.key === key);
  return (
    r &&
    seriesValue(
      metric === 'interface-bytes' || metric === 'interface-packets'
        ? 'rate'
        : metric === 'connections-by-program' || metric === 'connections-by-state'
          ? 'mean'
          : 'sum',
      r.total,
      r.weight,
    )
  );
}

test('per-minute buckets: mean open per program and state, new per program, SYN_RECV peak', () => {
  const agg = new SeriesAggregator();
  const a = conn(1);
  const b = conn(1);
  const c = conn(2, 'SYN_RECV');
  assert.deepEqual(agg.add(tick(T0, 0, { opened: [a, b] })), []);
  agg.add(tick(T0 + 30_000, 30_000, { opened: [c] }));
  const all = agg.add(tick(T0 + MIN, MIN, { closed: [a, b, c] }));
  const rows = all.filter((r) => r.bucketMs === MIN);
  assert.ok(rows.every((r) => r.bucket === T0));
  const hours = all.filter((r) => r.bucketMs === 3_600_000);
  assert.deepEqual(
    hours.map((r) => [r.metric, r.key, r.bucket, r.total, r.weight]),
    rows.map((r) => [r.metric, r.key, T0 - (T0 % 3_600_000), r.total, r.weight]),
    'each minute also feeds its hour bucket',
  );
  assert.equal(value(rows, 'connections-by-program', '#1'), 2);
  assert.equal(value(rows, 'connections-by-program', '#2'), 0.5, 'present in one of two ticks');
  assert.equal(value(rows, 'new-by-program', '#1'), 2);
  assert.equal(value(rows, 'new-by-program', '#2'), 1);
  assert.equal(value(rows, 'connections-by-state', 'SYN_RECV'), 0.5);
  assert.equal(rows.find((r) => r.metric === 'syn-recv')!.total, 1);
});

test('connections without a program are counted by process name, else as unattributed', () => {
  const agg = new SeriesAggregator();
  agg.add(tick(T0, 0, { opened: [conn(null, 'ESTABLISHED', 'sshd'), conn(null)] }));
  const rows = agg.flush();
  assert.equal(value(rows, 'connections-by-program', 'comm:sshd'), 1);
  assert.equal(value(rows, 'connections-by-program', '(unattributed)'), 1);
});

test('interface rates come from counter deltas over monotonic time, whatever the wall clock does', () => {
  const agg = new SeriesAggregator();
  agg.add(tick(T0, 0, { interfaces: [iface('eth0', 0, 0, 0, 0)] }));
  // The wall clock jumps back 50 s while 2 s pass: the rate stays 1000 B/s.
  agg.add(tick(T0 - 50_000, 2000, { interfaces: [iface('eth0', 2000, 4000, 20, 40)] }));
  const rows = agg.flush();
  assert.equal(value(rows, 'interface-bytes', 'eth0 rx'), 1000);
  assert.equal(value(rows, 'interface-bytes', 'eth0 tx'), 2000);
  assert.equal(value(rows, 'interface-packets', 'eth0 rx'), 10);
});

test('a counter that goes down (reset) is skipped, never a negative or huge rate', () => {
  const agg = new SeriesAggregator();
  agg.add(tick(T0, 0, { interfaces: [iface('eth0', 1e12, 0)] }));
  agg.add(tick(T0 + 1000, 1000, { interfaces: [iface('eth0', 500, 0)] }));
  agg.add(tick(T0 + 2000, 2000, { interfaces: [iface('eth0', 1500, 0)] }));
  const rows = agg.flush();
  assert.equal(value(rows, 'interface-bytes', 'eth0 rx'), 1000);
});

test('no elapsed monotonic time yields no rate at all', () => {
  const agg = new SeriesAggregator();
  agg.add(tick(T0, 5, { interfaces: [iface('lo', 0, 0)] }));
  agg.add(tick(T0 + 1000, 5, { interfaces: [iface('lo', 1e9, 0)] }));
  assert.equal(value(agg.flush(), 'interface-bytes', 'lo rx'), undefined);
});

test('distinct series per bucket are capped; the rest fold into "(other)"', () => {
  const agg = new SeriesAggregator(MIN, 3);
  const live = [1, 2, 3, 4, 5].map((id) => conn(id));
  agg.add(tick(T0, 0, { opened: live }));
  const keys = agg
    .flush()
    .filter((r) => r.metric === 'connections-by-program' && r.bucketMs === MIN)
    .map((r) => r.key);
  assert.ok(keys.length <= 4);
  assert.ok(keys.includes('(other)'));
});

test('open counts follow changes: a connection changing program or state moves between series', () => {
  const agg = new SeriesAggregator();
  const before = conn(null, 'SYN_SENT', 'curl');
  const after = { ...before, programId: 9, state: 'ESTABLISHED' };
  agg.add(tick(T0, 0, { opened: [before] }));
  agg.add(tick(T0 + 1000, 1000, { changed: [{ previous: before, connection: after }] }));
  const rows = agg.flush();
  assert.equal(value(rows, 'connections-by-program', 'comm:curl'), 0.5);
  assert.equal(value(rows, 'connections-by-program', '#9'), 0.5);
  assert.equal(value(rows, 'connections-by-state', 'ESTABLISHED'), 0.5);
  assert.equal(value(rows, 'new-by-program', 'comm:curl'), 1);
});
