// The contract over a real WebSocket on 127.0.0.1: calls and results, every refusal as an error
// frame (unknown method, invalid input, malformed and binary frames), oversized frames closed,
// events to every client, and a client that stops reading closed instead of buffered for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startWebServer } from '../../../electron/web/web-server';
import { MAX_FRAME_BYTES } from '../../../shared/wire';
import { createPlainCore, sampleAlert } from './plain-core';
import { openSocket } from './socket-client';

async function withServer(
  run: (
    ctx: Awaited<ReturnType<typeof startWebServer>>,
    core: ReturnType<typeof createPlainCore>,
  ) => Promise<void>,
  options: Partial<Parameters<typeof startWebServer>[0]> = {},
  core = createPlainCore(),
): Promise<void> {
  const server = await startWebServer({ core, rendererDir: null, ...options });
  try {
    await run(server, core);
  } finally {
    await server.close();
  }
}

test('a call gets its result; the input reaches the core parsed', async () => {
  await withServer(async (server, core) => {
    const s = await openSocket(server.port, server.token);
    const status = await s.call(1, 'status.get', {});
    assert.equal(status.ok, true);
    assert.equal((status.value as { platform: string }).platform, 'linux');
    const acked = await s.call(2, 'alerts.ack', { id: 1 });
    assert.deepEqual(acked, { type: 'result', id: 2, ok: true, value: true });
    assert.deepEqual(core.calls.at(-1), { method: 'alerts.ack', input: { id: 1 } });
    // No input at all means "no arguments".
    assert.equal((await s.call(3, 'programs.list')).ok, true);
    s.ws.close();
  });
});

test('unknown methods, invalid inputs and malformed frames get error frames and the socket keeps serving', async () => {
  await withServer(async (server, core) => {
    const s = await openSocket(server.port, server.token);
    const expectBad = (frame: Record<string, unknown>, pattern: RegExp) => {
      assert.equal(frame.ok, false);
      const error = frame.error as { code: string; message: string };
      assert.equal(error.code, 'bad-request');
      assert.match(error.message, pattern);
    };
    expectBad(await s.call(1, 'nope.nothing', {}), /unknown method/);
    expectBad(await s.call(2, '__proto__', {}), /unknown method/);
    expectBad(await s.call(3, 'live.onDelta', {}), /unknown method/);
    expectBad(await s.call(4, 'alerts.ack', { id: '1' }), /invalid input for alerts\.ack: id/);
    expectBad(await s.call(5, 'alerts.ack', { id: 1, extra: true }), /invalid input/);
    expectBad(await s.call(6, 'settings.set', { sampleIntervalMs: 1 }), /sampleIntervalMs/);
    expectBad(await s.call(7, 'history.query', 'not an object'), /invalid input/);

    s.ws.send('{not json');
    expectBad(await s.next((f) => f.type === 'result' && f.id === null), /not JSON/);
    s.ws.send('[1,2,3]');
    expectBad(await s.next((f) => f.type === 'result' && f.id === null), /not an object/);
    s.ws.send(JSON.stringify({ type: 'call', id: 8 }));
    expectBad(await s.next((f) => f.id === 8), /method/);
    s.ws.send(JSON.stringify({ type: 'hello', id: 9, method: 'status.get' }));
    expectBad(await s.next((f) => f.id === 9), /type/);
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expectBad(await s.next((f) => f.type === 'result' && f.id === null), /binary/);

    assert.equal(
      core.calls.filter((c) => c.method === 'alerts.ack').length,
      0,
      'invalid inputs never reach the core',
    );
    assert.equal((await s.call(10, 'status.get', {})).ok, true);
    s.ws.close();
  });
});

test('a handler that throws is a "failed" result, not a crash', async () => {
  const core = createPlainCore((h) => {
    h.programs.get = async () => {
      throw new Error('database is locked');
    };
  });
  await withServer(
    async (server) => {
      const s = await openSocket(server.port, server.token);
      const frame = await s.call(1, 'programs.get', { id: 5 });
      assert.deepEqual(frame.error, { code: 'failed', message: 'database is locked' });
      assert.equal((await s.call(2, 'status.get', {})).ok, true);
      s.ws.close();
    },
    {},
    core,
  );
});

test('an oversized frame closes that socket (1009); the server keeps serving others', async () => {
  await withServer(async (server) => {
    const big = await openSocket(server.port, server.token);
    big.ws.send(
      JSON.stringify({
        type: 'call',
        id: 1,
        method: 'status.get',
        input: { pad: 'x'.repeat(MAX_FRAME_BYTES) },
      }),
    );
    const closed = await big.closed;
    assert.equal(closed.code, 1009);
    const other = await openSocket(server.port, server.token);
    assert.equal((await other.call(1, 'status.get', {})).ok, true);
    other.ws.close();
  });
});

test('events reach every connected client', async () => {
  await withServer(async (server, core) => {
    const a = await openSocket(server.port, server.token);
    const b = await openSocket(server.port, server.token);
    core.emit('alerts.onRaised', sampleAlert(42, 'curl connected to 93.184.216.34:443'));
    for (const s of [a, b]) {
      const frame = await s.next((f) => f.type === 'event');
      assert.equal(frame.name, 'alerts.onRaised');
      assert.equal((frame.payload as { id: number }).id, 42);
    }
    a.ws.close();
    b.ws.close();
  });
});

test('calls beyond the in-flight limit are refused until results come back', async () => {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const core = createPlainCore((h) => {
    h.network.routes = async () => {
      await gate;
      return [];
    };
  });
  await withServer(
    async (server) => {
      const s = await openSocket(server.port, server.token);
      for (const id of [1, 2, 3])
        s.ws.send(JSON.stringify({ type: 'call', id, method: 'network.routes', input: {} }));
      const third = await s.next((f) => f.id === 3);
      assert.match((third.error as { message: string }).message, /too many calls in flight/);
      release();
      assert.equal((await s.next((f) => f.id === 1)).ok, true);
      assert.equal((await s.next((f) => f.id === 2)).ok, true);
      assert.equal((await s.call(4, 'network.routes', {})).ok, true);
      s.ws.close();
    },
    { limits: { maxInFlight: 2 } },
    core,
  );
});

test('a client that stops reading is closed once it is too far behind; a reading client is not', async () => {
  await withServer(
    async (server, core) => {
      const reader = await openSocket(server.port, server.token);
      // A raw client that completes the handshake and then never reads again.
      const stalled = net.connect(server.port, '127.0.0.1');
      await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
      stalled.write(
        `GET /api?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: Upgrade\r\n` +
          'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\n\r\n',
      );
      await new Promise<void>((resolve) => stalled.once('data', () => resolve()));
      stalled.pause();
      assert.equal(server.clientCount(), 2);

      const payload = sampleAlert(1, 'x'.repeat(200_000));
      let sent = 0;
      // Bounded: at most 400 events of 200 kB (80 MB in total) are ever offered.
      while (server.clientCount() === 2 && sent < 400) {
        core.emit('alerts.onRaised', payload);
        sent += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal(server.clientCount(), 1, `stalled client still connected after ${sent} events`);
      // The reading client got events and is still served.
      await reader.next((f) => f.type === 'event');
      assert.equal((await reader.call(1, 'status.get', {})).ok, true);
      reader.ws.close();
      stalled.destroy();
    },
    { limits: { maxBufferedBytes: 1_000_000 } },
  );
});

test('closing the server closes its clients with 1001', async () => {
  const server = await startWebServer({ core: createPlainCore(), rendererDir: null });
  const s = await openSocket(server.port, server.token);
  await server.close();
  assert.equal((await s.closed).code, 1001);
});
