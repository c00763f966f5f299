// The contract over a real Unix socket: calls and results, events pushed to every client, bad
// lines answered (not JSON, unknown method, invalid input, an oversized line drops the client),
// and the Node client's view of a server that goes away and comes back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { attachUnixSocketApi, MAX_CALL_LINE_BYTES } from '../../../electron/transport/unix-socket-api';
import { CollectorAbsentError, connectContractClient } from '../../../electron/transport/unix-socket-client';
import { createPlainCore, sampleAlert } from '../web/plain-core';

async function serve(t: TestContext, file?: string) {
  const socketPath = file ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'netwatch-uds-')), 's.sock');
  if (!file) t.after(() => rmSync(path.dirname(socketPath), { recursive: true, force: true }));
  const core = createPlainCore();
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(socketPath, r));
  const api = attachUnixSocketApi(server, core);
  const stop = () =>
    new Promise<void>((r) => {
      api.close();
      server.close(() => r());
    });
  t.after(stop);
  return { socketPath, core, api, stop };
}

/** A raw client: writes lines, collects the lines it gets back. */
async function raw(socketPath: string) {
  const socket = net.connect(socketPath);
  await new Promise((r) => socket.once('connect', r));
  const lines: unknown[] = [];
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
      lines.push(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
    }
  });
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  const next = async (n: number) => {
    for (let i = 0; i < 100 && lines.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    return lines.slice(0, n);
  };
  return { socket, lines, next, closed };
}

test('calls through the Node client reach the handlers; events reach every client', async (t) => {
  const { socketPath, core } = await serve(t);
  const a = await connectContractClient(socketPath);
  const b = await connectContractClient(socketPath);
  t.after(() => Promise.all([a.close(), b.close()]));
  assert.equal(await a.handlers.alerts.ack({ id: 1 }), true);
  assert.deepEqual(core.calls.at(-1), { method: 'alerts.ack', input: { id: 1 } });
  const got: string[] = [];
  b.subscribe((name, payload) => got.push(`${name}:${(payload as { id: number }).id}`));
  await new Promise((r) => setTimeout(r, 50));
  core.emit('alerts.onRaised', sampleAlert(9));
  for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(got, ['alerts.onRaised:9']);
  await assert.rejects(a.handlers.alerts.ack({ id: -1 } as never), /invalid input for alerts.ack/);
});

test('bad lines get a bad-request answer and the connection stays usable', async (t) => {
  const { socketPath, core } = await serve(t);
  const c = await raw(socketPath);
  t.after(() => c.socket.destroy());
  c.socket.write('not json\n');
  c.socket.write('{"type":"call","id":1,"method":"__proto__","input":{}}\n');
  c.socket.write('{"type":"call","id":2,"method":"alerts.ack","input":{"id":"x"}}\n');
  c.socket.write('{"type":"call","id":3,"method":"alerts.ack","input":{"id":4}}\n');
  const [first, second, third, fourth] = (await c.next(4)) as {
    id: number | null;
    ok: boolean;
    error?: { code: string };
  }[];
  assert.deepEqual([first!.id, first!.ok, first!.error?.code], [null, false, 'bad-request']);
  assert.deepEqual([second!.id, second!.error?.code], [1, 'bad-request']);
  assert.deepEqual([third!.id, third!.error?.code], [2, 'bad-request']);
  assert.deepEqual([fourth!.id, fourth!.ok], [3, true]);
  assert.deepEqual(
    core.calls.map((call) => call.method),
    ['alerts.ack'],
  );
});

test('a line longer than the limit is refused and the client dropped; others go on', async (t) => {
  const { socketPath, api } = await serve(t);
  const c = await raw(socketPath);
  const other = await connectContractClient(socketPath);
  t.after(() => other.close());
  c.socket.write('x'.repeat(MAX_CALL_LINE_BYTES + 10));
  await c.closed;
  assert.match(JSON.stringify(c.lines), /longer than/);
  assert.equal(api.clientCount(), 1);
  assert.equal((await other.handlers.status.get({})).platform, 'linux');
});

test('the client: absent server, then disconnected and back when the server returns', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-uds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const socketPath = path.join(dir, 's.sock');
  await assert.rejects(connectContractClient(socketPath), CollectorAbsentError);
  const first = await serve(t, socketPath);
  const client = await connectContractClient(socketPath, { retryMs: 50 });
  t.after(() => client.close());
  const changes: boolean[] = [];
  client.onConnection((up) => changes.push(up));
  await first.stop();
  for (let i = 0; i < 100 && changes.length < 1; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(changes, [false]);
  await assert.rejects(client.handlers.status.get({}), /disconnected/);
  await serve(t, socketPath);
  for (let i = 0; i < 100 && changes.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(changes, [false, true]);
  assert.equal((await client.handlers.status.get({})).platform, 'linux');
});
