import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ProgramHasher } from '../../../../electron/core/monitor/program-hasher';
import { ProcTree, sha256sum } from './proc-tree';

function hashOf(hasher: ProgramHasher, pid: number, exe: string | null = null): Promise<string | null> {
  const stat = hasher.statExe(pid);
  assert.ok(stat, `stat of pid ${pid}`);
  return new Promise((resolve) => hasher.request(pid, stat, exe, resolve));
}

test('hashes the binary behind <pid>/exe as sha256sum does', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  // several reads, the last one short: bytes that differ from read to read
  const content = Array.from({ length: (3 << 20) + 12_345 }, (_, i) =>
    String.fromCharCode(97 + ((i * 7) % 26)),
  );
  const file = tree.binary('tool', content.join(''));
  tree.process(100, file);
  const hasher = new ProgramHasher({ procRoot: tree.root });
  assert.equal(await hashOf(hasher, 100), sha256sum(file));
});

test('a binary is read once per device, inode, size and mtime; a changed mtime is read again', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const file = tree.binary('tool', 'version one');
  tree.process(1, file);
  tree.process(2, file);
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const first = await hashOf(hasher, 1);
  assert.equal(first, sha256sum(file));
  // Same size and mtime but other bytes: the cache answers (proof it did not read again).
  const mtime = statSync(file).mtimeMs / 1000;
  writeFileSync(file, 'version two');
  utimesSync(file, mtime, mtime);
  assert.equal(hasher.cached(hasher.statExe(2)!), first);
  assert.equal(await hashOf(hasher, 2), first);
  // A new mtime is a new binary.
  utimesSync(file, mtime + 5, mtime + 5);
  assert.equal(hasher.cached(hasher.statExe(2)!), undefined);
  assert.equal(await hashOf(hasher, 2), sha256sum(file));
});

test('the cache keeps at most cacheSize binaries', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const hasher = new ProgramHasher({ procRoot: tree.root, cacheSize: 3 });
  for (let pid = 1; pid <= 6; pid++) {
    tree.process(pid, tree.binary(`b${pid}`, `content ${pid}`));
    await hashOf(hasher, pid);
  }
  assert.equal(hasher.cached(hasher.statExe(1)!), undefined, 'oldest dropped');
  assert.ok(hasher.cached(hasher.statExe(6)!));
});

test('an unreadable process yields no stat; a vanished one during hashing falls back to the same file', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const hasher = new ProgramHasher({ procRoot: tree.root });
  assert.equal(hasher.statExe(999), null);
  const file = tree.binary('tool', 'abc');
  tree.process(5, file);
  const stat = hasher.statExe(5)!;
  rmSync(path.join(tree.root, '5'), { recursive: true }); // the process exits before its hash is read
  const sha = await new Promise<string | null>((resolve) => hasher.request(5, stat, file, resolve));
  assert.equal(sha, sha256sum(file));
});

test('a running program whose binary was deleted is hashed through the real /proc/<pid>/exe', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-deleted-'));
  const copy = path.join(dir, 'sleep-copy');
  copyFileSync('/bin/sleep', copy);
  const expected = sha256sum(copy);
  chmodSync(copy, 0o755);
  const child = spawn(copy, ['30'], { stdio: 'ignore' });
  t.after(() => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  await new Promise((resolve) => child.once('spawn', resolve));
  rmSync(copy);
  const hasher = new ProgramHasher();
  const stat = hasher.statExe(child.pid!);
  assert.ok(stat);
  assert.equal(stat.nlink, 0, 'a deleted binary has no links left');
  const sha = await new Promise<string | null>((resolve) => hasher.request(child.pid!, stat, null, resolve));
  assert.equal(sha, expected);
});

test('requests for the same binary share one read, and idle() waits for all', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const file = tree.binary('tool', 'shared');
  for (const pid of [1, 2, 3]) tree.process(pid, file);
  const hasher = new ProgramHasher({ procRoot: tree.root, concurrency: 1 });
  const results: (string | null)[] = [];
  for (const pid of [1, 2, 3]) hasher.request(pid, hasher.statExe(pid)!, null, (sha) => results.push(sha));
  await hasher.idle();
  assert.deepEqual(results, [sha256sum(file), sha256sum(file), sha256sum(file)]);
});
