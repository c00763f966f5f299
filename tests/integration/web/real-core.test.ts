// The WebSocket transport end to end against the real core (worker thread, real /proc, a real
// SQLite file): queries answer, and a loopback connection this test opens arrives as a delta and
// leaves as one. The oracle is the ports Node reports for the sockets it opened.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CoreService } from '../../../electron/core/core-service';
import { startCore } from '../../../electron/core/service-host';
import { startWebServer, type WebServer } from '../../../electron/web/web-server';
import type { LiveConnection } from '../../../shared/model';
import { openSocket, type TestSocket } from './socket-client';

const dir = mkdtempSync(path.join(tmpdir(), 'netwatch-real-core-'));
let core: CoreService;
let server: WebServer;
let client: TestSocket;

before(async () => {
  core = await startCore({ dbPath: path.join(dir, 'history.db'), intervalMs: 250, onNotice: () => {} });
  server = await startWebServer({ core, rendererDir: null });
  client = await openSocket(server.port, server.token);
});

after(async () => {
  client?.ws.close();
  await server?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('queries over the socket answer from the real core', async () => {
  const status = await client.call(1, 'status.get', {});
  assert.equal(status.ok, true, JSON.stringify(status));
  const value = status.value as { platform: string; database: { path: string } };
  assert.equal(value.platform, process.platform);
  assert.equal(value.database.path, path.join(dir, 'history.db'));
  const snapshot = await client.call(2, 'live.snapshot', {});
  assert.equal(snapshot.ok, true);
  assert.ok(Array.isArray((snapshot.value as { connections: unknown[] }).connections));
  const bad = await client.call(3, 'history.query', { filter: { port: 'eighty' } });
  assert.equal((bad.error as { code: string }).code, 'bad-request');
});

test('a loopback connection the test opens arrives as a delta, and its close as another', async () => {
  const listener = net.createServer((socket) => socket.on('error', () => {}));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as net.AddressInfo).port;
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const clientPort = socket.localPort!;

  const isOurs = (c: LiveConnection) =>
    c.proto === 'tcp' &&
    c.localPort === clientPort &&
    c.remotePort === port &&
    c.remoteAddress === '127.0.0.1';
  const opened = await client.next(
    (f) =>
      f.type === 'event' &&
      f.name === 'live.onDelta' &&
      (f.payload as { opened: LiveConnection[] }).opened.some(isOurs),
    15_000,
  );
  const row = (opened.payload as { opened: LiveConnection[] }).opened.find(isOurs)!;
  assert.equal(row.state, 'ESTABLISHED');
  assert.equal(row.direction, 'outbound');
  if (row.pid !== null) assert.equal(row.pid, process.pid, 'the owner is this test process');

  socket.destroy();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  await client.next(
    (f) =>
      f.type === 'event' &&
      f.name === 'live.onDelta' &&
      ((f.payload as { closed: string[] }).closed.includes(row.key) ||
        (f.payload as { changed: LiveConnection[] }).changed.some(
          (c) => c.key === row.key && c.state !== 'ESTABLISHED',
        )),
    15_000,
  );
});
