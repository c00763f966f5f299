// Bytes with the kernel event feed on (real bpftrace, root): a TCP connection that lived 50 ms,
// never seen by a poll, carries the counts of its close line; a polled connection that moved
// more after its last reading and closed before the next one keeps its final counts. Oracle: the
// bytes the test's own loopback server read and wrote.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { near } from '../bulk-transfer';
import { run, startEventsRigOn, type EventsRig } from './events-service';

const KiB = 1024;

/** A loopback server that reads all a client sends and answers `reply` bytes at once. */
async function countingServer(reply: number) {
  const ends: { port: number; read: number; written: number }[] = [];
  const server = net.createServer((socket) => {
    const end = { port: socket.remotePort!, read: 0, written: reply };
    ends.push(end);
    socket.on('error', () => undefined);
    socket.on('data', (d: Buffer) => (end.read += d.length));
    socket.on('end', () => socket.end());
    if (reply > 0) socket.write(Buffer.alloc(reply, 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, ends, close: () => server.close() };
}

describe('kernel events: bytes', () => {
  let rig: EventsRig;
  before(async () => {
    rig = await startEventsRigOn();
  });
  after(() => rig.close());

  it('a TCP connection that lived 50 ms has its bytes in the history', async (t) => {
    const server = await countingServer(64 * KiB);
    t.after(() => server.close());
    // Sends 200 KiB, reads the reply, holds 50 ms, closes: all between two ticks.
    const script = `const s=require('net').connect(${server.port},'127.0.0.1',()=>{s.write(Buffer.alloc(${200 * KiB}));});
      let got=0;s.on('data',d=>{got+=d.length;if(got>=${64 * KiB})setTimeout(()=>s.end(),50);});s.on('close',()=>process.exit(0));`;
    await run(process.execPath, ['-e', script]);
    await new Promise((r) => setTimeout(r, 100));
    await rig.settle();
    assert.equal(server.ends.length, 1);
    const end = server.ends[0]!;
    const row = (await rig.history()).find((r) => r.remotePort === server.port && r.localPort === end.port);
    assert.ok(row, 'the short connection is a history row');
    assert.ok(near(row.bytesSent, end.read), `sent ${row.bytesSent}, the server read ${end.read}`);
    assert.ok(
      near(row.bytesReceived, end.written),
      `received ${row.bytesReceived}, the server wrote ${end.written}`,
    );
  });

  it('a polled connection that moved more before it closed keeps its final counts', async (t) => {
    const server = await countingServer(0);
    t.after(() => server.close());
    const client = net.connect(server.port, '127.0.0.1');
    await new Promise((r) => client.once('connect', r));
    const localPort = client.localPort;
    await rig.service.tick(); // read once: nothing moved yet
    const size = 8 * 1024 * KiB;
    client.write(Buffer.alloc(size));
    const end = server.ends[0]!;
    for (let i = 0; i < 100 && end.read < size; i++) await new Promise((r) => setTimeout(r, 20));
    client.end();
    await new Promise((r) => client.once('close', r));
    await rig.settle();
    const row = (await rig.history()).find((r) => r.remotePort === server.port && r.localPort === localPort);
    assert.ok(row, 'history row');
    assert.equal(end.read, size);
    assert.ok(near(row.bytesSent, size), `sent ${row.bytesSent}, the server read ${size}`);
  });
});
