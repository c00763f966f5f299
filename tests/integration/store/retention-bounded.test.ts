import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { SeriesRow } from '../../../electron/core/monitor/series-metrics';
import { openStore } from '../../../electron/core/store/open-store';
import { closed, tickWrite, tracked } from '../../unit/core/store/store-fixtures';
import { tempDir } from './temp-dir';

const DAY = 86_400_000;
const MIN = 60_000;

test('over months of simulated time with retention, the file size stays bounded', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  const store = openStore({ path: file });
  t.after(() => store.close());
  const retentionDays = 14;
  const perDay = 1000;
  const start = Date.UTC(2025, 0, 1);
  const sizes: number[] = [];
  let id = 1;
  for (let day = 0; day < 90; day++) {
    const dayStart = start + day * DAY;
    const opened = Array.from({ length: perDay }, (_, i) =>
      tracked(id++, { firstSeen: dayStart + i * 60_000, remoteAddress: `10.0.${day % 200}.${i % 250}` }),
    );
    const series: SeriesRow[] = [];
    for (let m = 0; m < 1440; m++) {
      for (const key of ['#1', '#2', 'comm:sshd']) {
        series.push({
          metric: 'connections-by-program',
          key,
          bucket: dayStart + m * MIN,
          bucketMs: MIN,
          total: 60,
          weight: 60,
        });
      }
    }
    store.writeTick(tickWrite(dayStart + DAY - 2000, { opened, series }));
    store.writeTick(
      tickWrite(dayStart + DAY - 1000, {
        closed: opened.map((c) => closed(c, c.connection.firstSeen + 30_000)),
      }),
    );
    const now = dayStart + DAY;
    let more = true;
    while (more) more = store.retention({ cutoff: now - retentionDays * DAY, rollupBefore: now - DAY }).more;
    store.checkpoint();
    sizes.push(store.sizeBytes());
  }
  const kept = store.totals();
  assert.ok(kept.connections <= (retentionDays + 1) * perDay, `rows kept: ${kept.connections}`);
  const month = Math.max(...sizes.slice(25, 35));
  const last = Math.max(...sizes.slice(80));
  assert.ok(last <= month * 1.15, `size after 90 days ${last} vs after a month ${month}`);
  assert.equal(statSync(file).size <= last, true);
});
