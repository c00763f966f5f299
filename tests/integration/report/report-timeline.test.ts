// The report's "connections started" graph: every connection of the range lands in the bucket of
// its start, counted here from the times the fixture seeded (one a minute from T0).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { readReportSummary } from '../../../electron/core/report/report-summary';
import { openReportSnapshot } from '../../../electron/core/report/report-snapshot';
import { tempDir } from '../store/temp-dir';
import { seedHistory, STEP_MS, T0 } from './history-fixture';

test('connections started are counted in the bucket of their start', (t) => {
  const file = path.join(tempDir(t, 'netwatch-timeline-'), 'history.db');
  const ROWS = 700;
  const start = T0 + 7 * STEP_MS; // not on a bucket boundary
  seedHistory(file, ROWS, start);
  const snapshot = openReportSnapshot({ path: file });
  t.after(() => snapshot.close());
  const summary = readReportSummary(snapshot, {});

  const expected = new Map<number, number>();
  for (let i = 0; i < ROWS; i++) {
    const firstSeen = start + i * STEP_MS;
    const bucket = firstSeen - ((firstSeen - summary.timeline[0]!.t) % summary.bucketMs);
    expected.set(bucket, (expected.get(bucket) ?? 0) + 1);
  }
  const drawn = new Map(summary.timeline.filter((p) => p.count > 0).map((p) => [p.t, p.count]));
  assert.deepEqual(drawn, expected);
  assert.equal(
    summary.timeline.reduce((n, p) => n + p.count, 0),
    ROWS,
  );
});
