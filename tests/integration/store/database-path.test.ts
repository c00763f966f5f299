// What sits at the database path before netwatch opens it: nothing yet (a new user: the folder
// and files are created private), something that is not a database (refused, untouched), a lock
// left by a pid that is now another process (taken over), and a start that fails (no lock left).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DatabasePathRefusedError } from '../../../electron/core/store/database-path';
import { openStore } from '../../../electron/core/store/open-store';
import { WriterLockedError } from '../../../electron/core/store/writer-lock';
import { tickWrite, tracked } from '../../unit/core/store/store-fixtures';
import { tempDir } from './temp-dir';

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const mode = (file: string): number => statSync(file).mode & 0o777;

test('a first run creates the missing folders (0700), the database, its WAL and its lock (0600)', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'home', '.local', 'share', 'netwatch', 'netwatch.db');
  const store = openStore({ path: file });
  t.after(() => store.close());
  store.writeTick(tickWrite(5000, { opened: [tracked(1)] }));
  assert.equal(store.history({}).rows.length, 1);
  for (const folder of ['home', 'home/.local', 'home/.local/share', 'home/.local/share/netwatch'])
    assert.equal(mode(path.join(dir, folder)), 0o700, folder);
  const files = readdirSync(path.dirname(file)).sort();
  assert.deepEqual(files, ['netwatch.db', 'netwatch.db-shm', 'netwatch.db-wal', 'netwatch.db.lock']);
  for (const name of files) assert.equal(mode(path.join(path.dirname(file), name)), 0o600, name);
});

test('a file that is not SQLite (say /etc/passwd) is refused with a clear message and left untouched', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'passwd');
  writeFileSync(file, readFileSync('/etc/passwd'));
  const before = digest(file);
  for (const readonly of [false, true]) {
    assert.throws(
      () => openStore({ path: file, readonly }),
      (e: unknown) => {
        assert.ok(e instanceof DatabasePathRefusedError);
        assert.match(e.message, /is not an SQLite database .*left as it is/);
        return true;
      },
    );
  }
  assert.equal(digest(file), before);
  assert.deepEqual(readdirSync(dir), ['passwd'], 'nothing renamed, created or locked');
});

test('a device or a FIFO is refused before it is opened', (t) => {
  const dir = tempDir(t);
  const fifo = path.join(dir, 'fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  for (const [target, kind] of [
    [fifo, /a FIFO/],
    ['/dev/null', /a character device/],
  ] as const) {
    for (const readonly of [false, true]) {
      assert.throws(() => openStore({ path: target, readonly }), kind);
    }
  }
  assert.ok(statSync(fifo).isFIFO());
  assert.deepEqual(readdirSync(dir), ['fifo']);
  assert.equal(existsSync('/dev/null.lock') || existsSync('/dev/null-wal'), false);
});

test('a lock naming a live pid that is not the netwatch which wrote it is stale and taken over', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  openStore({ path: file }).close();
  const other = spawn('sleep', ['30']);
  t.after(() => other.kill());
  await new Promise((r) => other.once('spawn', r));
  // The pid is alive but started at another time than the lock says: pid reuse after a crash.
  writeFileSync(`${file}.lock`, `${other.pid} 1 1700000000000-crashed`);
  openStore({ path: file }).close();
  // A lock from before start times were written: the live pid is `sleep`, not a netwatch.
  writeFileSync(`${file}.lock`, `${other.pid} 1700000000000-crashed`);
  openStore({ path: file }).close();
  assert.equal(existsSync(`${file}.lock`), false);
  // The live writer itself still holds its file.
  const first = openStore({ path: file });
  t.after(() => first.close());
  assert.throws(() => openStore({ path: file }), WriterLockedError);
});

test('a start that fails on a read-only database leaves no lock behind', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'netwatch.db');
  openStore({ path: file }).close();
  // Immutable even to root (ext4's i flag): SQLite opens it read-only and the first write fails.
  assert.equal(spawnSync('chattr', ['+i', file]).status, 0, 'chattr +i (the test needs ext4 or similar)');
  t.after(() => spawnSync('chattr', ['-i', file]));
  assert.throws(() => openStore({ path: file }), /read-?only/i);
  assert.equal(existsSync(`${file}.lock`), false, 'no lock left');
  spawnSync('chattr', ['-i', file]);
  openStore({ path: file }).close();
});
