// An export whose reader stops reading (a paused download: a real loopback socket whose peer never
// reads) gives up after its stall limit and releases its read snapshot, so the recorder's WAL,
// pinned by that snapshot meanwhile, checkpoints to nothing again.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { ExportStalledError, runExport } from '../../../electron/core/report/export-runner';
import { openReportSnapshot } from '../../../electron/core/report/report-snapshot';
import { openStore } from '../../../electron/core/store/open-store';
import { tickWrite, tracked } from '../../unit/core/store/store-fixtures';
import { tempDir } from '../store/temp-dir';
import { seedHistory, STEP_MS, T0 } from './history-fixture';

interface Checkpoint {
  busy: number;
  log: number;
  checkpointed: number;
}

test('a stalled reader makes the export give up and release its snapshot; the WAL checkpoints again', async (t) => {
  const dir = tempDir(t, 'netwatch-stall-');
  const db = path.join(dir, 'history.db');
  const seeded = seedHistory(db, 60_000); // Far more CSV than the socket buffers hold.
  const store = openStore({ path: db });
  t.after(() => store.close());

  // The reader: accepts, then never reads.
  const server = net.createServer((socket) => socket.pause()).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  t.after(() => server.close());
  const out = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise((r) => out.once('connect', r));
  t.after(() => out.destroy());

  const snapshot = openReportSnapshot({ path: db });
  const exporting = runExport({ snapshot, format: 'csv', filter: {}, out, stallMs: 1500 }).finally(() =>
    snapshot.close(),
  );
  // The recorder goes on meanwhile; the export's snapshot keeps the checkpoint from finishing.
  let nextId = store.startState().nextConnectionId;
  const tick = (n: number) =>
    store.writeTick(
      tickWrite(T0 + (seeded.rows + n) * STEP_MS, {
        tick: n,
        opened: Array.from({ length: 50 }, () => tracked(nextId++)),
      }),
    );
  for (let n = 1; n <= 20; n++) tick(n);
  const pinned = store.db.pragma('wal_checkpoint(TRUNCATE)') as Checkpoint[];
  assert.ok(pinned[0]!.busy === 1 || pinned[0]!.checkpointed < pinned[0]!.log, 'pinned while exporting');

  // Bounded: without a stall limit the export would wait for the reader for ever.
  const outcome = await Promise.race([
    exporting.then(
      () => 'finished',
      (error: unknown) => error,
    ),
    new Promise((r) => setTimeout(() => r('still waiting after 20 s'), 20_000)),
  ]);
  assert.ok(outcome instanceof ExportStalledError, `the export gave up: ${String(outcome)}`);
  assert.match(outcome.message, /took no data for 2 s/);

  tick(21);
  const after = store.db.pragma('wal_checkpoint(TRUNCATE)') as Checkpoint[];
  assert.deepEqual(after[0], { busy: 0, log: 0, checkpointed: 0 });
  assert.equal(statSync(`${db}-wal`).size, 0, 'the WAL was truncated');
});
