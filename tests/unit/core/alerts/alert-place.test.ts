// An alert names where its program runs when the system collector tags the socket: the container
// or systemd unit and the network namespace, in the line the tray, notifications and cards show.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../integration/store/temp-dir';
import { ProcTree } from '../monitor/proc-tree';
import { listener } from '../monitor/snapshot-builder';
import { outbound, start } from './alert-harness';

test('new-program and new-listener alerts name the container or unit and the namespace', async (t) => {
  const tree = new ProcTree();
  t.after(() => tree.remove());
  const base = tree.binary('base', 'base');
  tree.process(1, base);
  const h = await start(t, path.join(tempDir(t), 'netwatch.db'), tree);
  const first = [listener(22, { pid: 1, exe: base, processStart: 100, localAddress: '0.0.0.0' })];
  h.sampler.sockets = first;
  await h.settle();
  assert.equal(h.raised.length, 0, 'the first start learns');

  const app = tree.binary('nginx', 'nginx');
  tree.process(7, app);
  const tags = { netns: 'web-ns', unit: 'docker:0123abcdef01' };
  h.sampler.sockets = [
    ...first,
    { ...outbound(7, app, 40001), ...tags },
    listener(8080, { pid: 7, exe: app, processStart: 700, localAddress: '0.0.0.0', inode: 8080, ...tags }),
  ];
  await h.settle();
  const byKind = new Map(h.raised.map((a) => [a.kind, a.message]));
  assert.match(
    byKind.get('new-program') ?? '',
    /\(pid 7, user alice, in docker:0123abcdef01, netns web-ns\) connected/,
  );
  assert.match(
    byKind.get('new-listener') ?? '',
    /\(in docker:0123abcdef01, netns web-ns\) listens on tcp 0\.0\.0\.0:8080/,
  );

  // Untagged (the app's own core): the line is as before, nothing invented.
  const plain = tree.binary('plain', 'plain');
  tree.process(9, plain);
  h.sampler.sockets = [...first, outbound(9, plain, 40002)];
  await h.settle();
  const untagged = h.raised.find((a) => a.kind === 'new-program' && a.message.includes('plain'));
  assert.ok(untagged && !/netns|in docker/.test(untagged.message), untagged?.message);
});
