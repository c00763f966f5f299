import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionKey } from '../../../../electron/core/monitor/connection-key';
import { listener, socket } from './snapshot-builder';

test('a TCP connection keeps its key into TIME_WAIT, where the kernel reports inode 0', () => {
  const established = socket({ inode: 4242 });
  const timeWait = socket({ state: 'TIME_WAIT', inode: 0, pid: null });
  assert.equal(connectionKey(established), connectionKey(timeWait));
});

test('listeners sharing a port (SO_REUSEPORT) have distinct keys by inode', () => {
  const a = listener(8080, { inode: 1 });
  const b = listener(8080, { inode: 2 });
  assert.notEqual(connectionKey(a), connectionKey(b));
});

test('IPv6 endpoints are bracketed so the port is unambiguous', () => {
  const key = connectionKey(socket({ family: 6, localAddress: '::1', remoteAddress: '::1' }));
  assert.match(key, /\[::1\]:40000>\[::1\]:5000/);
});
