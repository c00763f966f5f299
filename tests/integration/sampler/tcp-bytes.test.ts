// TCP byte counters on the live machine, against what the test's own programs wrote and read: a
// bulk transfer on loopback (sock_diag addon and the ss fallback), one of more than 4 GiB (counters
// past 32 bits), and one across a veth pair into a network namespace the test creates and removes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it, type TestContext } from 'node:test';
import { createLinuxSampler } from '../../../electron/core/sampler/linux/linux-sampler';
import type { SocketRow } from '../../../shared/model';
import { near, startTransfer, type TransferEnd } from './bulk-transfer';

const MiB = 2 ** 20;

function rowOf(rows: SocketRow[], end: TransferEnd): SocketRow | undefined {
  return rows.find(
    (r) =>
      r.proto === 'tcp' &&
      r.localPort === end.localPort &&
      r.remotePort === end.remotePort &&
      r.localAddress.endsWith(end.localAddress),
  );
}

function assertCounts(row: SocketRow | undefined, end: TransferEnd, what: string): void {
  assert.ok(row, `${what}: no row for ${end.localAddress}:${end.localPort}`);
  assert.ok(
    near(row.bytesSent, end.written),
    `${what}: sent ${row.bytesSent}, the program wrote ${end.written}`,
  );
  assert.ok(
    near(row.bytesReceived, end.read),
    `${what}: received ${row.bytesReceived}, the program read ${end.read}`,
  );
}

/** Samples until the ss reader's background run has landed (it runs at its own lower rate). */
async function sampleWithCounts(sampler: ReturnType<typeof createLinuxSampler>, end: TransferEnd) {
  for (let i = 0; i < 50; i++) {
    const snap = await sampler.sample();
    if (rowOf(snap.sockets, end)?.bytesSent != null) return snap;
    await new Promise((r) => setTimeout(r, 100));
  }
  return sampler.sample();
}

describe('TCP byte counters on live sockets', () => {
  for (const method of ['sock-diag', 'ss'] as const) {
    it(`${method}: a bulk transfer on loopback, both ends within 10% of what they wrote and read`, async (t) => {
      const transfer = startTransfer(t, ['pair', String(64 * MiB), String(8 * MiB)]);
      const ends = (await transfer.next(60_000)) as TransferEnd[];
      const sampler = createLinuxSampler({ tcpBytes: { method, ssIntervalMs: 50 } });
      t.after(() => sampler.close());
      const snap = await sampleWithCounts(sampler, ends[0]!);
      assert.equal(snap.byteCounters, method);
      for (const end of ends) assertCounts(rowOf(snap.sockets, end), end, `${method} ${end.role}`);
      const udp = snap.sockets.find((r) => r.proto === 'udp');
      if (udp) assert.equal(udp.bytesSent, null, 'UDP without kernel events: unknown, not 0');
    });
  }

  it('a connection that moves more than 4 GiB: counters past 32 bits', { timeout: 180_000 }, async (t) => {
    const size = 4 * 2 ** 30 + 300 * MiB;
    const transfer = startTransfer(t, ['pair', String(size), '0']);
    const ends = (await transfer.next(170_000)) as TransferEnd[];
    const sampler = createLinuxSampler({ tcpBytes: { method: 'sock-diag' } });
    t.after(() => sampler.close());
    const snap = await sampler.sample();
    const client = ends.find((e) => e.role === 'client')!;
    const server = ends.find((e) => e.role === 'server')!;
    assert.equal(client.written, size);
    assertCounts(rowOf(snap.sockets, client), client, 'client');
    assertCounts(rowOf(snap.sockets, server), server, 'server');
    assert.ok(rowOf(snap.sockets, client)!.bytesSent! > 2 ** 32);
  });

  const canNetns = process.geteuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0;
  it(
    'across a veth pair into a network namespace',
    { skip: canNetns ? false : 'needs root and ip netns' },
    async (t: TestContext) => {
      const tag = `${process.pid % 100000}`;
      const ns = `nwtb${tag}`;
      const net = 10 + (process.pid % 200);
      const [host, inside] = [`10.201.${net}.1`, `10.201.${net}.2`];
      const ip = (args: string[]): void => {
        const r = spawnSync('ip', args, { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
      };
      ip(['netns', 'add', ns]);
      t.after(() => spawnSync('ip', ['netns', 'del', ns]));
      ip(['link', 'add', `nwth${tag}`, 'type', 'veth', 'peer', 'name', `nwtn${tag}`, 'netns', ns]);
      t.after(() => spawnSync('ip', ['link', 'del', `nwth${tag}`]));
      ip(['addr', 'add', `${host}/30`, 'dev', `nwth${tag}`]);
      ip(['link', 'set', `nwth${tag}`, 'up']);
      ip(['-n', ns, 'addr', 'add', `${inside}/30`, 'dev', `nwtn${tag}`]);
      ip(['-n', ns, 'link', 'set', `nwtn${tag}`, 'up']);

      const server = startTransfer(t, ['serve', inside, String(24 * MiB), String(3 * MiB)], ns);
      const { port } = (await server.next()) as { port: number };
      const client = startTransfer(t, ['connect', inside, String(port), String(24 * MiB), String(3 * MiB)]);
      const [end] = (await client.next(60_000)) as TransferEnd[];
      const sampler = createLinuxSampler({ tcpBytes: { method: 'sock-diag' } });
      t.after(() => sampler.close());
      const snap = await sampler.sample();
      assertCounts(rowOf(snap.sockets, end!), end!, 'client on the host side');
    },
  );
});
