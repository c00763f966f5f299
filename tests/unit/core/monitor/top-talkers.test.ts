import assert from 'node:assert/strict';
import { test } from 'node:test';
import { topTalkers } from '../../../../electron/core/monitor/top-talkers';
import type { LiveConnection } from '../../../../shared/model';
import { socket } from './snapshot-builder';

const live = (over: Partial<LiveConnection>): LiveConnection => ({
  ...socket(over),
  key: `${over.remoteAddress}:${over.localPort}`,
  direction: 'outbound',
  firstSeen: 0,
  remoteHost: null,
  service: null,
  programId: null,
  ...over,
});

test('top talkers: busiest now first, then by totals; unknown counts left out, never 0', () => {
  const rows = topTalkers(
    [
      live({
        remoteAddress: '192.0.2.1',
        localPort: 1,
        bytesSent: 9e9,
        bytesReceived: 0,
        sendRate: 0,
        receiveRate: 0,
      }),
      live({
        remoteAddress: '192.0.2.2',
        localPort: 2,
        bytesSent: 10,
        bytesReceived: 10,
        sendRate: 500,
        receiveRate: 0,
      }),
      live({
        remoteAddress: '192.0.2.2',
        localPort: 3,
        bytesSent: 5,
        bytesReceived: null,
        sendRate: 100,
        receiveRate: null,
      }),
      live({ proto: 'udp', remoteAddress: '192.0.2.3', localPort: 4, bytesSent: null, bytesReceived: null }),
    ],
    10,
  );
  assert.deepEqual(
    rows.map((r) => [r.address, r.connections, r.sendRate, r.bytesSent, r.bytesReceived]),
    [
      ['192.0.2.2', 2, 600, 15, 10],
      ['192.0.2.1', 1, 0, 9e9, 0],
    ],
  );
});
