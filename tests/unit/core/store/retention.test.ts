import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SeriesRow } from '../../../../electron/core/monitor/series-metrics';
import { openStore } from '../../../../electron/core/store/open-store';
import type { SeriesQuery } from '../../../../electron/core/store/store';
import { closed, tickWrite, tracked } from './store-fixtures';

const DAY = 86_400_000;
const MIN = 60_000;
const H = 3_600_000;
const NOW = Date.UTC(2025, 5, 30, 12, 0, 0);

test('deletes closed connections past the cutoff in batches; keeps open ones and recent ones', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const cutoff = NOW - 30 * DAY;
  const old = Array.from({ length: 25 }, (_, i) => tracked(i + 1, { firstSeen: cutoff - DAY - i }));
  const oldOpen = tracked(100, { firstSeen: cutoff - 5 * DAY });
  const spansCutoff = tracked(101, { firstSeen: cutoff - DAY });
  const recent = tracked(102, { firstSeen: cutoff + DAY });
  store.writeTick(tickWrite(NOW, { opened: [...old, oldOpen, spansCutoff, recent] }));
  store.writeTick(
    tickWrite(NOW, {
      closed: [
        ...old.map((c) => closed(c, cutoff - 1)),
        closed(spansCutoff, cutoff + 1),
        closed(recent, cutoff + 2 * DAY),
      ],
    }),
  );
  const first = store.retention({ cutoff, rollupBefore: NOW - DAY, batchSize: 10, maxBatches: 2 });
  assert.equal(first.deletedConnections, 20);
  assert.equal(first.more, true);
  const second = store.retention({ cutoff, rollupBefore: NOW - DAY, batchSize: 10, maxBatches: 2 });
  assert.equal(second.deletedConnections, 5);
  assert.equal(second.more, false);
  assert.deepEqual(
    store
      .history({})
      .rows.map((r) => r.id)
      .sort((a, b) => a - b),
    [100, 101, 102],
  );
});

test('minute buckets past a day roll up into hours with the same hourly values', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const hour = NOW - 3 * DAY - ((NOW - 3 * DAY) % H);
  const rows: SeriesRow[] = [];
  for (let m = 0; m < 60; m++) {
    const bucket = hour + m * MIN;
    rows.push({
      metric: 'connections-by-program',
      key: 'comm:a',
      bucket,
      bucketMs: MIN,
      total: m < 30 ? 120 : 0,
      weight: 60,
    });
    if (m < 30)
      rows.push({
        metric: 'connections-by-program',
        key: 'comm:b',
        bucket,
        bucketMs: MIN,
        total: 60,
        weight: 60,
      });
    rows.push({ metric: 'new-by-program', key: 'comm:a', bucket, bucketMs: MIN, total: 2, weight: 60 });
    rows.push({
      metric: 'interface-bytes',
      key: 'lo rx',
      bucket,
      bucketMs: MIN,
      total: 6000 * (m + 1),
      weight: 60_000,
    });
    rows.push({ metric: 'syn-recv', key: '', bucket, bucketMs: MIN, total: m === 17 ? 40 : 1, weight: 60 });
  }
  store.writeTick(tickWrite(NOW, { series: rows }));
  const queries: SeriesQuery[] = [
    'connections-by-program',
    'new-by-program',
    'interface-bytes',
    'syn-recv',
  ].map((metric) => ({
    metric: metric as SeriesQuery['metric'],
    from: hour,
    to: hour + H,
    bucketMs: H,
  }));
  const before = queries.map((q) => store.series(q));
  const result = store.retention({ cutoff: NOW - 30 * DAY, rollupBefore: NOW - DAY });
  assert.ok(result.rolledUpSeries > 0);
  const minuteRows = store.db.prepare(`SELECT count(*) FROM series WHERE bucket_ms = ${MIN}`).pluck().get();
  assert.equal(minuteRows, 0);
  const after = queries.map((q) => store.series(q));
  assert.deepEqual(after, before);
  // And the values themselves: a averaged 1 open (2 for half the hour), b 0.5, 120 new, peak 40.
  assert.deepEqual(after[0]![0]!.values, { a: 1, b: 0.5 });
  assert.deepEqual(after[1]![0]!.values, { a: 120 });
  assert.deepEqual(after[3]![0]!.values, { SYN_RECV: 40 });
});

test('recent minute buckets stay minutes; buckets past the cutoff go', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const recent = NOW - H;
  const ancient = NOW - 40 * DAY - ((NOW - 40 * DAY) % H);
  store.writeTick(
    tickWrite(NOW, {
      series: [
        {
          metric: 'new-by-program',
          key: 'x',
          bucket: recent - (recent % MIN),
          bucketMs: MIN,
          total: 1,
          weight: 1,
        },
        { metric: 'new-by-program', key: 'x', bucket: ancient, bucketMs: H, total: 1, weight: 1 },
      ],
    }),
  );
  const result = store.retention({ cutoff: NOW - 30 * DAY, rollupBefore: NOW - DAY });
  assert.equal(result.deletedSeries, 1);
  assert.equal(store.db.prepare('SELECT bucket_ms FROM series').pluck().get(), MIN);
});
