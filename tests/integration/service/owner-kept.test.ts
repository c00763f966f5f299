// A connection this process closes first lingers in TIME_WAIT, where the kernel no longer names its
// owner. Its history row must still say whose it was: the pid and program Node itself reports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createService } from '../../../electron/core/service';

const once = <T>(emitter: NodeJS.EventEmitter, event: string): Promise<T> =>
  new Promise((resolve) => emitter.once(event, resolve));

test('a connection in TIME_WAIT keeps its program in the history', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-owner-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const service = await createService({
    dbPath: path.join(dir, 'netwatch.db'),
    autoStart: false,
    onNotice: () => undefined,
  });
  t.after(() => service.close());

  const server = net.createServer((s) => s.on('error', () => undefined));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const serverPort = (server.address() as net.AddressInfo).port;
  const client = net.connect(serverPort, '127.0.0.1');
  await once(client, 'connect');
  const clientPort = client.localPort!;

  await service.tick();
  await service.context.monitor.hasher.idle();
  await service.tick();
  // The client closes first: its end goes to TIME_WAIT, owned by no process.
  client.end();
  await once(client, 'close');
  const ss = () => execFileSync('ss', ['-Htan', 'sport', `= :${clientPort}`], { encoding: 'utf8' });
  for (let i = 0; i < 50 && !ss().includes('TIME-WAIT'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(ss(), /TIME-WAIT/, 'ss sees the client end in TIME_WAIT');
  await service.tick();

  const live = service.context.monitor
    .liveConnections()
    .find((c) => c.localPort === clientPort && c.remotePort === serverPort);
  assert.equal(live?.state, 'TIME_WAIT');
  assert.equal(live?.pid, null, 'the kernel names no owner in TIME_WAIT');

  const { rows } = await service.handlers.history.query({ filter: { port: clientPort } });
  const row = rows.find((r) => r.localPort === clientPort && r.remotePort === serverPort);
  assert.deepEqual(row && { state: row.state, pid: row.pid, exe: row.exe }, {
    state: 'TIME_WAIT',
    pid: process.pid,
    exe: realpathSync(process.execPath),
  });
  const byProgram = await service.handlers.history.query({
    filter: { program: path.basename(process.execPath), port: clientPort },
  });
  assert.ok(
    byProgram.rows.some((r) => r.id === row!.id),
    'found by its program',
  );
});
