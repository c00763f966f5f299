// The monitor's byte counters: rates over the reading's interval, totals past 32 bits, a counter
// that goes backwards (another socket under the same key) restarting the count, unknown kept
// unknown, and the per-program traffic series adding what moved (not what a socket carried before).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Monitor } from '../../../../electron/core/monitor/monitor';
import type { Snapshot, SocketRow } from '../../../../shared/model';
import { SnapshotClock, socket } from './snapshot-builder';

const GiB = 2 ** 30;

/** A snapshot whose counters were read at readAt (monotonic ms; default: with the sample). */
function reading(clock: SnapshotClock, rows: SocketRow[], readAt?: number): Snapshot {
  const snap = clock.next(rows);
  snap.bytesReadAtMs = readAt ?? snap.monotonicMs;
  snap.byteCounters = 'sock-diag';
  return snap;
}

const tcp = (sent: number | null, received: number | null, extra: Partial<SocketRow> = {}): SocketRow =>
  socket({ inode: 7, process: 'curl', bytesSent: sent, bytesReceived: received, ...extra });

test('rates are bytes per second over the reading interval; totals past 4 GiB stay exact', () => {
  const monitor = new Monitor();
  const clock = new SnapshotClock();
  const t1 = monitor.apply(reading(clock, [tcp(4 * GiB - 10, 100)]));
  const c1 = t1.opened[0]!.connection;
  assert.equal(c1.bytesSent, 4 * GiB - 10);
  assert.equal(c1.sendRate, null, 'one reading: no rate yet');
  const t2 = monitor.apply(reading(clock, [tcp(4 * GiB + 2 * 1024 * 1024 - 10, 100)]));
  const c2 = t2.changed[0]!.connection;
  assert.equal(c2.bytesSent, 4 * GiB + 2 * 1024 * 1024 - 10);
  assert.equal(c2.sendRate, 2 * 1024 * 1024, '2 MiB in the 1 s between readings');
  assert.equal(c2.receiveRate, 0);
  assert.equal(t2.changed[0]!.persistent, false, 'bytes alone are no history change');
});

test('a counter that goes backwards restarts the count: never a negative rate or delta', () => {
  const monitor = new Monitor({ seriesBucketMs: 1000 });
  const clock = new SnapshotClock();
  monitor.apply(reading(clock, [tcp(5_000_000, 9_000)]));
  const t2 = monitor.apply(reading(clock, [tcp(1_000, 50)]));
  const c = t2.changed[0]!.connection;
  assert.equal(c.bytesSent, 1_000);
  assert.equal(c.sendRate, null);
  assert.equal(c.receiveRate, null);
  const t3 = monitor.apply(reading(clock, [tcp(3_000, 50)]));
  assert.equal(t3.changed[0]!.connection.sendRate, 2_000);
  const sent = [...t3.series, ...monitor.flushSeries()].filter(
    (r) => r.metric === 'traffic-sent-by-program' && r.bucketMs === 1000,
  );
  assert.ok(sent.every((r) => r.total >= 0));
  // Bucket of t2: the new socket's 1,000 bytes; of t3: 2,000 more. The first reading books nothing.
  assert.deepEqual(
    sent.map((r) => r.total),
    [1_000, 2_000],
  );
});

test('unknown stays unknown (UDP), and a TIME_WAIT that reports none keeps its last total', () => {
  const monitor = new Monitor();
  const clock = new SnapshotClock();
  const udp = socket({
    proto: 'udp',
    state: null,
    inode: 9,
    localPort: 5353,
    bytesSent: null,
    bytesReceived: null,
  });
  const t1 = monitor.apply(reading(clock, [tcp(10, 20), udp]));
  const u = t1.opened.find((o) => o.connection.proto === 'udp')!.connection;
  assert.equal(u.bytesSent, null);
  assert.equal(u.sendRate, null);
  monitor.apply(reading(clock, [tcp(110, 20), udp]));
  const t3 = monitor.apply(reading(clock, [tcp(null, null, { inode: 0, state: 'TIME_WAIT' }), udp]));
  const c = t3.changed.find((x) => x.connection.proto === 'tcp')!.connection;
  assert.equal(c.state, 'TIME_WAIT');
  assert.equal(c.bytesSent, 110);
  assert.equal(c.bytesReceived, 20);
  assert.equal(c.sendRate, null);
});

test('a stale reading (ss at a lower rate) keeps rates; the next one measures over its own interval', () => {
  const monitor = new Monitor();
  const clock = new SnapshotClock();
  monitor.apply(reading(clock, [tcp(0, 0)], 10_000));
  const t2 = monitor.apply(reading(clock, [tcp(0, 0)], 10_000));
  assert.equal(t2.changed.length, 0, 'nothing new: nothing changed');
  const t3 = monitor.apply(reading(clock, [tcp(6_000, 0)], 13_000));
  assert.equal(t3.changed[0]!.connection.sendRate, 2_000, '6,000 bytes over the 3 s between readings');
});

test('a connection opened after the first reading books what it carried; one there before does not', () => {
  const monitor = new Monitor({ seriesBucketMs: 1000 });
  const clock = new SnapshotClock();
  monitor.apply(reading(clock, [tcp(1_000_000, 0)]));
  const late = tcp(700, 300, { inode: 8, localPort: 40001, process: 'wget' });
  const t2 = monitor.apply(reading(clock, [tcp(1_000_000, 0), late]));
  const rows = [...t2.series, ...monitor.flushSeries()].filter((r) => r.bucketMs === 1000);
  const byMetric = (m: string) => rows.filter((r) => r.metric === m).map((r) => [r.key, r.total]);
  assert.deepEqual(byMetric('traffic-sent-by-program'), [['comm:wget', 700]]);
  assert.deepEqual(byMetric('traffic-received-by-program'), [['comm:wget', 300]]);
});
