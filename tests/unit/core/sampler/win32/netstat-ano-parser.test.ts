import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNetstatAno } from '../../../../../electron/core/sampler/win32/netstat-ano-parser';
import { localizedStateName } from '../../../../../electron/core/sampler/win32/localized-tcp-state';
import { readRecording } from '../contract/recorded-output';

const socketLines = (text: string): number =>
  text.split('\n').filter((l) => /^\s+(TCP|UDP)\s/.test(l)).length;

test('the real Windows 10 `netstat -aon` (CRLF, bracketed IPv6, zones, UDP without state)', () => {
  const text = readRecording('win32/netstat-ano-win10.txt');
  const { rows, skipped } = parseNetstatAno(text);
  assert.equal(skipped, 0);
  assert.equal(rows.length, socketLines(text));
  assert.deepEqual(rows[0], {
    proto: 'tcp',
    family: 4,
    local: { address: '0.0.0.0', port: 135 },
    remote: { address: '0.0.0.0', port: 0 },
    state: 'LISTEN',
    pid: 1712,
  });
  assert.deepEqual(
    rows.find((r) => r.local.address.startsWith('fe80::244e')),
    {
      proto: 'udp',
      family: 6,
      local: { address: 'fe80::244e:2f1e:2096:62b2%9', port: 1900 },
      remote: { address: '::', port: 0 },
      state: null,
      pid: 8844,
    },
  );
  assert.equal(
    rows.filter((r) => r.state === 'ESTABLISHED').length,
    (text.match(/ESTABLISHED/g) ?? []).length,
  );
});

test('the real `netstat -aonb`: the [exe], service and "Can not obtain" lines are not sockets', () => {
  const text = readRecording('win32/netstat-anob-win10.txt');
  const { rows, skipped } = parseNetstatAno(text);
  assert.equal(skipped, 0);
  assert.equal(rows.length, socketLines(text));
});

test('the real French and German rows: translated headers ignored, "ABH™REN" mojibake is LISTEN', () => {
  const { rows } = parseNetstatAno(readRecording('win32/netstat-ano-localized-fr-de.txt'));
  assert.deepEqual(
    rows.map((r) => [r.local.port, r.state, r.pid]),
    [
      [25, 'LISTEN', 5788],
      [25, 'LISTEN', 4552],
    ],
  );
});

test('localized words: every mis-decoding of a known word, derivation from numbers, pass-through', () => {
  const zero = { address: '0.0.0.0', port: 0 };
  const peer = { address: '10.0.0.2', port: 443 };
  for (const word of ['ABHÖREN', 'ABH™REN', 'ABH\ufffdREN', 'ABHÃ–REN', 'abhören']) {
    assert.equal(localizedStateName(word, peer), 'LISTEN', word);
  }
  assert.equal(localizedStateName('HERGESTELLT', peer), 'ESTABLISHED');
  assert.equal(localizedStateName('WARTEND', peer), 'TIME_WAIT');
  // A word not in the table: a listener is still recognised, anything else is not guessed.
  assert.equal(localizedStateName('IN ASCOLTO', zero), 'LISTEN');
  assert.equal(localizedStateName('STABILITA', peer), null);
  const unknown = parseNetstatAno('  TCP    10.0.0.1:5000   10.0.0.2:443   STABILITA   77\r\n');
  assert.deepEqual([unknown.rows[0]?.state, [...unknown.unknownStates]], ['UNKNOWN', ['STABILITA']]);
  const multiWord = parseNetstatAno('  TCP    0.0.0.0:80     0.0.0.0:0      IN ASCOLTO     4\r\n');
  assert.deepEqual(
    multiWord.rows.map((r) => [r.state, r.pid]),
    [['LISTEN', 4]],
  );
});

test('cut rows, PID 0 and odd tokens', () => {
  const { rows, skipped } = parseNetstatAno(
    [
      '  TCP    192.168.31.221:52001  140.82.112.26:443      TIME_WAIT       0',
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING',
      '  TCP    0.0.0.0:135            0.0.0.0:0',
      '  UDP    [fe80::1%9:1900  *:*  8844',
      '  UDP    0.0.0.0:99999  *:*  8844',
      '  RAW    0.0.0.0:0  *:*  1',
    ].join('\r\n'),
  );
  assert.deepEqual(
    rows.map((r) => [r.state, r.pid]),
    [['TIME_WAIT', null]],
  );
  assert.equal(skipped, 4);
});

test('the real German Windows 8.1 rows: every state word it prints is known', () => {
  const text = readRecording('win32/netstat-ano-de-win81.txt');
  const { rows, skipped, unknownStates } = parseNetstatAno(text);
  assert.deepEqual([skipped, [...unknownStates]], [0, []]);
  assert.equal(rows.length, socketLines(text));
  // Oracle: the capture's own words, mapped by hand.
  const expected: Record<string, string> = {
    ABHÖREN: 'LISTEN',
    HERGESTELLT: 'ESTABLISHED',
    FIN_WARTEN_2: 'FIN_WAIT2',
    WARTEND: 'TIME_WAIT',
    SCHLIESSEN_WARTEN: 'CLOSE_WAIT',
  };
  const words = text
    .split('\n')
    .filter((l) => /^\s+TCP\s/.test(l))
    .map((l) => l.trim().split(/\s+/)[3] ?? '');
  assert.deepEqual(
    rows.filter((r) => r.proto === 'tcp').map((r) => r.state),
    words.map((w) => expected[w]),
  );
});
