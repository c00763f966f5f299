import assert from 'node:assert/strict';
import { test } from 'node:test';
import { programRates } from '../../../../electron/core/monitor/program-rates';
import { socket } from './snapshot-builder';

const curl = { pid: 10, process: 'curl', exe: '/usr/bin/curl', processStart: 1 };

test('rates per process over the interval; a new socket counts its total, a replaced one restarts', () => {
  const before = [
    socket({ ...curl, inode: 1, bytesSent: 1_000, bytesReceived: 5_000 }),
    socket({ ...curl, inode: 2, localPort: 40001, bytesSent: 9_000_000_000, bytesReceived: 0 }),
  ];
  const after = [
    socket({ ...curl, inode: 1, bytesSent: 3_000, bytesReceived: 5_000 }),
    // inode 2's count went back: another socket; it counts from its new value
    socket({ ...curl, inode: 2, localPort: 40001, bytesSent: 500, bytesReceived: 0 }),
    socket({ ...curl, inode: 3, localPort: 40002, bytesSent: 1_500, bytesReceived: 2_000 }),
    socket({
      proto: 'udp',
      state: null,
      inode: 4,
      pid: 11,
      process: 'dig',
      bytesSent: null,
      bytesReceived: null,
    }),
  ];
  const rows = programRates(before, after, 2_000);
  assert.equal(rows.length, 1, 'UDP without counts: not a program with 0 B/s');
  const [r] = rows;
  assert.equal(r!.sendRate, (2_000 + 500 + 1_500) / 2);
  assert.equal(r!.receiveRate, 2_000 / 2);
  assert.equal(r!.bytesSent, 3_000 + 500 + 1_500);
  assert.equal(r!.sockets, 3);
  assert.ok(rows.every((x) => (x.sendRate ?? 0) >= 0 && (x.receiveRate ?? 0) >= 0));
});
