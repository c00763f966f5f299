// The kernel event feed with real bpftrace (root): connections too short for any poll are
// recorded with the program that made them. Oracles: the pids of the processes the test started,
// the paths it copied them to, and the client ports its own loopback server saw.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import { portRecorder, run, startEventsRigOn, type EventsRig } from './events-service';

describe('kernel events through bpftrace', () => {
  let rig: EventsRig;
  before(async () => {
    rig = await startEventsRigOn();
  });
  after(() => rig.close());

  it('records a 5 ms loopback connection with the copied binary that made it', async (t) => {
    const server = await portRecorder(5);
    t.after(() => server.close());
    const exe = rig.copy('/bin/bash', `nw-quick-${process.pid}`);
    const pid = await run(exe, [
      '-c',
      `exec 3<>/dev/tcp/127.0.0.1/${server.port}; read -t 0.005 <&3; exit 0`,
    ]);
    await rig.settle();
    assert.equal(server.clients.length, 1);
    const rows = (await rig.history()).filter(
      (r) => r.remotePort === server.port && r.direction === 'outbound',
    );
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0]!.localPort, server.clients[0]);
    assert.equal(rows[0]!.exe, exe);
    assert.equal(rows[0]!.pid, pid);
    // Closed, or (when bash closed first) the TIME_WAIT remnant, which the same row follows.
    assert.ok(rows[0]!.closedAt !== null || rows[0]!.state === 'TIME_WAIT', JSON.stringify(rows[0]));
  });

  it('records every one of 20 short processes started in a burst with its owner', async (t) => {
    const server = await portRecorder(1);
    t.after(() => server.close());
    const exe = rig.copy('/bin/bash', `nw-burst-${process.pid}`);
    const pids = await Promise.all(
      Array.from({ length: 20 }, () => run(exe, ['-c', `exec 3<>/dev/tcp/127.0.0.1/${server.port}`])),
    );
    await rig.settle();
    assert.equal(server.clients.length, 20);
    const rows = (await rig.history()).filter(
      (r) => r.remotePort === server.port && r.direction === 'outbound',
    );
    assert.deepEqual(rows.map((r) => r.localPort).sort(), [...server.clients].sort());
    const seen = JSON.stringify(rows.map((r) => [r.pid, r.exe, r.localPort, r.state]));
    assert.deepEqual(rows.map((r) => r.pid).sort(), [...pids].sort(), `started ${pids}; rows ${seen}`);
    for (const r of rows) assert.equal(r.exe, exe, seen);
  });

  it('names the copied bash that connected, not the sleep it exec’d into', async (t) => {
    const server = await portRecorder(10_000);
    t.after(() => server.close());
    const exe = rig.copy('/bin/bash', `nw-execer-${process.pid}`);
    const child = spawn(exe, ['-c', `exec 3<>/dev/tcp/127.0.0.1/${server.port}; sleep 3`], {
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    t.after(() => child.kill());
    await new Promise((r) => setTimeout(r, 700)); // bash is sleep by now
    await rig.settle();
    const live = rig.service.context.monitor
      .liveConnections()
      .find((c) => c.remotePort === server.port && c.direction === 'outbound');
    assert.ok(live, 'the connection is live');
    assert.equal(live.exe, exe);
    assert.equal(live.pid, child.pid);
    assert.match(live.heldBy ?? '', /^sleep \(pid \d+\)$/, 'sleep is shown as the later holder');
    const alerts = await rig.alerts();
    assert.ok(
      alerts.some((a) => a.kind === 'new-program' && a.exe === exe),
      JSON.stringify(alerts),
    );
    assert.ok(!alerts.some((a) => a.exe?.endsWith('/sleep')), 'sleep is never blamed');
    await exited;
  });

  it('records a sendto-only UDP client with its destination and raises no listener alert', async (t) => {
    const receiver = dgram.createSocket('udp4');
    await new Promise<void>((r) => receiver.bind(0, '127.0.0.1', r));
    t.after(() => receiver.close());
    const port = receiver.address().port;
    const got = new Promise<dgram.RemoteInfo>((r) => receiver.once('message', (_m, info) => r(info)));
    const script = `const s=require('dgram').createSocket('udp4');s.send('hi',${port},'127.0.0.1');setTimeout(()=>s.close(),1500)`;
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    const from = await got;
    await rig.settle(); // the poll sees the unconnected socket while the client waits
    await exited;
    const rows = (await rig.history()).filter((r) => r.proto === 'udp' && r.pid === child.pid);
    const flow = rows.find((r) => r.remoteAddress === '127.0.0.1' && r.remotePort === port);
    assert.ok(flow, `a row to 127.0.0.1:${port}: ${JSON.stringify(rows)}`);
    assert.equal(flow.localPort, from.port);
    assert.ok(
      rows.every((r) => r.direction === 'outbound'),
      'a client, not a listener',
    );
    const alerts = await rig.alerts();
    assert.ok(
      !alerts.some((a) => a.kind === 'new-listener' && a.localPort === from.port),
      JSON.stringify(alerts),
    );
  });

  it('records ping -c 1 127.0.0.1 with ping', async () => {
    const pid = await run('ping', ['-c', '1', '-W', '1', '127.0.0.1']);
    await rig.settle();
    const rows = (await rig.history()).filter((r) => r.pid === pid);
    assert.ok(
      rows.some((r) => r.proto === 'raw' && r.remoteAddress === '127.0.0.1'),
      JSON.stringify(rows),
    );
    assert.ok(
      rows.every((r) => r.exe?.endsWith('/ping')),
      JSON.stringify(rows),
    );
  });
});
