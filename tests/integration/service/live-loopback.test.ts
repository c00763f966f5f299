import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { LiveDelta } from '../../../shared/contract';
import type { LiveConnection } from '../../../shared/model';
import { createService } from '../../../electron/core/service';

const once = <T>(emitter: NodeJS.EventEmitter, event: string): Promise<T> =>
  new Promise((resolve) => emitter.once(event, resolve));

test('live loopback sockets flow through the real sampler into the history and out as deltas', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netwatch-service-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const service = await createService({
    dbPath: path.join(dir, 'netwatch.db'),
    autoStart: false,
    onNotice: () => undefined,
  });
  t.after(() => service.close());
  const deltas: LiveDelta[] = [];
  service.subscribe((name, payload) => {
    if (name === 'live.onDelta') deltas.push(payload as LiveDelta);
  });

  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const serverPort = (server.address() as net.AddressInfo).port;
  const accepted = once<net.Socket>(server, 'connection');
  const client = net.connect(serverPort, '127.0.0.1');
  await once(client, 'connect');
  const serverSide = await accepted;
  serverSide.on('error', () => undefined); // the reset below is expected
  const clientPort = client.localPort!;
  const udp = dgram.createSocket('udp4');
  udp.bind(0, '127.0.0.1');
  await once(udp, 'listening');
  const udpPort = udp.address().port;

  await service.tick();
  const opened = deltas.flatMap((d) => d.opened);
  const find = (p: (c: LiveConnection) => boolean): LiveConnection => {
    const found = opened.find(p);
    assert.ok(found, 'connection seen');
    return found;
  };
  const listening = find((c) => c.proto === 'tcp' && c.localPort === serverPort && c.state === 'LISTEN');
  const outbound = find(
    (c) => c.proto === 'tcp' && c.localPort === clientPort && c.remotePort === serverPort,
  );
  const inbound = find((c) => c.proto === 'tcp' && c.localPort === serverPort && c.remotePort === clientPort);
  const udpListener = find((c) => c.proto === 'udp' && c.localPort === udpPort);
  assert.deepEqual(
    [listening.direction, outbound.direction, inbound.direction, udpListener.direction],
    ['listen', 'outbound', 'inbound', 'listen'],
  );
  for (const c of [listening, outbound, inbound, udpListener]) assert.equal(c.pid, process.pid);

  // The program: node, hashed off the sampling path; sighted on a later tick.
  await service.context.monitor.hasher.idle();
  const second = await service.tick();
  assert.ok(second);
  const exe = realpathSync('/proc/self/exe');
  const sighting = second.programs.find((s) => s.program.exe === exe);
  assert.ok(sighting, `program ${exe} sighted`);
  assert.equal(sighting.program.sha256, execFileSync('sha256sum', [exe], { encoding: 'utf8' }).split(' ')[0]);
  assert.equal(sighting.baseline, true, 'running at the first start of a fresh database');
  const programId = sighting.program.id;
  assert.ok(
    second.changed.some((c) => c.connection.key === outbound.key && c.connection.programId === programId),
  );

  // Close with a reset so neither side lingers in TIME_WAIT; then the connections close.
  client.resetAndDestroy();
  await once(serverSide, 'close');
  server.close();
  udp.close();
  await once(server, 'close');
  const third = await service.tick();
  assert.ok(third);
  const closedKeys = new Set(third.closed.map((c) => c.connection.key));
  for (const c of [listening, outbound, inbound, udpListener])
    assert.ok(closedKeys.has(c.key), `${c.key} closed`);

  // Another suite's socket may hold the same port number at its other end: only this process's.
  const rows = (
    await service.handlers.history.query({ filter: { port: serverPort, proto: 'tcp' } })
  ).rows.filter((r) => r.pid === process.pid);
  assert.equal(rows.length, 3, JSON.stringify(rows));
  for (const row of rows) {
    assert.ok(row.closedAt !== null && row.closedAt >= row.firstSeen);
    assert.equal(row.programId, programId);
    assert.equal(row.exe, exe);
    assert.equal(row.pid, process.pid);
  }
  const programs = await service.handlers.programs.list({});
  const node = programs.find((p) => p.id === programId);
  assert.ok(node && node.connectionsTotal >= 4);
  const detail = await service.handlers.programs.get({ id: programId });
  assert.ok(detail && detail.recent.length >= 4);
  const live = await service.handlers.live.snapshot({});
  assert.equal(live.tick, 3);
  assert.ok(!live.connections.some((c) => c.localPort === serverPort));
});

// A connection this process closes first lingers in TIME_WAIT, where the kernel no longer names its
// owner. Its history row must still say whose it was: the pid and program Node itself reports.
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
  // The client closes first: its end goes to TIME_WAIT, owned by no process as the kernel tells.
  client.end();
  await once(client, 'close');
  const ss = () => execFileSync('ss', ['-Htanp', 'sport', `= :${clientPort}`], { encoding: 'utf8' });
  for (let i = 0; i < 50 && !ss().includes('TIME-WAIT'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(ss(), /TIME-WAIT/, 'ss sees the client end in TIME_WAIT');
  await service.tick();

  const live = service.context.monitor
    .liveConnections()
    .find((c) => c.localPort === clientPort && c.remotePort === serverPort);
  assert.equal(live?.state, 'TIME_WAIT');
  assert.doesNotMatch(ss(), /users:/, 'the kernel names no owner in TIME_WAIT');
  assert.equal(live?.pid, process.pid, 'the connection keeps the program it had');

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
