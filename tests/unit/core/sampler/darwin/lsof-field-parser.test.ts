import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeLsofEscapes,
  parseLsofFields,
} from '../../../../../electron/core/sampler/darwin/lsof-field-parser';
import { readRecording } from '../contract/recorded-output';

test('the real cnquery capture (default field set) gives its three TCP sockets and two processes', () => {
  const { sockets, skipped } = parseLsofFields(readRecording('darwin/lsof-F-cnquery.txt'));
  assert.equal(skipped, 0);
  assert.deepEqual(
    sockets.map((s) => [s.process.pid, s.process.command, s.process.uid, s.process.ppid, s.fd, s.device]),
    [
      [37224, 'Hyper Helper', 501, 678, '24', '0x6949610a99d53797'],
      [37224, 'Hyper Helper', 501, 678, '25', '0x6949610a9a1bec8f'],
      [38266, 'Mail', 501, 1, '68', '0x6949610a99a77797'],
    ],
  );
  assert.deepEqual(sockets[2], {
    process: { pid: 38266, command: 'Mail', ppid: 1, uid: 501, login: null },
    fd: '68',
    proto: 'tcp',
    family: 4,
    device: '0x6949610a99a77797',
    local: { address: '10.184.10.188', port: 59637 },
    remote: { address: '142.251.163.108', port: 993 },
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
  });
});

test('the adapted session holds every socket of the real `lsof -i` capture it was built from', () => {
  // Oracle: the real table's PID, FD and DEVICE columns, read with a plain regex.
  const real = readRecording('darwin/lsof-i-kai.txt')
    .split('\n')
    .map((line) => /^\S+\s+(\d+)\s+\S+\s+(\d+)u\s+IPv4\s+(0x[0-9a-f]+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}/${m[2]}/${m[3]}`);
  assert.equal(real.length, 10);
  const parsed = new Set(
    parseLsofFields(readRecording('darwin/lsof-F-session.txt')).sockets.map(
      (s) => `${s.process.pid}/${s.fd}/${s.device}`,
    ),
  );
  for (const key of real) assert.ok(parsed.has(key), `${key} missing`);
});

test('zones, wildcards, listeners, queues and escaped unicode names', () => {
  const { sockets } = parseLsofFields(readRecording('darwin/lsof-F-session.txt'));
  const cafe = sockets.filter((s) => s.process.pid === 80001);
  assert.equal(cafe[0]?.process.command, 'Café Prévu ☕');
  assert.deepEqual(
    cafe.map((s) => [s.proto, s.family, s.local.address, s.local.port, s.remote, s.state, s.recvQ, s.sendQ]),
    [
      ['tcp', 6, 'fe80::1%en0', 8080, null, 'LISTEN', 0, 0],
      ['tcp', 6, '::1', 8080, { address: '::1', port: 50123 }, 'ESTABLISHED', 12, 3400],
      ['udp', 6, 'fe80::aede:48ff:fe00:1122%en5', 5353, null, null, 0, 0],
      ['tcp', 6, '::', 6333, null, 'LISTEN', 0, 0],
    ],
  );
  const udp4 = sockets.find((s) => s.process.pid === 519);
  assert.deepEqual(udp4?.local, { address: '0.0.0.0', port: 3722 });
});

test('BSD state names become the netstat names of the Linux backend', () => {
  const states = ['SYN_RCVD', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSED', 'TIME_WAIT', 'LAST_ACK', 'CLOSING'];
  const text = states
    .map((st, i) => `p1\nf${i}\ntIPv4\nPTCP\nn10.0.0.1:${1000 + i}->10.0.0.2:80\nTST=${st}\n`)
    .join('');
  assert.deepEqual(
    parseLsofFields(text).sockets.map((s) => s.state),
    ['SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE', 'TIME_WAIT', 'LAST_ACK', 'CLOSING'],
  );
  const odd = parseLsofFields('p1\nf3\ntIPv4\nPTCP\nn10.0.0.1:1->10.0.0.2:2\nTST=WIBBLE\n');
  assert.deepEqual([odd.sockets[0]?.state, [...odd.unknownStates]], ['UNKNOWN', ['WIBBLE']]);
});

test('malformed and truncated records are counted and skipped, never pinned on another process', () => {
  const text = [
    'p12',
    'cok',
    'f3',
    'tIPv4',
    'PTCP',
    'n1.2.3.4:99999', // port out of range
    'f4',
    'tIPv6',
    'PTCP',
    'n[fe80::1%en0:80', // no closing bracket
    'pnot-a-pid',
    'cghost',
    'f5',
    'tIPv4',
    'PUDP',
    'n*:53',
    'p13',
    'cfine',
    'f6',
    'tIPv4',
    'PUDP',
    'n127.0.0.1:5', // cut before the T lines: still a socket
  ].join('\n');
  const { sockets, skipped } = parseLsofFields(text);
  assert.equal(skipped, 2);
  assert.deepEqual(
    sockets.map((s) => [s.process.pid, s.process.command, s.local.port]),
    [[13, 'fine', 5]],
  );
  assert.deepEqual(parseLsofFields(''), {
    sockets: [],
    skipped: 0,
    firstSkipped: null,
    unknownStates: new Set(),
  });
  assert.equal(parseLsofFields(text).firstSkipped, '1.2.3.4:99999');
  assert.deepEqual(parseLsofFields('p1\ncx\nf1\ntIPv4\nPTC').sockets, []);
});

test('escape decoding', () => {
  assert.equal(decodeLsofEscapes('Code\\x20Helper'), 'Code Helper');
  assert.equal(decodeLsofEscapes('a\\tb'), 'a\tb');
  assert.equal(decodeLsofEscapes('bad\\xff'), 'bad\ufffd');
  assert.equal(decodeLsofEscapes('plain'), 'plain');
});
