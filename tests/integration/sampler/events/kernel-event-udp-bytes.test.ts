// UDP bytes with the kernel event feed on (real bpftrace, root): several MB in many datagrams, from
// an unconnected sendto() socket and from a connected one, land on the polled rows of the sending
// and the receiving socket within 10%, live and in history. Oracle: the bytes the test's own
// sockets report having sent (send callbacks) and received (message events).
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import { createLinuxSampler } from '../../../../electron/core/sampler/linux/linux-sampler';
import { near } from '../bulk-transfer';
import { startEventsRigOn, type EventsRig } from './events-service';

const DATAGRAMS = 4000;
const SIZE = 1200;

function bound(socket: dgram.Socket): Promise<number> {
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)));
}

/** Sends DATAGRAMS of SIZE, a few in flight at a time so the receiver keeps up; bytes sent. */
async function sendAll(sender: dgram.Socket, port: number | null): Promise<number> {
  let sent = 0;
  const payload = Buffer.alloc(SIZE, 7);
  for (let i = 0; i < DATAGRAMS; i += 8) {
    await Promise.all(
      Array.from(
        { length: 8 },
        () =>
          new Promise<void>((resolve, reject) => {
            const done = (err: Error | null): void => {
              if (err) reject(err);
              else {
                sent += SIZE;
                resolve();
              }
            };
            if (port === null) sender.send(payload, done);
            else sender.send(payload, port, '127.0.0.1', done);
          }),
      ),
    );
    await new Promise((r) => setImmediate(r)); // the receiver reads in between
  }
  return sent;
}

describe('kernel events: UDP bytes', () => {
  let rig: EventsRig;
  before(async () => {
    rig = await startEventsRigOn();
  });
  after(() => rig.close());

  for (const mode of ['sendto', 'connected'] as const) {
    it(`a ${mode} UDP transfer of ${(DATAGRAMS * SIZE) / 1e6} MB is counted on both sockets`, async () => {
      const receiver = dgram.createSocket('udp4');
      const sender = dgram.createSocket('udp4');
      let received = 0;
      receiver.on('message', (m) => (received += m.length));
      const recvPort = await bound(receiver);
      receiver.setRecvBufferSize(8 << 20);
      const sendPort = await bound(sender);
      if (mode === 'connected') await new Promise<void>((r) => sender.connect(recvPort, '127.0.0.1', r));
      await rig.service.tick(); // both polled before they move anything
      const sent = await sendAll(sender, mode === 'connected' ? null : recvPort);
      await new Promise((r) => setTimeout(r, 300));
      await rig.service.tick();
      assert.ok(received > sent / 2, `the receiver got ${received} of ${sent}`);
      const live = rig.service.context.monitor.liveConnections();
      const out = live.find((c) => c.proto === 'udp' && c.localPort === sendPort);
      const inn = live.find((c) => c.proto === 'udp' && c.localPort === recvPort);
      assert.ok(out && inn, 'both sockets are live rows');
      assert.ok(near(out.bytesSent, sent), `sender row sent ${out.bytesSent}, the socket sent ${sent}`);
      assert.ok(
        near(inn.bytesReceived, received),
        `receiver row received ${inn.bytesReceived}, the socket received ${received}`,
      );
      receiver.close();
      sender.close();
      await rig.settle();
      const rows = await rig.history();
      const row = rows.find(
        (r) =>
          r.proto === 'udp' &&
          r.localPort === sendPort &&
          r.remotePort === (mode === 'connected' ? recvPort : 0),
      );
      assert.ok(row, 'the sender has a history row with bytes');
      assert.ok(near(row.bytesSent, sent), `history sent ${row.bytesSent}, the socket sent ${sent}`);
    });
  }
});

describe('UDP bytes without kernel events', () => {
  it('are unknown (null), never 0, on both sockets after a transfer', async (t) => {
    const sampler = createLinuxSampler({ events: false });
    const receiver = dgram.createSocket('udp4');
    const sender = dgram.createSocket('udp4');
    t.after(() => {
      receiver.close();
      sender.close();
      void sampler.close();
    });
    const recvPort = await bound(receiver);
    const sendPort = await bound(sender);
    await new Promise<void>((resolve) =>
      sender.send(Buffer.alloc(SIZE), recvPort, '127.0.0.1', () => resolve()),
    );
    const rows = (await sampler.sample()).sockets.filter(
      (r) => r.proto === 'udp' && (r.localPort === sendPort || r.localPort === recvPort),
    );
    assert.equal(rows.length, 2, 'both sockets polled');
    for (const r of rows) assert.deepEqual([r.bytesSent, r.bytesReceived], [null, null]);
  });
});
