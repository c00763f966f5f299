// The host of a connection in the monitor: the name its program asked for (put on the row, the
// opener or the flow by the Linux sampler) wins over reverse DNS, stays once seen, and is marked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Monitor, type Enricher } from '../../../../electron/core/monitor/monitor';
import type { FlowOwner } from '../../../../shared/model';
import { SnapshotClock, socket } from './snapshot-builder';

const CDN = 'a23-45-67-89.deploy.static.akamaitechnologies.com';
const ASKED = 'telemetry.vendor.example';
const reverseDns: Enricher = { hostOf: () => CDN, serviceOf: () => null };
const owner: FlowOwner = {
  pid: 42,
  processStart: 1_000,
  process: 'curl',
  exe: '/usr/bin/curl',
  cmdline: 'curl',
  uid: 1000,
  parentPid: null,
  parentProcess: null,
  parentExe: null,
};

function hostOf(c: { remoteHost: string | null; hostSource?: string | null }): [string | null, unknown] {
  return [c.remoteHost, c.hostSource ?? null];
}

test('a polled row: reverse DNS first, the asked name when it comes, and it stays', () => {
  const monitor = new Monitor({ enricher: reverseDns });
  const clock = new SnapshotClock();
  const row = socket({ remoteAddress: '192.0.2.7', pid: 42, processStart: 1_000, inode: 7 });
  const t1 = monitor.apply(clock.next([{ ...row, askedHost: null }]));
  assert.deepEqual(hostOf(t1.opened[0]!.connection), [CDN, 'reverse']);
  const t2 = monitor.apply(clock.next([{ ...row, askedHost: ASKED }]));
  assert.equal(t2.changed.length, 1);
  assert.equal(t2.changed[0]!.persistent, true, 'the history row takes the asked name');
  assert.deepEqual(hostOf(t2.changed[0]!.connection), [ASKED, 'asked']);
  const t3 = monitor.apply(clock.next([{ ...row, askedHost: null }]));
  assert.equal(t3.changed.length, 0, 'an index that forgot the process changes nothing');
  assert.deepEqual(hostOf(monitor.liveConnections()[0]!), [ASKED, 'asked']);
});

test('a TIME_WAIT remnant takes its opener and the name the opener asked for', () => {
  const monitor = new Monitor({ enricher: reverseDns });
  const clock = new SnapshotClock();
  const remnant = socket({ remoteAddress: '192.0.2.7', state: 'TIME_WAIT', inode: 0, uid: null, user: null });
  const snapshot = clock.next([remnant]);
  snapshot.openers = [
    {
      proto: 'tcp',
      family: 4,
      localAddress: remnant.localAddress,
      localPort: remnant.localPort,
      remoteAddress: remnant.remoteAddress,
      remotePort: remnant.remotePort,
      owner,
      askedHost: ASKED,
    },
  ];
  const c = monitor.apply(snapshot).opened[0]!.connection;
  assert.equal(c.pid, 42);
  assert.deepEqual(hostOf(c), [ASKED, 'asked']);
});

test('a flow no poll saw keeps the name its owner asked for; without one, reverse DNS', () => {
  const monitor = new Monitor({ enricher: reverseDns });
  const clock = new SnapshotClock();
  const snapshot = clock.next([]);
  const flow = {
    proto: 'tcp' as const,
    family: 4 as const,
    localAddress: '192.0.2.100',
    localPort: 40_001,
    remoteAddress: '192.0.2.7',
    remotePort: 443,
    direction: 'outbound' as const,
    openedAt: snapshot.takenAt - 500,
    closedAt: snapshot.takenAt - 400,
    endState: 'CLOSE',
    bytesSent: 1,
    bytesReceived: 1,
    owner,
  };
  snapshot.flows = [
    { ...flow, askedHost: ASKED },
    { ...flow, localPort: 40_002, askedHost: null },
  ];
  const flows = monitor.apply(snapshot).flows.map((f) => hostOf(f.connection));
  assert.deepEqual(flows, [
    [ASKED, 'asked'],
    [CDN, 'reverse'],
  ]);
});
