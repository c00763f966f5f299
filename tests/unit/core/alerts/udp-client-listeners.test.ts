// Unconnected UDP sockets that are clients, not services: one on an ephemeral port (a sendto()
// without bind) raises no new-listener alert even without kernel events; one on a fixed port does.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { parsePortRange } from '../../../../electron/core/alerts/ephemeral-ports';
import { tempDir } from '../../../integration/store/temp-dir';
import { ProcTree } from '../monitor/proc-tree';
import { listener } from '../monitor/snapshot-builder';
import { start } from './alert-harness';

test('an unconnected UDP socket on an ephemeral port is no new listener; one on port 5353 is', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const client = tree.binary('client', 'client');
  tree.process(1, client);
  const h = await start(t, path.join(tempDir(t), 'netwatch.db'), tree);
  const own = { pid: 1, exe: client, processStart: 100, proto: 'udp' as const, state: null };
  h.sampler.sockets = [listener(22, { ...own, proto: 'tcp', state: 'LISTEN' })];
  await h.settle();
  h.sampler.sockets = [
    listener(22, { ...own, proto: 'tcp', state: 'LISTEN' }),
    listener(50_123, { ...own, inode: 7001 }),
    listener(5353, { ...own, inode: 7002 }),
  ];
  await h.settle();
  assert.deepEqual(
    h.raised.filter((a) => a.kind === 'new-listener').map((a) => a.localPort),
    [5353],
  );
});

test('the ephemeral range is read as the kernel prints it, and refused when it is not one', () => {
  assert.deepEqual(parsePortRange('32768\t60999\n'), { low: 32768, high: 60999 });
  assert.equal(parsePortRange('60999 32768'), null);
  assert.equal(parsePortRange('x'), null);
});
