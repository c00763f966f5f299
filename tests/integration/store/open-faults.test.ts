import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DatabaseRefusedError } from '../../../electron/core/store/database';
import { openStore } from '../../../electron/core/store/open-store';
import { WriterLockedError } from '../../../electron/core/store/writer-lock';
import { tickWrite, tracked } from '../../unit/core/store/store-fixtures';
import { tempDir } from './temp-dir';

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

test('a database with damaged pages is set aside too', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  const first = openStore({ path: file });
  first.writeTick(tickWrite(5000, { opened: Array.from({ length: 2000 }, (_, i) => tracked(i + 1)) }));
  first.close();
  const size = statSync(file).size;
  assert.ok(size > 16 * 4096);
  // Scribble over the middle of the file (b-tree pages), keeping the header intact.
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(8 * 4096, 0x5a), 0, 8 * 4096, 4 * 4096);
  closeSync(fd);
  const before = digest(file);
  const notices: string[] = [];
  const store = openStore({ path: file, onNotice: (m) => notices.push(m) });
  t.after(() => store.close());
  assert.equal(notices.length, 1);
  const aside = readdirSync(dir).find(
    (f) => /^netwatch\.db\.corrupt-[^-]/.test(f) && !f.endsWith('-wal') && !f.endsWith('-shm'),
  )!;
  assert.equal(digest(path.join(dir, aside)), before);
  assert.equal(store.history({}).rows.length, 0);
});

test('a database from a newer netwatch is refused with a clear message and left untouched', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  const db = new Database(file);
  db.exec('CREATE TABLE future (x INTEGER)');
  db.pragma('user_version = 99');
  db.close();
  const before = digest(file);
  assert.throws(
    () => openStore({ path: file }),
    (e: unknown) => {
      assert.ok(e instanceof DatabaseRefusedError);
      assert.match(e.message, /newer netwatch \(schema 99/);
      return true;
    },
  );
  assert.equal(digest(file), before);
  assert.equal(existsSync(`${file}-wal`), false);
  assert.deepEqual(readdirSync(dir).sort(), ['netwatch.db'], 'nothing renamed, no lock left');
});

test("someone else's SQLite database is refused, not migrated", (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'other.db');
  const db = new Database(file);
  db.exec('CREATE TABLE contacts (name TEXT)');
  db.close();
  const before = digest(file);
  assert.throws(() => openStore({ path: file }), /netwatch did not create/);
  assert.equal(digest(file), before);
});

test('an I/O error (the path is a folder) is an error, never a reason to set anything aside', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  mkdirSync(file);
  assert.throws(() => openStore({ path: file }), DatabaseRefusedError);
  assert.ok(statSync(file).isDirectory());
  assert.equal(readdirSync(dir).filter((f) => f.includes('corrupt')).length, 0);
});

test('a busy database (another holds an exclusive lock) is an error and is not set aside', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  openStore({ path: file }).close();
  const other = new Database(file);
  other.pragma('journal_mode = DELETE');
  other.pragma('locking_mode = EXCLUSIVE');
  other.exec('BEGIN EXCLUSIVE');
  t.after(() => other.close());
  assert.throws(() => openStore({ path: file }), /busy|locked/i);
  assert.equal(readdirSync(dir).filter((f) => f.includes('corrupt')).length, 0);
});

test('one writer per file: a second recorder is refused; a lock left by a dead process is taken over', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  const first = openStore({ path: file });
  assert.throws(() => openStore({ path: file }), WriterLockedError);
  const reader = openStore({ path: file, readonly: true });
  reader.close();
  first.close();
  writeFileSync(`${file}.lock`, '2147483646 stale');
  const second = openStore({ path: file });
  second.close();
  assert.equal(existsSync(`${file}.lock`), false);
});

test('reading a database that does not exist says so', (t) => {
  const dir = tempDir(t);
  assert.throws(() => openStore({ path: path.join(dir, 'none.db'), readonly: true }), /no history database/);
});
