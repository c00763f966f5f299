import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FlowOwner, SocketOpener, SocketRow } from '../../../../shared/model';
import { applyOpeners } from '../../../../electron/core/monitor/event-merge';

const curl: FlowOwner = {
  pid: 4242,
  processStart: 1_700_000_000_000,
  process: 'curl-copy',
  exe: '/tmp/curl-copy',
  cmdline: '/tmp/curl-copy http://127.0.0.1:8080/',
  uid: 1000,
  parentPid: 1,
  parentProcess: 'cron',
  parentExe: '/usr/sbin/cron',
};

function row(fields: Partial<SocketRow>): SocketRow {
  return {
    proto: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 40_000,
    remoteAddress: '127.0.0.1',
    remotePort: 8080,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 1000,
    user: 'alice',
    inode: 777,
    pid: null,
    process: null,
    exe: null,
    cmdline: null,
    processStart: null,
    bytesSent: null,
    bytesReceived: null,
    ...fields,
  };
}

function opener(owner: FlowOwner, fields: Partial<SocketOpener> = {}): SocketOpener {
  return {
    proto: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 40_000,
    remoteAddress: '127.0.0.1',
    remotePort: 8080,
    owner,
    ...fields,
  };
}

test('a TIME_WAIT remnant (no inode, no owner) takes the program that opened it, and nothing else changes', () => {
  const remnant = row({
    state: 'TIME_WAIT',
    inode: 0,
    uid: 0,
    user: 'root',
    bytesSent: 120,
    bytesReceived: 4096,
  });
  const [owned] = applyOpeners([remnant], [opener(curl, { askedHost: 'example.test' })]);
  assert.deepEqual(owned, {
    ...remnant,
    pid: 4242,
    process: 'curl-copy',
    exe: '/tmp/curl-copy',
    cmdline: '/tmp/curl-copy http://127.0.0.1:8080/',
    processStart: 1_700_000_000_000,
    askedHost: 'example.test',
    heldBy: null,
    sentTo: false,
  });
  assert.equal(remnant.pid, null, 'the polled row is left as it was');
});

test('a descriptor kept across exec names the program that connected, and the later image as its holder', () => {
  const polled = row({
    pid: 4242,
    processStart: 1_700_000_000_000,
    process: 'sleep',
    exe: '/usr/bin/sleep',
    cmdline: 'sleep 3',
    netns: 'blue',
    unit: 'unit:x.service',
  });
  const [owned] = applyOpeners(
    [polled],
    [opener({ ...curl, process: 'bash-copy', exe: '/tmp/bash-copy', cmdline: null })],
  );
  assert.equal(owned!.exe, '/tmp/bash-copy');
  assert.equal(owned!.process, 'bash-copy');
  assert.equal(owned!.cmdline, 'sleep 3', 'the same pid: its command line stands in for the one not read');
  assert.equal(owned!.heldBy, 'sleep (pid 4242)');
  assert.equal(owned!.netns, 'blue');
  assert.equal(owned!.unit, 'unit:x.service');
});

test('rows their opener already owns are handed back as the same array', () => {
  const rows = [
    row({ pid: 4242, processStart: 1_700_000_000_000, process: 'curl-copy', exe: '/tmp/curl-copy' }),
  ];
  assert.equal(applyOpeners(rows, [opener(curl)]), rows);
});

test('an unconnected UDP socket whose owner sent datagrams is marked a client', () => {
  const udp = row({
    proto: 'udp',
    state: null,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    pid: 4242,
    processStart: 1_700_000_000_000,
    process: 'curl-copy',
    exe: '/tmp/curl-copy',
  });
  const [owned] = applyOpeners([udp], [opener(curl, { proto: 'udp', remoteAddress: '*', remotePort: 0 })]);
  assert.equal(owned!.sentTo, true);
  assert.equal(owned!.pid, 4242);
});
