// The desktop app's exports without Electron: the save dialog's answer decides (cancel writes
// nothing), the chosen file gets the export from the core's database, and progress is pushed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { withSaveExports } from '../../../electron/app/save-export';
import type { ExportProgress } from '../../../shared/contract';
import { seedHistory } from '../report/history-fixture';
import { tempDir } from '../store/temp-dir';
import { createPlainCore, sampleStatus } from '../web/plain-core';

test('cancel writes nothing; a chosen path gets the export and progress events', async (t) => {
  const dir = tempDir(t, 'netwatch-save-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, 1200);
  const plain = createPlainCore((h) => {
    h.status.get = async () => ({ ...sampleStatus, database: { ...sampleStatus.database, path: db } });
  });
  let answer: string | null = null;
  const suggested: string[] = [];
  const core = withSaveExports(plain, {
    choosePath: async (name) => {
      suggested.push(name);
      return answer;
    },
  });
  const events: ExportProgress[] = [];
  core.subscribe((name, payload) => {
    if (name === 'reports.onProgress') events.push(payload as ExportProgress);
  });

  assert.deepEqual(
    await core.handlers.reports.export({ format: 'csv', filter: {}, exportId: 'test-export-csv' }),
    {
      status: 'cancelled',
    },
  );
  assert.equal(events.length, 0);
  assert.match(suggested[0]!, /^netwatch-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.csv$/);

  answer = path.join(dir, 'chosen.jsonl');
  const saved = await core.handlers.reports.export({
    format: 'jsonl',
    filter: { proto: 'udp' },
    exportId: 'test-export-jsonl',
  });
  assert.deepEqual(saved, { status: 'saved', path: answer, rows: 400 });
  assert.equal(readFileSync(answer, 'utf8').trimEnd().split('\n').length, 400);
  assert.ok(
    events.every((e) => e.exportId === 'test-export-jsonl'),
    'progress carries the caller’s id',
  );
  assert.deepEqual(events.at(-1), { exportId: 'test-export-jsonl', rows: 400, done: true, error: null });

  answer = path.join(dir, 'no-such-folder', 'x.csv');
  await assert.rejects(
    core.handlers.reports.export({ format: 'csv', filter: {}, exportId: 'test-export-csv' }),
    /does not exist/,
  );
  assert.equal(events.at(-1)!.done, true);
  assert.match(events.at(-1)!.error ?? '', /does not exist/);
  assert.equal(existsSync(answer), false);
});
