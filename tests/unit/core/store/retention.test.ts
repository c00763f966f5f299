import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeriesAggregator } from '../../../../electron/core/monitor/series-aggregator';
import type { SeriesRow } from '../../../../electron/core/monitor/series-metrics';
import type { LiveConnection } from '../../../../shared/model';
import { iface, socket } from '../monitor/snapshot-builder';
import { openStore } from '../../../../electron/core/store/open-store';
import type { SeriesQuery } from '../../../../electron/core/store/store';
import { closed, tickWrite, tracked } from './store-fixtures';
import { AlertRepository } from '../../../../electron/core/alerts/alert-repository';
import { alertDraft } from '../alerts/alert-draft-fixture';

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

test('past a day minute buckets go; the hour buckets written with them give the same hourly values', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const hour = NOW - 3 * DAY - ((NOW - 3 * DAY) % H);
  // One hour of ticks through the real aggregator: a has 2 open for half the hour, b 1 for the
  // first half, 2 new a minute, a SYN_RECV peak of 40 once, lo counting 100 B/s.
  const agg = new SeriesAggregator();
  const conn = (process: string, state = 'ESTABLISHED'): LiveConnection => ({
    ...socket({ process, state }),
    key: Math.random().toString(),
    direction: 'outbound',
    firstSeen: 0,
    remoteHost: null,
    service: null,
    programId: null,
  });
  const a1 = conn('a');
  const a2 = conn('a');
  const b = conn('b');
  const syn = Array.from({ length: 40 }, () => conn('s', 'SYN_RECV'));
  const rows: SeriesRow[] = [];
  for (let s = 0; s <= 3600; s++) {
    const opened: LiveConnection[] = [];
    const closed: LiveConnection[] = [];
    if (s === 0) opened.push(a1, a2, b);
    if (s === 1800) closed.push(a1, a2, b);
    if (s % 30 === 0 && s < 3600) opened.push(conn('n'));
    if (s === 1000) opened.push(...syn);
    if (s === 1001) closed.push(...syn);
    rows.push(
      ...agg.add({
        at: hour + s * 1000,
        monotonicMs: s * 1000,
        opened,
        closed,
        changed: [],
        interfaces: [iface('lo', s * 100, 0)],
      }),
    );
  }
  store.writeTick(tickWrite(NOW, { series: rows }));
  const queries: SeriesQuery[] = [
    'connections-by-program',
    'new-by-program',
    'interface-bytes',
    'syn-recv',
  ].map((metric) => ({ metric: metric as SeriesQuery['metric'], from: hour, to: hour + H, bucketMs: H }));
  const minutes = queries.map((q) => store.series({ ...q, bucketMs: 30 * MIN }));
  const before = queries.map((q) => store.series(q));
  const result = store.retention({ cutoff: NOW - 30 * DAY, rollupBefore: NOW - DAY });
  assert.ok(result.rolledUpSeries > 0);
  assert.equal(store.db.prepare(`SELECT count(*) FROM series WHERE bucket_ms = ${MIN}`).pluck().get(), 0);
  assert.deepEqual(
    queries.map((q) => store.series(q)),
    before,
  );
  assert.equal(before[0]![0]!.values.a, 1);
  assert.equal(before[0]![0]!.values.b, 0.5);
  assert.equal(before[1]![0]!.values.n, 120);
  assert.equal(before[2]![0]!.values['lo rx'], 100);
  assert.deepEqual(before[3]![0]!.values, { SYN_RECV: 40 });
  // Before the minutes went, half-hour buckets told the halves apart.
  assert.deepEqual(
    minutes[0]!.map((p) => p.values.a),
    [2, 0],
  );
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

test('acknowledged alerts last raised before the cutoff go; unread ones stay, whatever their age', (t) => {
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const cutoff = NOW - 30 * DAY;
  const alerts = new AlertRepository(store.db);
  const raise = (subject: string, at: number) =>
    alerts.record(alertDraft({ kind: 'flood-remote', subject, at, remoteAddress: subject }))!.alert.id;
  const oldRead = raise('192.0.2.1', cutoff - DAY);
  const oldUnread = raise('192.0.2.2', cutoff - DAY);
  const recentRead = raise('192.0.2.3', cutoff + DAY);
  alerts.ack(oldRead, cutoff - DAY);
  alerts.ack(recentRead, cutoff + DAY);
  const result = store.retention({ cutoff, rollupBefore: NOW - DAY });
  assert.equal(result.deletedAlerts, 1);
  assert.deepEqual(
    alerts
      .list(true)
      .map((a) => a.id)
      .sort((a, b) => a - b),
    [oldUnread, recentRead],
  );
});
