// The history bounded by size as well as age, on a real SQLite file: past the limit the oldest
// closed connections go first, open ones stay, and the file on disk (measured with stat after a
// checkpoint, not with the store's own arithmetic) never passes the limit.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openStore } from '../../../electron/core/store/open-store';
import { closed, tickWrite, tracked } from '../../unit/core/store/store-fixtures';
import { tempDir } from './temp-dir';

const MIB = 1024 * 1024;
const LIMIT = 16 * MIB;

const onDisk = (file: string): number => {
  let bytes = statSync(file).size;
  try {
    bytes += statSync(`${file}-wal`).size;
  } catch {
    // no WAL right now
  }
  return bytes;
};

test('past its size limit the oldest closed connections go first and the file stays under it', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  const store = openStore({ path: file });
  t.after(() => store.close());
  const start = Date.UTC(2025, 0, 1);
  let id = 1;
  // One connection open all along: the limit never deletes what is still open.
  const forever = tracked(id++, { firstSeen: start, remoteAddress: '10.9.9.9' });
  store.writeTick(tickWrite(start, { opened: [forever] }));
  let trimmed = 0;
  let firstTrimAt = -1;
  const peaks: number[] = [];
  for (let round = 0; round < 60; round++) {
    const at = start + (round + 1) * 60_000;
    const opened = Array.from({ length: 2000 }, (_, i) =>
      tracked(id++, {
        firstSeen: at + i,
        remoteAddress: `10.${round % 200}.${(i >> 8) % 250}.${i % 250}`,
        cmdline: `/usr/bin/some-program --with a --fairly long --command line ${round}-${i}`,
      }),
    );
    store.writeTick(tickWrite(at, { opened }));
    store.writeTick(tickWrite(at + 30_000, { closed: opened.map((c) => closed(c, at + 30_000)) }));
    let more = false;
    do {
      const result = store.trimToSize(LIMIT, more);
      more = result.more;
      trimmed += result.deletedConnections;
      if (result.deletedConnections > 0 && firstTrimAt < 0) firstTrimAt = round;
    } while (more);
    store.checkpoint();
    peaks.push(onDisk(file));
  }
  assert.ok(firstTrimAt > 0, 'nothing is deleted while the history is under its limit');
  assert.ok(trimmed > 0);
  assert.ok(
    Math.max(...peaks) <= LIMIT,
    `on disk after each round: ${peaks.map((b) => (b / MIB).toFixed(1)).join(' ')} MB`,
  );

  // Seen through a connection of its own: the oldest closed went, the newest and the open one stayed.
  const db = new Database(file, { readonly: true });
  t.after(() => db.close());
  const rows = db
    .prepare(
      'SELECT min(first_seen) AS oldestClosed, max(id) AS newest, count(*) AS n FROM connections WHERE closed_at IS NOT NULL',
    )
    .get() as { oldestClosed: number; newest: number; n: number };
  const open = db.prepare('SELECT id FROM connections WHERE closed_at IS NULL').all() as { id: number }[];
  assert.deepEqual(
    open.map((r) => r.id),
    [forever.rowId],
  );
  assert.equal(rows.newest, id - 1, 'the newest rows are kept');
  assert.equal(rows.n, id - 2 - trimmed);
  const oldestLeft = db
    .prepare('SELECT count(*) AS n FROM connections WHERE closed_at IS NOT NULL AND first_seen < ?')
    .get(rows.oldestClosed) as { n: number };
  assert.equal(oldestLeft.n, 0);
  assert.ok(rows.oldestClosed > start + 60_000, 'the first rounds are gone');
});
