import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProgramHasher } from '../../../../electron/core/monitor/program-hasher';
import { cleanExePath, ProgramRegistry } from '../../../../electron/core/monitor/program-registry';
import type { LiveConnection, SocketRow } from '../../../../shared/model';
import { ProcTree, sha256sum } from './proc-tree';
import { socket } from './snapshot-builder';

function owned(pid: number, exe: string, overrides: Partial<SocketRow> = {}): SocketRow {
  return socket({
    pid,
    exe,
    process: exe.split('/').pop()!,
    processStart: 1000 + pid,
    cmdline: `${exe} --flag`,
    ...overrides,
  });
}

function live(row: SocketRow, programId: number | null): LiveConnection {
  return {
    ...row,
    key: `k${row.pid}`,
    direction: 'outbound',
    firstSeen: 1,
    remoteHost: null,
    service: null,
    programId,
  };
}

/** One tick through the registry: programOf + attachConnection per row, then endTick. */
function tick(registry: ProgramRegistry, rows: SocketRow[], baseline = false, at = 1) {
  registry.beginTick();
  const ids = rows.map((row) => {
    const id = registry.programOf(row, baseline);
    registry.attachConnection(live(row, id));
    return id;
  });
  return { ids, sightings: registry.endTick(at) };
}

test('a new program is sighted once its hash is read, with the connection that brought it', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const exe = tree.binary('curl', 'curl 8.0');
  tree.process(10, exe);
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const registry = new ProgramRegistry({ known: [], nextId: 1, hasher });
  const first = tick(registry, [owned(10, exe)]);
  assert.deepEqual(first.ids, [null], 'pending while the hash is read');
  assert.equal(first.sightings.length, 0);
  await hasher.idle();
  const second = tick(registry, [owned(10, exe)], false, 2);
  assert.deepEqual(second.ids, [1]);
  assert.equal(second.sightings.length, 1);
  const s = second.sightings[0]!;
  assert.equal(s.kind, 'new');
  assert.deepEqual(s.program, { id: 1, exe, sha256: sha256sum(exe), name: 'curl' });
  assert.equal(s.connection.pid, 10);
  assert.equal(s.connection.programId, 1);
  assert.equal(s.user, 'alice');
  assert.equal(s.cmdline, `${exe} --flag`);
  assert.equal(tick(registry, [owned(10, exe)], false, 3).sightings.length, 0, 'sighted once');
});

test('a process that exits before its hash is read is still sighted', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const exe = tree.binary('oneshot', 'short-lived');
  tree.process(20, exe);
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const registry = new ProgramRegistry({ known: [], nextId: 1, hasher });
  tick(registry, [owned(20, exe)]);
  tick(registry, []); // gone from the sockets
  await hasher.idle();
  const { sightings } = tick(registry, [], false, 3);
  assert.equal(sightings.length, 1);
  assert.equal(sightings[0]!.program.exe, exe);
  assert.equal(registry.processCount, 0, 'then forgotten');
});

test('a known program is recognised; the same path with another binary is a changed program', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const exe = tree.binary('app', 'app v2');
  tree.process(30, exe);
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const registry = new ProgramRegistry({
    known: [{ id: 7, exe, sha256: 'a'.repeat(64), name: 'app', baseline: true }],
    nextId: 8,
    hasher,
  });
  tick(registry, [owned(30, exe)]);
  await hasher.idle();
  const { ids, sightings } = tick(registry, [owned(30, exe)]);
  assert.deepEqual(ids, [8]);
  assert.equal(sightings[0]!.kind, 'changed');
  assert.equal(sightings[0]!.previous?.id, 7);
  assert.equal(sightings[0]!.program.sha256, sha256sum(exe));

  // Another process of the now-known binary: no sighting, resolved from the cache at once.
  tree.process(31, exe);
  const again = tick(registry, [owned(31, exe)]);
  assert.deepEqual(again.ids, [8]);
  assert.equal(again.sightings.length, 0);
});

test('programs seen in the first tick of a first run are baseline, later ones are not', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const a = tree.binary('a', 'A');
  const b = tree.binary('b', 'B');
  tree.process(1, a);
  tree.process(2, b);
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const registry = new ProgramRegistry({ known: [], nextId: 1, hasher });
  tick(registry, [owned(1, a)], true);
  await hasher.idle();
  const later = tick(registry, [owned(1, a), owned(2, b)]);
  await hasher.idle();
  const last = tick(registry, [owned(1, a), owned(2, b)]);
  const all = [...later.sightings, ...last.sightings];
  assert.deepEqual(all.map((s) => [s.program.name, s.baseline]).sort(), [
    ['a', true],
    ['b', false],
  ]);
});

test('an unreadable binary at a known path is that program; at an unknown path a program without hash', () => {
  const hasher = new ProgramHasher({ procRoot: '/nonexistent-proc' });
  const registry = new ProgramRegistry({
    known: [{ id: 3, exe: '/usr/sbin/sshd', sha256: 'b'.repeat(64), name: 'sshd', baseline: true }],
    nextId: 4,
    hasher,
  });
  const { ids, sightings } = tick(registry, [owned(40, '/usr/sbin/sshd'), owned(41, '/opt/x/agent')]);
  assert.deepEqual(ids, [3, 4]);
  assert.equal(sightings.length, 1);
  assert.equal(sightings[0]!.program.sha256, null);
  assert.equal(sightings[0]!.program.exe, '/opt/x/agent');
});

test('sockets without a visible owner have no program', () => {
  const registry = new ProgramRegistry({ known: [], nextId: 1, hasher: new ProgramHasher() });
  assert.deepEqual(tick(registry, [socket({ pid: null, exe: null })]).ids, [null]);
});

test('the kernel\'s " (deleted)" mark is not part of the program\'s path', () => {
  assert.deepEqual(cleanExePath('/usr/bin/app (deleted)'), { exe: '/usr/bin/app', deleted: true });
  assert.deepEqual(cleanExePath('/usr/bin/app'), { exe: '/usr/bin/app', deleted: false });
});
