// An export while recording: the recorder's writer commits ticks between the export's chunks (it is
// never blocked by the export's open read), and the export holds exactly the rows that existed when
// it started.
import assert from 'node:assert/strict';
import path from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { runExport } from '../../../electron/core/report/export-runner';
import { openReportSnapshot } from '../../../electron/core/report/report-snapshot';
import { openStore } from '../../../electron/core/store/open-store';
import { tempDir } from '../store/temp-dir';
import { tickWrite, tracked } from '../../unit/core/store/store-fixtures';
import { seedHistory, STEP_MS, T0 } from './history-fixture';

test('the writer commits while an export runs; the export sees the snapshot at its start', async (t) => {
  const dir = tempDir(t, 'netwatch-snapshot-');
  const db = path.join(dir, 'history.db');
  const seeded = seedHistory(db, 20_000);
  const store = openStore({ path: db });
  t.after(() => store.close());
  let nextId = store.startState().nextConnectionId;
  let tick = 1;
  let ticksDuringExport = 0;
  let lines = 0;

  const snapshot = openReportSnapshot({ path: db });
  // Each chunk the export writes, the recorder writes a tick of 50 new connections first.
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const at = T0 + (seeded.rows + tick) * STEP_MS;
      const opened = Array.from({ length: 50 }, () => tracked(nextId++, { firstSeen: at }));
      store.writeTick(tickWrite(at, { tick: tick++, opened }));
      ticksDuringExport++;
      lines += chunk.toString('utf8').split('\n').length - 1;
      done();
    },
  });
  try {
    const outcome = await runExport({ snapshot, format: 'jsonl', filter: {}, out });
    assert.equal(outcome.rows, seeded.rows);
  } finally {
    snapshot.close();
  }
  assert.equal(lines, seeded.rows, 'the export holds the rows of its start, none of the new ones');
  assert.ok(ticksDuringExport >= 10, `ticks committed during the export: ${ticksDuringExport}`);
  assert.equal(store.totals().connections, seeded.rows + ticksDuringExport * 50, 'every tick committed');
});
