// Exports land whole or not at all: refusals for bad paths and existing files (before anything is
// written), replacement only when asked, and no temporary file left behind after a failure.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ExportPathError, openAtomicFile } from '../../../electron/core/report/atomic-file';
import { exportToFile } from '../../../electron/core/report/export-to-file';
import { tempDir } from '../store/temp-dir';
import { seedHistory } from './history-fixture';

test('bad destinations are refused with a clear message, and nothing is written', (t) => {
  const dir = tempDir(t, 'netwatch-atomic-');
  mkdirSync(path.join(dir, 'folder'));
  writeFileSync(path.join(dir, 'plain-file'), 'x');
  const cases: [string, RegExp][] = [
    [path.join(dir, 'bad\0name.csv'), /NUL/],
    [path.join(dir, 'folder'), /is a folder/],
    [path.join(dir, 'missing', 'out.csv'), /does not exist/],
    [path.join(dir, 'plain-file', 'out.csv'), /is not a folder/],
    ['', /no file name/],
  ];
  for (const [destination, message] of cases) {
    assert.throws(
      () => openAtomicFile(destination),
      (error: unknown) => error instanceof ExportPathError && message.test(error.message),
      JSON.stringify(destination),
    );
  }
  assert.deepEqual(readdirSync(dir).sort(), ['folder', 'plain-file']);
});

test('an existing file is replaced only when asked', async (t) => {
  const dir = tempDir(t, 'netwatch-atomic-');
  const target = path.join(dir, 'out.txt');
  writeFileSync(target, 'before');
  assert.throws(
    () => openAtomicFile(target),
    (error: unknown) => error instanceof ExportPathError && error.reason === 'exists',
  );
  const file = openAtomicFile(target, { overwrite: true });
  file.stream.write('after');
  // Until commit the destination still holds the old content.
  assert.equal(readFileSync(target, 'utf8'), 'before');
  await file.commit();
  assert.equal(readFileSync(target, 'utf8'), 'after');
  assert.deepEqual(readdirSync(dir), ['out.txt']);
});

test('a file that appears while the export runs is not replaced without overwrite', async (t) => {
  const dir = tempDir(t, 'netwatch-atomic-');
  const target = path.join(dir, 'race.txt');
  const file = openAtomicFile(target);
  file.stream.write('ours');
  writeFileSync(target, 'theirs');
  await assert.rejects(file.commit(), (error: unknown) => error instanceof ExportPathError);
  assert.equal(readFileSync(target, 'utf8'), 'theirs');
  assert.deepEqual(readdirSync(dir), ['race.txt']);
});

test('a failed export leaves the destination untouched and no temporary file', async (t) => {
  const dir = tempDir(t, 'netwatch-atomic-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, 50_000);
  const target = path.join(dir, 'out.csv');
  writeFileSync(target, 'keep me');
  const stop = new AbortController();
  await assert.rejects(
    exportToFile({
      database: { path: db },
      format: 'csv',
      filter: {},
      path: target,
      overwrite: true,
      signal: stop.signal,
      onProgress: (rows) => {
        if (rows > 0) stop.abort();
      },
    }),
    /stopped/,
  );
  assert.equal(readFileSync(target, 'utf8'), 'keep me');
  assert.deepEqual(
    readdirSync(dir).filter((name) => !name.startsWith('history.db')),
    ['out.csv'],
  );
});

test('a database that is not there is an error before any file is made', async (t) => {
  const dir = tempDir(t, 'netwatch-atomic-');
  await assert.rejects(
    exportToFile({
      database: { path: path.join(dir, 'none.db') },
      format: 'csv',
      filter: {},
      path: path.join(dir, 'o.csv'),
    }),
    /no readable history database/,
  );
  assert.deepEqual(readdirSync(dir), []);
});
