// Where a host name came from is kept in history: written when the connection opens, replaced when
// the asked name arrives later, read back in history and a program's remote hosts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toTickWrite } from '../../../../electron/core/monitor/changes';
import { Monitor, type Enricher } from '../../../../electron/core/monitor/monitor';
import { ProgramHasher } from '../../../../electron/core/monitor/program-hasher';
import { openStore } from '../../../../electron/core/store/open-store';
import type { SocketRow } from '../../../../shared/model';
import { ProcTree } from '../monitor/proc-tree';
import { SnapshotClock, socket } from '../monitor/snapshot-builder';

const CDN = 'a23-45-67-89.deploy.static.akamaitechnologies.com';
const ASKED = 'telemetry.vendor.example';

test('history and remote hosts say which name was asked for and which is reverse DNS', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const exe = tree.binary('curl', 'curl binary');
  tree.process(1, exe);
  const store = openStore({ path: ':memory:' });
  t.after(() => store.close());
  const hasher = new ProgramHasher({ procRoot: tree.root });
  const enricher: Enricher = { hostOf: () => CDN, serviceOf: () => null };
  const monitor = new Monitor({ hasher, enricher, nextConnectionId: store.startState().nextConnectionId });
  const clock = new SnapshotClock();
  const owner = { pid: 1, exe, process: 'curl', processStart: 9 };
  const late = socket({ remoteAddress: '192.0.2.7', remotePort: 443, inode: 7, ...owner });
  const other = socket({ remoteAddress: '192.0.2.8', remotePort: 443, inode: 8, localPort: 40001, ...owner });
  const write = (rows: SocketRow[]): void => store.writeTick(toTickWrite(monitor.apply(clock.next(rows))));
  write([
    { ...late, askedHost: null },
    { ...other, askedHost: null },
  ]);
  await hasher.idle();
  write([
    { ...late, askedHost: ASKED },
    { ...other, askedHost: null },
  ]);
  write([]);

  const rows = store.history({}).rows;
  const host = (address: string) => {
    const r = rows.find((x) => x.remoteAddress === address)!;
    return [r.remoteHost, r.hostSource];
  };
  assert.deepEqual(host('192.0.2.7'), [ASKED, 'asked']);
  assert.deepEqual(host('192.0.2.8'), [CDN, 'reverse']);
  assert.equal(store.history({ remote: 'telemetry' }).rows.length, 1, 'the asked name is searchable');
  const programId = rows[0]!.programId!;
  assert.deepEqual(
    store
      .programRemotes(programId, 10)
      .map((r) => [r.address, r.host, r.hostSource])
      .sort(),
    [
      ['192.0.2.7', ASKED, 'asked'],
      ['192.0.2.8', CDN, 'reverse'],
    ],
  );
});
