import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directionOf, isListening, listeningPorts } from '../../../../electron/core/monitor/direction';
import { listener, socket } from './snapshot-builder';

test('listen, inbound on a listened port of the same protocol, outbound otherwise', () => {
  const rows = [
    listener(22),
    socket({ localPort: 22, remotePort: 51000 }),
    socket({ localPort: 51000, remotePort: 22 }),
    socket({ proto: 'udp', localPort: 22, remotePort: 53, state: 'ESTABLISHED' }),
  ];
  const ports = listeningPorts(rows);
  assert.deepEqual(
    rows.map((r) => directionOf(r, ports)),
    ['listen', 'inbound', 'outbound', 'outbound'],
  );
});

test('an unconnected UDP socket listens; a connected one does not', () => {
  assert.equal(
    isListening(socket({ proto: 'udp', state: null, remoteAddress: '0.0.0.0', remotePort: 0 })),
    true,
  );
  assert.equal(isListening(socket({ proto: 'udp', state: 'ESTABLISHED', remotePort: 53 })), false);
  assert.equal(
    isListening(socket({ proto: 'udp', family: 6, state: null, remoteAddress: '::', remotePort: 0 })),
    true,
  );
});

test('an IPv6 listener makes IPv4 connections on its port inbound (same protocol, any family)', () => {
  const ports = listeningPorts([listener(443, { family: 6, localAddress: '::', remoteAddress: '::' })]);
  assert.equal(directionOf(socket({ localPort: 443, remotePort: 40000 }), ports), 'inbound');
});
