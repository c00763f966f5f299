// The Network view's "top remote addresses": what `netstat -ntu | awk '{print $5}' | uniq -c` counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countRemotes } from '../../../../electron/core/monitor/remote-counts';
import type { LiveConnection, SocketRow } from '../../../../shared/model';
import { listener, socket } from './snapshot-builder';

let inode = 1;
function live(
  row: SocketRow,
  remoteHost: string | null = null,
  hostSource: LiveConnection['hostSource'] = remoteHost === null ? null : 'reverse',
): LiveConnection {
  return {
    ...row,
    inode: inode++,
    key: `k${inode}`,
    direction: row.state === 'LISTEN' ? 'listen' : 'inbound',
    firstSeen: 0,
    remoteHost,
    hostSource,
    service: null,
    programId: null,
  };
}

test('remotes are counted over open sockets, most first, with their established share', () => {
  const rows = [
    ...Array.from({ length: 5 }, () => live(socket({ remoteAddress: '10.0.0.9' }))),
    live(socket({ remoteAddress: '10.0.0.9', state: 'SYN_RECV' })),
    live(socket({ remoteAddress: '10.0.0.9', state: 'TIME_WAIT' })),
    live(socket({ remoteAddress: '2001:db8::1', state: 'CLOSE_WAIT' }), 'mail.example'),
    live(socket({ remoteAddress: '2001:db8::1' }), 'mail.example'),
    live(socket({ remoteAddress: '192.0.2.1' })),
    live(listener(22)),
    live(listener(80)),
  ];
  assert.deepEqual(countRemotes(rows, 10), [
    { address: '10.0.0.9', host: null, hostSource: null, count: 7, established: 5, synRecv: 1 },
    {
      address: '2001:db8::1',
      host: 'mail.example',
      hostSource: 'reverse',
      count: 2,
      established: 1,
      synRecv: 0,
    },
    { address: '192.0.2.1', host: null, hostSource: null, count: 1, established: 1, synRecv: 0 },
  ]);
  assert.deepEqual(
    countRemotes(rows, 1).map((r) => r.address),
    ['10.0.0.9'],
  );
  assert.deepEqual(countRemotes([], 5), []);
});

test('a name some program asked for wins over the reverse DNS of the same address', () => {
  const cdn = 'a23-45-67-89.deploy.static.akamaitechnologies.com';
  const rows = [
    live(socket({ remoteAddress: '192.0.2.7' }), cdn),
    live(socket({ remoteAddress: '192.0.2.7' }), 'telemetry.vendor.example', 'asked'),
    live(socket({ remoteAddress: '192.0.2.7' }), cdn),
  ];
  assert.deepEqual(
    countRemotes(rows, 5).map((r) => [r.host, r.hostSource]),
    [['telemetry.vendor.example', 'asked']],
  );
});
