// The owner cache across ticks, on a real directory tree laid out like /proc that the test changes
// between updates: what a steady state skips, and that skipping never gives a wrong owner.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  InodeOwnerMap,
  type InodeRow,
  type OwnerMapOptions,
} from '../../../../../electron/core/sampler/linux/inode-owner-map';

let root: string;
let time = 0;
const clock = { now: () => time, monotonic: () => time };

function writeProcess(
  pid: number,
  start: number,
  fds: Record<number, string>,
  comm = `p${pid}`,
  exe = `/bin/p${pid}`,
): void {
  const dir = path.join(root, String(pid));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'fd'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'stat'),
    `${pid} (${comm}) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 ${start} 0 0\n`,
  );
  fs.writeFileSync(path.join(dir, 'cmdline'), `${comm}\0`);
  fs.symlinkSync(exe, path.join(dir, 'exe'));
  for (const [fd, target] of Object.entries(fds)) fs.symlinkSync(target, path.join(dir, 'fd', fd));
}

function setFd(pid: number, fd: number, target: string | null): void {
  const link = path.join(root, String(pid), 'fd', String(fd));
  fs.rmSync(link, { force: true });
  if (target !== null) fs.symlinkSync(target, link);
}

const sock = (inode: number): string => `socket:[${inode}]`;
const rows = (...inodes: number[]): InodeRow[] => inodes.map((inode) => ({ inode, uid: 0 }));
const owner = (map: InodeOwnerMap, inode: number): number | null => map.ownerOf(inode)?.pid ?? null;

function newMap(options: Partial<OwnerMapOptions> = {}): InodeOwnerMap {
  return new InodeOwnerMap({
    ...options,
    procRoot: root,
    bootTime: 1_700_000_000,
    clock,
    refreshMs: 10_000,
    unownedRetryMs: 10_000,
    euid: 0,
  });
}

