// The Live view's filters, each alone and together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveConnection } from '../../../../shared/model';
import { defaultLiveFilter, isFiltered, liveMatcher } from '../../../../renderer/src/store/live-filter';

const base: LiveConnection = {
  key: 'x',
  proto: 'tcp',
  family: 4,
  localAddress: '127.0.0.1',
  localPort: 8080,
  remoteAddress: '0.0.0.0',
  remotePort: 0,
  state: 'LISTEN',
  recvQ: 0,
  sendQ: 0,
  uid: 1000,
  user: 'alice',
  inode: 1,
  pid: 42,
  process: 'nginx',
  exe: '/usr/sbin/nginx',
  cmdline: 'nginx: master process',
  processStart: 0,
  direction: 'listen',
  firstSeen: 0,
  remoteHost: null,
  service: 'http-alt',
  programId: 7,
};
const out: LiveConnection = {
  ...base,
  key: 'y',
  family: 6,
  localAddress: '::1',
  localPort: 50000,
  remoteAddress: '::1',
  remotePort: 443,
  state: 'ESTABLISHED',
  direction: 'outbound',
  process: 'curl',
  exe: '/usr/bin/curl',
  cmdline: 'curl https://example.org',
  remoteHost: 'example.org',
  programId: 8,
};
const udp: LiveConnection = {
  ...base,
  key: 'z',
  proto: 'udp',
  state: null,
  direction: 'listen',
  localPort: 5353,
  pid: null,
  process: null,
  exe: null,
  cmdline: null,
};
const all = [base, out, udp];
const pick = (f: Partial<typeof defaultLiveFilter>) =>
  all.filter(liveMatcher({ ...defaultLiveFilter, ...f })).map((c) => c.key);

test('each filter', () => {
  assert.deepEqual(pick({}), ['x', 'y', 'z']);
  assert.deepEqual(pick({ scope: 'listening' }), ['x', 'z']);
  assert.deepEqual(pick({ scope: 'connected' }), ['y']);
  assert.deepEqual(pick({ proto: 'udp' }), ['z']);
  assert.deepEqual(pick({ family: '6' }), ['y']);
  assert.deepEqual(pick({ state: 'LISTEN' }), ['x']);
  assert.deepEqual(pick({ direction: 'outbound' }), ['y']);
  assert.deepEqual(pick({ programId: 7 }), ['x', 'z']);
});

test('search: every word must match, case-insensitively, across what a row shows', () => {
  assert.deepEqual(pick({ search: 'NGINX' }), ['x']);
  assert.deepEqual(pick({ search: 'example.org' }), ['y']);
  assert.deepEqual(pick({ search: '127.0.0.1:8080' }), ['x']);
  assert.deepEqual(pick({ search: 'curl ::1' }), ['y']);
  assert.deepEqual(pick({ search: 'curl nginx' }), []);
  assert.deepEqual(pick({ search: ':5353' }), ['z']);
  assert.deepEqual(pick({ search: '42' }), ['x', 'y']);
});

test('isFiltered says whether anything differs from the default', () => {
  assert.equal(isFiltered(defaultLiveFilter), false);
  assert.equal(isFiltered({ ...defaultLiveFilter, search: 'a' }), true);
});
