// A --db that is no database file (a FIFO, /etc/passwd) is refused by every command with one line
// and exit 2, before it is opened, and left as it was; Ctrl+C and SIGTERM end a read command at
// once, even one blocked waiting on the database; an export leaves no temporary file behind.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { test } from 'node:test';
import { ensureBuilt, root } from '../../e2e/support/serve-process';
import { seedHistory } from '../report/history-fixture';
import { tempDir } from '../store/temp-dir';

const netwatch = path.join(root, 'bin/netwatch.cjs');
const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function run(args: string[]) {
  // Bounded: a command that hangs in open() is killed and fails the test rather than the run.
  return spawnSync(process.execPath, [netwatch, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

const commands = (db: string, dir: string): string[][] => [
  ['history', '--db', db],
  ['programs', '--db', db],
  ['alerts', '--db', db],
  ['rules', '--db', db],
  ['export', '--db', db, '--out', path.join(dir, 'out.csv')],
  ['export', '--db', db, '--format', 'csv'],
  ['record', '--db', db],
  ['serve', '--db', db],
];

test('a FIFO as --db is refused before it is opened: exit 2, one line, nothing left behind', (t) => {
  ensureBuilt();
  const dir = tempDir(t, 'netwatch-db-path-');
  const fifo = path.join(dir, 'fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  for (const args of commands(fifo, dir)) {
    const result = run(args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.signal ?? ''} ${result.stderr}`);
    assert.match(result.stderr, /fifo is a FIFO, not a database file; it was left as it is/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.deepEqual(readdirSync(dir), ['fifo'], 'no .part, no lock, no -wal');
});

test('a file that is not SQLite (a copy of /etc/passwd) is refused by every command and left untouched', (t) => {
  ensureBuilt();
  const dir = tempDir(t, 'netwatch-db-path-');
  const file = path.join(dir, 'passwd');
  writeFileSync(file, readFileSync('/etc/passwd'));
  const before = digest(file);
  for (const args of commands(file, dir)) {
    const result = run(args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /passwd is not an SQLite database .*left as it is/);
  }
  assert.equal(digest(file), before);
  assert.deepEqual(readdirSync(dir), ['passwd']);
});

test('SIGINT and SIGTERM end a read command at once, even while it waits on a busy database', async (t) => {
  ensureBuilt();
  const dir = tempDir(t, 'netwatch-db-path-');
  const db = path.join(dir, 'history.db');
  seedHistory(db, 10);
  // Another process's exclusive lock: a reader waits its busy timeout (5 s) inside SQLite.
  const holder = new Database(db);
  holder.pragma('journal_mode = DELETE');
  holder.pragma('locking_mode = EXCLUSIVE');
  holder.exec('BEGIN EXCLUSIVE');
  t.after(() => holder.close());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const child = spawn(process.execPath, [netwatch, 'history', '--db', db], { stdio: 'ignore' });
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (code, by) => resolve([code, by])),
    );
    await new Promise((r) => setTimeout(r, 1500)); // Started and inside the busy wait.
    child.kill(signal);
    assert.deepEqual(await ended, [null, signal], `ended by ${signal}, not after the busy wait`);
  }
});
