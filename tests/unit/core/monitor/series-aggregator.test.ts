import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeriesAggregator } from '../../../../electron/core/monitor/series-aggregator';
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
  assert.deepEqual(agg.add({ at: T0, monotonicMs: 0, live: [a, b], opened: [a, b], interfaces: [] }), []);
  agg.add({ at: T0 + 30_000, monotonicMs: 30_000, live: [a, b, c], opened: [c], interfaces: [] });
  const rows = agg.add({ at: T0 + MIN, monotonicMs: MIN, live: [], opened: [], interfaces: [] });
  assert.ok(rows.every((r) => r.bucket === T0 && r.bucketMs === MIN));
  assert.equal(value(rows, 'connections-by-program', '#1'), 2);
  assert.equal(value(rows, 'connections-by-program', '#2'), 0.5, 'present in one of two ticks');
  assert.equal(value(rows, 'new-by-program', '#1'), 2);
  assert.equal(value(rows, 'new-by-program', '#2'), 1);
  assert.equal(value(rows, 'connections-by-state', 'SYN_RECV'), 0.5);
  assert.equal(rows.find((r) => r.metric === 'syn-recv')!.total, 1);
});

test('connections without a program are counted by process name, else as unattributed', () => {
  const agg = new SeriesAggregator();
  agg.add({
    at: T0,
    monotonicMs: 0,
    live: [conn(null, 'ESTABLISHED', 'sshd'), conn(null)],
    opened: [],
    interfaces: [],
  });
  const rows = agg.flush();
  assert.equal(value(rows, 'connections-by-program', 'comm:sshd'), 1);
  assert.equal(value(rows, 'connections-by-program', '(unattributed)'), 1);
});

test('interface rates come from counter deltas over monotonic time, whatever the wall clock does', () => {
  const agg = new SeriesAggregator();
  agg.add({ at: T0, monotonicMs: 0, live: [], opened: [], interfaces: [iface('eth0', 0, 0, 0, 0)] });
  // The wall clock jumps back 50 s while 2 s pass: the rate stays 1000 B/s.
  agg.add({
    at: T0 + 2000,
    monotonicMs: 2000,
    live: [],
    opened: [],
    interfaces: [iface('eth0', 2000, 4000, 20, 40)],
  });
  const rows = agg.flush();
  assert.equal(value(rows, 'interface-bytes', 'eth0 rx'), 1000);
  assert.equal(value(rows, 'interface-bytes', 'eth0 tx'), 2000);
  assert.equal(value(rows, 'interface-packets', 'eth0 rx'), 10);
});

test('a counter that goes down (reset) is skipped, never a negative or huge rate', () => {
  const agg = new SeriesAggregator();
  agg.add({ at: T0, monotonicMs: 0, live: [], opened: [], interfaces: [iface('eth0', 1e12, 0)] });
  agg.add({ at: T0 + 1000, monotonicMs: 1000, live: [], opened: [], interfaces: [iface('eth0', 500, 0)] });
  agg.add({ at: T0 + 2000, monotonicMs: 2000, live: [], opened: [], interfaces: [iface('eth0', 1500, 0)] });
  const rows = agg.flush();
  assert.equal(value(rows, 'interface-bytes', 'eth0 rx'), 1000);
});

test('no elapsed monotonic time yields no rate at all', () => {
  const agg = new SeriesAggregator();
  agg.add({ at: T0, monotonicMs: 5, live: [], opened: [], interfaces: [iface('lo', 0, 0)] });
  agg.add({ at: T0 + 1000, monotonicMs: 5, live: [], opened: [], interfaces: [iface('lo', 1e9, 0)] });
  assert.equal(value(agg.flush(), 'interface-bytes', 'lo rx'), undefined);
});

test('distinct series per bucket are capped; the rest fold into "(other)"', () => {
  const agg = new SeriesAggregator(MIN, 3);
  const live = [1, 2, 3, 4, 5].map((id) => conn(id));
  agg.add({ at: T0, monotonicMs: 0, live, opened: [], interfaces: [] });
  const keys = agg
    .flush()
    .filter((r) => r.metric === 'connections-by-program')
    .map((r) => r.key);
  assert.ok(keys.length <= 4);
  assert.ok(keys.includes('(other)'));
});