describe('InodeOwnerMap', () => {
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-proc-'));
    time = 0;
    writeProcess(10, 100, { 0: '/dev/null', 3: sock(501), 4: sock(502) });
    writeProcess(20, 200, { 3: sock(601), 5: 'pipe:[9]' });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds owners cold, then re-reads no fd table while nothing changes', () => {
    const map = newMap();
    map.update(rows(501, 502, 601, 0));
    assert.deepEqual([owner(map, 501), owner(map, 502), owner(map, 601), owner(map, 0)], [10, 10, 20, null]);
    assert.equal(map.stats.readlinks, 5);
    assert.equal(map.ownerOf(501)?.exe, '/bin/p10');
    assert.equal(map.ownerOf(501)?.start, 1_700_000_000_000 + 1000);

    time += 1000;
    map.update(rows(501, 502, 601, 0));
    assert.deepEqual(map.stats, {
      ownerChecks: 2,
      fdTablesRead: 0,
      fdTablesSkipped: 0,
      readlinks: 0,
      reusedFdPass: false,
    });
    assert.equal(owner(map, 601), 20);
  });

  it('readlinks only the new fd numbers when a socket appears', () => {
    const map = newMap();
    map.update(rows(501, 502, 601));
    setFd(20, 7, sock(602));
    time += 1000;
    map.update(rows(501, 502, 601, 602));
    assert.equal(owner(map, 602), 20);
    assert.equal(map.stats.readlinks, 1);
    assert.equal(map.stats.reusedFdPass, false);
  });

  it('finds a new socket behind the reused fd number of a closed socket in the same tick', () => {
    const map = newMap();
    map.update(rows(501, 502, 601));
    setFd(10, 3, sock(503)); // fd 3 closed (socket 501 gone), reopened as socket 503
    time += 1000;
    map.update(rows(502, 601, 503));
    assert.equal(owner(map, 503), 10);
    assert.equal(map.stats.readlinks, 1, 'only the fd of the closed socket is read again');
    assert.equal(map.stats.reusedFdPass, false);
  });

  it('finds a new socket behind the reused fd number of a file one tick later', () => {
    const map = newMap();
    map.update(rows(501, 502, 601));
    setFd(10, 0, sock(503)); // fd 0 was /dev/null
    time += 1000;
    map.update(rows(501, 502, 601, 503));
    assert.equal(owner(map, 503), null, 'one tick of grace: most such sockets are gone by the next');
    assert.equal(map.stats.reusedFdPass, false);
    time += 1000;
    map.update(rows(501, 502, 601, 503));
    assert.equal(owner(map, 503), 10);
    assert.equal(map.stats.reusedFdPass, true);
  });

  it('finds a new socket behind the fd number of a socket closed two walks before', () => {
    const map = newMap();
    map.update(rows(501, 502, 601));
    setFd(10, 3, sock(504)); // 501 closed, its number taken by a socket not listed yet
    time += 11_000; // the periodic walk, without 501: the fd table looks the same
    map.update(rows(502, 601));
    time += 11_000; // 504 appears a walk later: not a socket closed since the last walk
    map.update(rows(502, 601, 504));
    assert.equal(owner(map, 504), null);
    time += 1000;
    map.update(rows(502, 601, 504));
    assert.equal(owner(map, 504), 10, 'the fd cached on the gone socket was read again');
    assert.equal(map.stats.reusedFdPass, true);
  });

  it('skips a big fd table of unchanged size, yet finds a socket that replaced another in it', () => {
    const many: Record<number, string> = {};
    for (let fd = 0; fd < 100; fd++) many[fd] = sock(1000 + fd);
    writeProcess(50, 500, many);
    const all = (extra: number[]) => rows(...Object.keys(many).map((fd) => 1000 + Number(fd)), ...extra);
    // As procfs counts a table: its entries (a recorded tree's directory size says nothing).
    const map = newMap({ fdCountOf: (dir) => fs.readdirSync(dir).length });
    map.update(all([]));
    assert.equal(owner(map, 1042), 50);
    // Same number of fds: fd 7 now another socket, fd 5 closed and fd 100 opened.
    setFd(50, 7, sock(2000));
    setFd(50, 5, null);
    setFd(50, 100, sock(3000));
    const changed = all([2000, 3000]).filter((r) => r.inode !== 1007 && r.inode !== 1005);
    time += 1000;
    map.update(changed);
    assert.equal(owner(map, 2000), 50);
    assert.equal(owner(map, 3000), 50);
    assert.equal(map.stats.reusedFdPass, false, 'the table held closed sockets: read again at once');
    // A new socket elsewhere: only the table that grew is read; the big one and pid 20's
    // unchanged small one are skipped.
    time += 1000;
    setFd(10, 9, sock(4000));
    map.update(all([2000, 3000, 4000]).filter((r) => r.inode !== 1007 && r.inode !== 1005));
    assert.equal(owner(map, 4000), 10);
    assert.equal(map.stats.fdTablesSkipped, 2);
    assert.equal(map.stats.fdTablesRead, 1);
    assert.equal(map.stats.reusedFdPass, false);
  });

  it('lists the empty fd table of a kernel thread once, never again; a process with none again', () => {
    writeProcess(2, 20, {}, 'kthreadd');
    // flags (field 9) with PF_KTHREAD
    fs.writeFileSync(
      path.join(root, '2', 'stat'),
      '2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 20 0 0\n',
    );
    writeProcess(3, 30, {}, 'no-fds-yet');
    const map = newMap({ fdCountOf: (dir) => fs.readdirSync(dir).length });
    map.update(rows(501, 502));
    const readAtFirst = map.stats.fdTablesRead;
    // Past the young age, and a new socket each walk so that every walk happens.
    time += 3000;
    setFd(10, 8, sock(700));
    map.update(rows(501, 502, 700));
    time += 1000;
    setFd(10, 9, sock(701));
    map.update(rows(501, 502, 700, 701));
    assert.equal(map.stats.fdTablesRead, 2, 'the table that grew (pid 10) and the empty one of pid 3');
    assert.ok(readAtFirst >= 3);
    time += 1000;
    setFd(3, 3, sock(702));
    map.update(rows(501, 502, 700, 701, 702));
    assert.equal(owner(map, 702), 3);
  });

  it('passes a shared socket to the next holder when the lowest pid is inside exit()', () => {
    writeProcess(5, 50, { 3: sock(502) });
    // flags (field 9) with PF_EXITING: its exe is already unreadable, its fds about to close
    fs.writeFileSync(
      path.join(root, '5', 'stat'),
      '5 (dying) S 1 1 1 0 -1 4 0 0 0 0 0 0 0 0 20 0 1 0 50 0 0\n',
    );
    const map = newMap();
    map.update(rows(501, 502));
    assert.equal(owner(map, 502), 10);
  });

  it('moves a socket to the process still holding it when its owner exits', () => {
    const map = newMap();
    writeProcess(30, 300, { 3: sock(502) }); // a child that inherited socket 502
    map.update(rows(501, 502, 601));
    assert.equal(owner(map, 502), 10);
    fs.rmSync(path.join(root, '10'), { recursive: true });
    time += 1000;
    map.update(rows(502, 601));
    assert.equal(owner(map, 502), 30);
    assert.equal(owner(map, 501), null);
  });

  it('never credits a reused pid with its predecessor sockets', () => {
    const map = newMap();
    map.update(rows(501, 502, 601));
    // pid 20 exits; another process gets pid 20 (a later start) with other sockets.
    writeProcess(20, 999, { 3: sock(701) }, 'intruder', '/bin/intruder');
    time += 1000;
    map.update(rows(501, 502, 601, 701));
    assert.equal(owner(map, 601), null, 'socket 601 is no longer held by anyone we can see');
    assert.equal(owner(map, 701), 20);
    assert.equal(map.ownerOf(701)?.exe, '/bin/intruder');
    assert.equal(map.ownerOf(701)?.startTicks, 999);
  });

  it('reads exe again when a process execs (same pid and start, new comm)', () => {
    const map = newMap();
    map.update(rows(501));
    writeProcess(10, 100, { 3: sock(501) }, 'newprog', '/bin/newprog');
    time += 1000;
    map.update(rows(501));
    assert.equal(map.ownerOf(501)?.exe, '/bin/newprog');
  });

  it('remembers an unowned socket instead of searching for it every tick', () => {
    const map = newMap();
    map.update(rows(501, 999));
    assert.equal(owner(map, 999), null);
    time += 1000;
    map.update(rows(501, 999)); // looked for harder once
    assert.equal(map.stats.reusedFdPass, true);
    time += 1000;
    map.update(rows(501, 999));
    assert.equal(map.stats.fdTablesRead, 0, 'no walk for a socket known to be unowned');
    setFd(20, 8, sock(999));
    time += 10_000;
    map.update(rows(501, 999));
    assert.equal(owner(map, 999), 20, 'looked for again after the retry delay');
  });

  it('notices a shared socket dropped by its owner at the periodic walk', () => {
    writeProcess(30, 300, { 3: sock(502) });
    const map = newMap();
    map.update(rows(501, 502));
    assert.equal(owner(map, 502), 10);
    setFd(10, 4, null);
    time += 1000;
    map.update(rows(501, 502));
    assert.equal(owner(map, 502), 10, 'between walks the cached owner stands');
    time += 10_000;
    map.update(rows(501, 502));
    assert.ok(map.stats.fdTablesRead > 0);
    assert.equal(owner(map, 502), 30);
  });

  it('skips processes that vanish or cannot be read, without failing', () => {
    fs.mkdirSync(path.join(root, '40')); // a pid directory with nothing in it: exited mid-scan
    fs.mkdirSync(path.join(root, 'self'));
    const map = newMap();
    map.update(rows(501, 601));
    assert.equal(owner(map, 501), 10);
    assert.equal(map.privileged, true);
  });

  it('retries sockets nobody visible holds together and ever more rarely, yet sees a new holder at once', () => {
    const map = newMap();
    const passes: number[] = [];
    let unowned = [701];
    for (time = 0; time <= 120_000; time += 1000) {
      if (time === 3000) unowned = [701, 702]; // another invisible socket, a little later
      if (time === 5000) unowned = [701, 702, 703]; // and one more, soon after a pass
      map.update(rows(501, 601, ...unowned));
      if (map.stats.reusedFdPass) passes.push(time);
    }
    // Without backoff: a pass every retry delay (10 s) and one per socket; 703's pass waits
    // for deepPassMs (3 s) after 702's.
    assert.deepEqual(passes, [1000, 4000, 7000, 21000, 51000, 101000]);
    // A holder appearing while it waits is found by the next walk, not after the wait.
    setFd(20, 9, sock(701));
    for (let i = 0; i < 10 && owner(map, 701) === null; i++) {
      time += 1000;
      map.update(rows(501, 601, ...unowned));
    }
    assert.equal(owner(map, 701), 20);
    assert.equal(owner(map, 702), null);
  });
});
