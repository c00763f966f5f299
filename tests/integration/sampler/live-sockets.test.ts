// The Linux sampler on the live machine: child processes the test starts hold real loopback
// sockets (listening v4/v6/dual-stack, established both ways, UDP bound and connected), and the
// sampler must report each with the addresses Node reported, the state and owner `ss` shows, and
// the child's pid, exe and start time.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Snapshot, SocketRow } from '../../../shared/model';
import { createLinuxSampler } from '../../../electron/core/sampler/linux/linux-sampler';
import { startSocketChildren, type SocketChildren } from './socket-children';
import { endpointKey, runSs } from './ss-oracle';

const EXPECTED_STATE = {
  'tcp-listen': 'LISTEN',
  'tcp-accepted': 'ESTABLISHED',
  'tcp-connected': 'ESTABLISHED',
  'udp-bound': null,
  'udp-connected': 'ESTABLISHED',
} as const;

describe('linux sampler on live loopback sockets', () => {
  let children: SocketChildren;
  let startedAt: number;
  let cold: Snapshot;
  let steady: Snapshot;
  const sampler = createLinuxSampler();

  before(async () => {
    startedAt = Date.now();
    children = await startSocketChildren();
    cold = await sampler.sample();
    steady = await sampler.sample();
  });
  after(() => children?.close());

  for (const which of ['cold', 'steady'] as const) {
    it(`${which}: reports every socket a child holds as Node saw it, with pid, exe and start`, () => {
      const snapshot = which === 'cold' ? cold : steady;
      const exe = fs.realpathSync(process.execPath);
      for (const child of [children.server, children.client]) {
        assert.ok(child.sockets.length >= 4);
        for (const socket of child.sockets) {
          const proto = socket.kind.startsWith('udp') ? 'udp' : 'tcp';
          const row = snapshot.sockets.find(
            (s: SocketRow) =>
              s.proto === proto &&
              s.localAddress === socket.localAddress &&
              s.localPort === socket.localPort &&
              (socket.remotePort === null ||
                (s.remoteAddress === socket.remoteAddress && s.remotePort === socket.remotePort)),
          );
          const what = `${socket.kind} ${socket.localAddress}:${socket.localPort}`;
          assert.ok(row, `missing ${what}`);
          assert.equal(row.state, EXPECTED_STATE[socket.kind], what);
          assert.equal(row.pid, child.pid, what);
          assert.equal(row.process, 'node', what);
          assert.equal(row.exe, exe, what);
          assert.match(row.cmdline ?? '', /socket-child\.ts/);
          assert.equal(row.family, socket.localAddress.includes(':') ? 6 : 4, what);
          assert.ok(row.processStart! >= startedAt - 2000 && row.processStart! <= Date.now() + 2000, what);
          assert.ok(row.inode > 0 && row.uid !== null);
        }
      }
    });
  }

  it('agrees with ss on state and owner for the children sockets', () => {
    const ss = runSs();
    const pids = new Set([children.server.pid, children.client.pid]);
    const ours = new Map(steady.sockets.map((s) => [endpointKey(s), s]));
    const theirs = ss.filter((row) => row.pids.some((p) => pids.has(p)));
    assert.ok(theirs.length >= 12, `ss sees the children's sockets (${theirs.length})`);
    for (const expected of theirs) {
      const row = ours.get(endpointKey(expected));
      assert.ok(row, `missing ${endpointKey(expected)}`);
      assert.equal(row.state, expected.state, endpointKey(expected));
      assert.ok(
        expected.pids.includes(row.pid!),
        `${endpointKey(expected)} pid ${row.pid} not in ${expected.pids}`,
      );
    }
  });

  it('keeps the v4-mapped peer of the dual-stack listener as ::ffff:127.0.0.1', () => {
    const mapped = steady.sockets.filter(
      (s) => s.pid === children.server.pid && s.localAddress === '::ffff:127.0.0.1',
    );
    assert.equal(mapped.length, 1);
    assert.equal(mapped[0]!.remoteAddress, '::ffff:127.0.0.1');
    assert.equal(mapped[0]!.family, 6);
  });

  it('reads /proc/net past its first short read: 150 more connections all show up', async () => {
    const server = net.createServer((s) => held.push(s));
    const held: net.Socket[] = [];
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      for (let i = 0; i < 150; i++) {
        await new Promise<void>((resolve, reject) => {
          const socket = net.connect(port, '127.0.0.1', () => resolve());
          socket.once('error', reject);
          held.push(socket);
        });
      }
      while (held.length < 300) await new Promise((r) => setTimeout(r, 10));
      const snapshot = await sampler.sample();
      const mine = snapshot.sockets.filter(
        (s) =>
          s.pid === process.pid &&
          (s.localPort === port || s.remotePort === port) &&
          s.state === 'ESTABLISHED',
      );
      assert.equal(mine.length, 300);
      assert.ok(fs.readFileSync('/proc/net/tcp').length > 4096 * 3, 'the file spans several reads');
    } finally {
      for (const s of held) s.destroy();
      server.close();
    }
  });
});
