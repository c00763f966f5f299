// The TCP rows of the sock_diag dump (what the sampler uses in place of /proc/net/tcp and tcp6)
// against the kernel's other account of the same sockets, /proc/net/tcp{,6} read in the same
// moment: listeners, connections both ways and a TIME_WAIT remnant, IPv4, IPv6 and v4-mapped,
// with the addresses and ports Node reported for them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { loadSockDiag } from '../../../electron/core/sampler/linux/tcp-bytes/sock-diag-addon';
import { appendTcpDump } from '../../../electron/core/sampler/linux/tcp-bytes/tcp-socket-dump';
import { parseProcNet, type ProcNetRow } from '../../../electron/core/sampler/linux/proc-net-parser';

const addon = loadSockDiag();

function listen(t: TestContext, host: string): Promise<net.Server> {
  const server = net.createServer((socket) => socket.on('error', () => {}));
  t.after(() => server.close());
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}

function connect(t: TestContext, host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () => resolve(socket));
    socket.on('error', reject);
    t.after(() => socket.destroy());
  });
}

const key = (r: ProcNetRow): string =>
  `${r.family} ${r.localAddress}:${r.localPort}>${r.remoteAddress}:${r.remotePort} ${r.state} uid ${r.uid} inode ${r.inode} q ${r.recvQ}/${r.sendQ}`;

describe('TCP rows from the sock_diag dump', { skip: typeof addon === 'string' ? addon : false }, () => {
  it('are the rows /proc/net/tcp and tcp6 give for the same sockets', async (t) => {
    const dump = addon as Exclude<typeof addon, string>;
    const v4 = await listen(t, '127.0.0.1');
    const v6 = await listen(t, '::1');
    const dual = await listen(t, '::');
    const ports = new Set<number>();
    for (const server of [v4, v6, dual]) ports.add((server.address() as net.AddressInfo).port);
    const clients = [
      await connect(t, '127.0.0.1', (v4.address() as net.AddressInfo).port),
      await connect(t, '::1', (v6.address() as net.AddressInfo).port),
      await connect(t, '127.0.0.1', (dual.address() as net.AddressInfo).port), // v4-mapped accepted end
    ];
    for (const c of clients) ports.add(c.localPort!);
    // The client closes first: its end stays in TIME_WAIT (inode 0).
    const closing = await connect(t, '127.0.0.1', (v4.address() as net.AddressInfo).port);
    ports.add(closing.localPort!);
    await new Promise<void>((resolve) => {
      closing.end();
      closing.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 200));

    // Both ends ours: other tests' sockets may share one port (a remnant of an earlier connection).
    const ours = (r: ProcNetRow): boolean =>
      ports.has(r.localPort) && (r.state === 'LISTEN' || ports.has(r.remotePort));
    // Read until nothing of ours moved between the two reads (a FIN or an ACK may be in flight).
    for (let attempt = 0; ; attempt++) {
      const fromProc: ProcNetRow[] = [];
      parseProcNet(readFileSync('/proc/net/tcp'), 'tcp', 4, fromProc);
      parseProcNet(readFileSync('/proc/net/tcp6'), 'tcp', 6, fromProc);
      const fromDump: ProcNetRow[] = [];
      const result = appendTcpDump(dump.tcpSockets(), fromDump, 0);
      assert.equal(result.sockets, fromDump.length);
      const expected = fromProc.filter(ours).map(key).sort();
      const actual = fromDump.filter(ours).map(key).sort();
      if (attempt < 5 && actual.join('\n') !== expected.join('\n')) continue;
      assert.deepEqual(actual, expected);
      // 3 listeners, 3 connections with both ends, one TIME_WAIT client end; its server end is gone.
      assert.equal(actual.length, 10, actual.join('\n'));
      assert.ok(actual.some((k) => k.includes('TIME_WAIT') && k.includes('inode 0')));
      assert.ok(
        actual.some((k) => k.startsWith('6 ::ffff:127.0.0.1:')),
        'the v4-mapped accepted end',
      );
      // Every established socket of ours has its counters in the same reading; no listener has any.
      for (const row of fromDump.filter(ours)) {
        const counted = result.counters.sentOf(row.inode) !== null;
        assert.equal(counted, row.state === 'ESTABLISHED', key(row));
      }
      break;
    }
  });
});
