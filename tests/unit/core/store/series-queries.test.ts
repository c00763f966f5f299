import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeriesRow } from '../../../../electron/core/monitor/series-metrics';
import { openStore } from '../../../../electron/core/store/open-store';
import type { Store } from '../../../../electron/core/store/store';
import { tickWrite } from './store-fixtures';

const MIN = 60_000;
const H = 3_600_000;
const T0 = Date.UTC(2025, 2, 1, 0, 0, 0);

function row(
  metric: SeriesRow['metric'],
  key: string,
  bucket: number,
  total: number,
  weight: number,
  bucketMs = MIN,
): SeriesRow {
  return { metric, key, bucket, bucketMs, total, weight };
}

function withProgram(store: Store): void {
  store.db
    .prepare(
      `INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES (5, '/usr/bin/curl', 'curl', 0, 0)`,
    )
    .run();
}

test('points in the bucket asked for: gauges average over ticks, counters add, rates weigh by time', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  withProgram(store);
  store.writeTick(
    tickWrite(T0, {
      series: [
        // minute 0: #5 had 2 open for 60 ticks; minute 1: 4 open for 30 of 60 ticks (absent later).
        row('connections-by-program', '#5', T0, 120, 60),
        row('connections-by-program', '#5', T0 + MIN, 120, 60),
        row('new-by-program', '#5', T0, 7, 60),
        row('new-by-program', '#5', T0 + MIN, 3, 60),
        row('interface-bytes', 'eth0 rx', T0, 60_000, 60_000),
        row('interface-bytes', 'eth0 rx', T0 + MIN, 240_000, 60_000),
      ],
    }),
  );
  const perMinute = store.series({
    metric: 'connections-by-program',
    from: T0,
    to: T0 + 2 * MIN,
    bucketMs: MIN,
  });
  assert.deepEqual(perMinute, [
    { t: T0, values: { curl: 2 } },
    { t: T0 + MIN, values: { curl: 2 } },
  ]);
  const twoMinutes = { from: T0, to: T0 + 2 * MIN, bucketMs: 2 * MIN };
  assert.deepEqual(store.series({ metric: 'connections-by-program', ...twoMinutes }), [
    { t: T0, values: { curl: 2 } },
  ]);
  assert.deepEqual(store.series({ metric: 'new-by-program', ...twoMinutes }), [
    { t: T0, values: { curl: 10 } },
  ]);
  assert.deepEqual(store.series({ metric: 'interface-bytes', ...twoMinutes }), [
    { t: T0, values: { 'eth0 rx': 2500 } },
  ]);
});

test('a resumed minute (restart) merges into the stored bucket; max metrics keep the peak', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  store.writeTick(
    tickWrite(T0, {
      series: [row('new-by-program', 'comm:sshd', T0, 2, 10), row('syn-recv', '', T0, 9, 10)],
    }),
  );
  store.writeTick(
    tickWrite(T0, {
      series: [row('new-by-program', 'comm:sshd', T0, 3, 50), row('syn-recv', '', T0, 4, 50)],
    }),
  );
  assert.deepEqual(store.series({ metric: 'new-by-program', from: T0, to: T0 + MIN }), [
    { t: T0, values: { sshd: 5 } },
  ]);
  assert.deepEqual(store.series({ metric: 'syn-recv', from: T0, to: T0 + MIN }), [
    { t: T0, values: { SYN_RECV: 9 } },
  ]);
});

test('limitSeries keeps the biggest series; names shared by two programs carry the key', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  store.db.exec(`INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES
    (1, '/a/node', 'node', 0, 0), (2, '/b/node', 'node', 0, 0), (3, '/c/tiny', 'tiny', 0, 0)`);
  store.writeTick(
    tickWrite(T0, {
      series: [
        row('new-by-program', '#1', T0, 50, 1),
        row('new-by-program', '#2', T0, 40, 1),
        row('new-by-program', '#3', T0, 1, 1),
      ],
    }),
  );
  const points = store.series({ metric: 'new-by-program', from: T0, to: T0 + H, limitSeries: 2 });
  assert.deepEqual(points, [{ t: T0, values: { 'node (#1)': 50, 'node (#2)': 40 } }]);
});

test('within the hour recording began, points are per minute, not the hour bucket written beside them', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const start = T0 + 41 * MIN;
  // What the aggregator writes for minutes 41 and 42: each minute, and the same into its hour.
  store.writeTick(
    tickWrite(start, {
      series: [
        row('new-by-program', 'comm:sshd', start, 2, 60),
        row('new-by-program', 'comm:sshd', T0, 2, 60, H),
      ],
    }),
  );
  store.writeTick(
    tickWrite(start + MIN, {
      series: [
        row('new-by-program', 'comm:sshd', start + MIN, 5, 60),
        row('new-by-program', 'comm:sshd', T0, 5, 60, H),
      ],
    }),
  );
  assert.deepEqual(store.series({ metric: 'new-by-program', from: T0 + 30 * MIN, to: T0 + 90 * MIN }), [
    { t: start, values: { sshd: 2 } },
    { t: start + MIN, values: { sshd: 5 } },
  ]);
});

test('a process counted by name while its binary was hashed joins the one program of that name', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  store.db.exec(`INSERT INTO programs (id, exe, name, first_seen, last_seen) VALUES
    (1, '/usr/lib/chromium/chromium', 'chromium', 0, 0), (2, '/a/node', 'node', 0, 0),
    (3, '/b/node', 'node', 0, 0), (4, '/opt/x/averyverylongprogramname', 'averyverylongprogramname', 0, 0)`);
  store.writeTick(
    tickWrite(T0, {
      series: [
        row('new-by-program', '#1', T0, 3, 60),
        row('new-by-program', 'comm:chromium', T0, 1, 60),
        row('new-by-program', '#2', T0, 4, 60),
        row('new-by-program', '#3', T0, 6, 60),
        row('new-by-program', 'comm:node', T0, 1, 60),
        row('new-by-program', '#4', T0, 1, 60),
        row('new-by-program', 'comm:averyverylongpr', T0, 1, 60),
        row('new-by-program', 'comm:sshd', T0, 2, 60),
      ],
    }),
  );
  assert.deepEqual(store.series({ metric: 'new-by-program', from: T0, to: T0 + MIN }), [
    {
      t: T0,
      values: {
        chromium: 4,
        'node (#3)': 6,
        'node (#2)': 4,
        'node (comm:node)': 1,
        averyverylongprogramname: 2,
        sshd: 2,
      },
    },
  ]);
});

test('the per-program summary of a range: new connections, mean and peak open', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  withProgram(store);
  store.writeTick(
    tickWrite(T0, {
      series: [
        // Two hours: #5 had 1 open on average in the first and 3 in the second.
        row('connections-by-program', '#5', T0, 3600, 3600, H),
        row('connections-by-program', '#5', T0 + H, 3 * 3600, 3600, H),
        row('connections-by-program', 'comm:dnsmasq', T0, 3600, 3600, H),
        row('new-by-program', '#5', T0, 4, 3600, H),
        row('new-by-program', '#5', T0 + H, 6, 3600, H),
      ],
    }),
  );
  const summary = store.programSummary(T0 + 5 * MIN, T0 + 2 * H);
  assert.deepEqual(summary[0], {
    programId: 5,
    key: '#5',
    name: 'curl',
    newConnections: 10,
    meanOpen: 2,
    peakOpen: 3,
  });
  assert.deepEqual(summary[1], {
    programId: null,
    key: 'comm:dnsmasq',
    name: 'dnsmasq',
    newConnections: 0,
    meanOpen: 0.5,
    peakOpen: 1,
  });
});
