// The browser's link to `netwatch serve`, over a real WebSocket server on loopback: calls are
// answered by id, events reach their listeners, calls made while down wait for the link, a lost
// link comes back by itself and says so (a new generation, so views re-query).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createSocketLink, type RpcLink } from '../../../../renderer/src/api/socket-link';

// The link uses the browser's WebSocket; ws implements the same interface for Node 20.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

interface Server {
  url: string;
  port: number;
  wss: WebSocketServer;
  close(): Promise<void>;
}

function serve(port = 0): Promise<Server> {
  return new Promise((resolve) => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port }, () => {
      const p = (wss.address() as AddressInfo).port;
      resolve({
        url: `ws://127.0.0.1:${p}/api?token=t`,
        port: p,
        wss,
        close: () =>
          new Promise<void>((done) => {
            for (const c of wss.clients) c.terminate();
            wss.close(() => done());
          }),
      });
    });
    // Answers "echo.value" with its input, "fail.now" with an error, and ignores "never.answer".
    wss.on('connection', (ws) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { id: number; method: string; input: unknown };
        if (frame.method === 'echo.value')
          ws.send(JSON.stringify({ type: 'result', id: frame.id, ok: true, value: frame.input }));
        if (frame.method === 'fail.now') {
          ws.send(
            JSON.stringify({
              type: 'result',
              id: frame.id,
              ok: false,
              error: { code: 'failed', message: 'it broke' },
            }),
          );
        }
      });
    });
  });
}

const waitFor = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const links: RpcLink[] = [];
after(() => links.forEach((l) => l.close()));

test('calls resolve with their result, failures reject with the server’s message', async () => {
  const server = await serve();
  const link = createSocketLink(server.url);
  links.push(link);
  assert.deepEqual(await link.call('echo.value', { a: 1 }), { a: 1 });
  await assert.rejects(link.call('fail.now', {}), /it broke/);
  assert.equal(link.get().state, 'open');
  assert.equal(link.get().generation, 1);
  link.close();
  await server.close();
});

test('events reach their listeners until they unsubscribe; junk frames are ignored', async () => {
  const server = await serve();
  const link = createSocketLink(server.url);
  links.push(link);
  await waitFor(() => link.get().state === 'open', 'open');
  const got: unknown[] = [];
  const stop = link.on('live.onDelta', (p) => got.push(p));
  for (const ws of server.wss.clients) {
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'event', name: 'live.onDelta', payload: { tick: 1 } }));
    ws.send(JSON.stringify({ type: 'event', name: 'other.event', payload: 2 }));
  }
  await waitFor(() => got.length === 1, 'the event');
  stop();
  for (const ws of server.wss.clients)
    ws.send(JSON.stringify({ type: 'event', name: 'live.onDelta', payload: { tick: 2 } }));
  assert.deepEqual(await link.call('echo.value', 1), 1); // a round trip after the event
  assert.deepEqual(got, [{ tick: 1 }]);
  link.close();
  await server.close();
});

test('a dropped link reconnects with a new generation; calls made while down wait for it', async () => {
  const first = await serve();
  const port = first.port;
  const link = createSocketLink(first.url);
  links.push(link);
  await waitFor(() => link.get().state === 'open', 'open');
  const states: string[] = [];
  link.subscribe(() => states.push(link.get().state));

  await first.close();
  await waitFor(() => link.get().state === 'closed', 'closed');
  assert.match(link.get().problem ?? '', /Cannot reach netwatch/);
  const waiting = link.call('echo.value', 'queued');

  const second = await serve(port);
  await waitFor(() => link.get().state === 'open', 'reopened');
  assert.equal(link.get().generation, 2);
  assert.equal(await waiting, 'queued');
  assert.ok(states.includes('closed') && states.at(-1) === 'open', states.join(','));
  link.close();
  await second.close();
});

test('calls in flight when the link drops fail at once rather than hang', async () => {
  const server = await serve();
  const link = createSocketLink(server.url);
  links.push(link);
  await waitFor(() => link.get().state === 'open', 'open');
  const pending = link.call('never.answer', {});
  await new Promise((r) => setTimeout(r, 50));
  await server.close();
  await assert.rejects(pending, /lost/);
  link.close();
});
