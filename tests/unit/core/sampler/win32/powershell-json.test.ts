import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseOwnersReply,
  parseSocketsReply,
  TcpConnectionRow,
} from '../../../../../electron/core/sampler/win32/powershell-json';
import { tcpStateName } from '../../../../../electron/core/sampler/win32/tcp-state-enum';
import { readRecording } from '../contract/recorded-output';

test('the real Get-NetTCPConnection JSON: State is a number (2 = Listen) whatever the language', () => {
  const real = JSON.parse(readRecording('win32/get-nettcpconnection-inspec.json.txt')) as unknown[];
  assert.equal(real.length, 2);
  for (const row of real) {
    // The capture selected no OwningProcess: such rows are refused, not guessed.
    assert.equal(TcpConnectionRow.safeParse(row).success, false);
    const withOwner = TcpConnectionRow.safeParse({ ...(row as object), OwningProcess: 1712 });
    assert.equal(withOwner.success, true);
    assert.equal(withOwner.success && tcpStateName(withOwner.data.State), 'LISTEN');
  }
});

test('the session reply: every row read', () => {
  const reply = parseSocketsReply(readRecording('win32/powershell-sockets-reply.txt'));
  const netstat = readRecording('win32/netstat-ano-win10.txt');
  assert.equal(reply.tcp.rows.length, (netstat.match(/^\s+TCP\s/gm) ?? []).length + 5);
  assert.equal(reply.udp.rows.length, (netstat.match(/^\s+UDP\s/gm) ?? []).length);
  assert.equal(reply.tcp.skipped + reply.udp.skipped + reply.processes.skipped, 0);
  assert.equal(reply.admin, false);
  const owners = parseOwnersReply(readRecording('win32/powershell-owners-reply.txt'));
  assert.equal(owners.skipped, 0);
  assert.equal(owners.rows.find((o) => o.ProcessId === 6372)?.Name, 'NVIDIA Web Helper.exe');
});

test('ConvertTo-Json quirks: one object for a list of one, null for none', () => {
  const one = parseSocketsReply(
    '{"tcp":{"LocalAddress":"::","LocalPort":135,"RemoteAddress":"::","RemotePort":0,"State":2,"OwningProcess":4},"udp":null,"processes":[],"admin":true}',
  );
  assert.equal(one.tcp.rows.length, 1);
  assert.equal(one.udp.rows.length, 0);
  assert.deepEqual(parseOwnersReply('').rows, []);
  assert.deepEqual(parseOwnersReply('null').rows, []);
});

test('bad rows are skipped and counted; a bad reply is refused with the field named', () => {
  const reply = parseSocketsReply(
    JSON.stringify({
      tcp: [
        {
          LocalAddress: '0.0.0.0',
          LocalPort: 70000,
          RemoteAddress: '0.0.0.0',
          RemotePort: 0,
          State: 2,
          OwningProcess: 4,
        },
        {
          LocalAddress: '0.0.0.0',
          LocalPort: 80,
          RemoteAddress: '0.0.0.0',
          RemotePort: 0,
          State: 2,
          OwningProcess: 4,
        },
      ],
      udp: [{ LocalAddress: 5 }],
      processes: [],
      admin: false,
    }),
  );
  assert.deepEqual([reply.tcp.rows.length, reply.tcp.skipped, reply.udp.skipped], [1, 1, 1]);
  assert.throws(
    () => parseSocketsReply('{"tcp":[],"udp":[],"processes":[]}'),
    /sockets reply not understood: admin:/,
  );
  assert.throws(() => parseSocketsReply('{"tcp":[{"LocalAdd'), /sockets reply not understood: not JSON/);
  assert.throws(() => parseOwnersReply('42'), /owners reply not understood/);
});
