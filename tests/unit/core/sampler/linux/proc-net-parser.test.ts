// The /proc/net socket parser on recorded real files (oracle: ss output recorded at the same
// moment) and on hand-edited hostile ones (oracle: values worked out by hand from the hex).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseProcNet, type ProcNetRow } from '../../../../../electron/core/sampler/linux/proc-net-parser';
import { endpointKey, parseSs } from '../../../../integration/sampler/ss-oracle';

const fixtures = path.resolve(__dirname, '../../../../fixtures/proc');
const read = (tree: string, file: string): Buffer => fs.readFileSync(path.join(fixtures, tree, 'net', file));

function parse(tree: string, file: string, proto: 'tcp' | 'udp' | 'raw', family: 4 | 6) {
  const rows: ProcNetRow[] = [];
  const report = parseProcNet(read(tree, file), proto, family, rows);
  return { rows, report };
}

describe('parseProcNet on a recorded /proc/net', () => {
  it('finds every socket ss saw at the same moment, with the same state and queues', () => {
    const rows = [
      ...parse('live', 'tcp', 'tcp', 4).rows,
      ...parse('live', 'tcp6', 'tcp', 6).rows,
      ...parse('live', 'udp', 'udp', 4).rows,
      ...parse('live', 'udp6', 'udp', 6).rows,
    ];
    const ss = [
      ...parseSs(fs.readFileSync(path.join(fixtures, 'live/ss-tcp.txt'), 'utf8'), 'tcp'),
      ...parseSs(fs.readFileSync(path.join(fixtures, 'live/ss-udp.txt'), 'utf8'), 'udp'),
    ];
    assert.ok(ss.length >= 10, 'the recording holds the test sockets');
    const ours = new Map(rows.map((r) => [endpointKey(r), r]));
    for (const expected of ss) {
      const row = ours.get(endpointKey(expected));
      assert.ok(row, `missing ${endpointKey(expected)}`);
      assert.equal(row.state, expected.state, endpointKey(expected));
      // ss shows a listener's backlog as Send-Q; /proc/net shows 0 there, so compare Recv-Q only then.
      assert.equal(row.recvQ, expected.recvQ, endpointKey(expected));
      if (row.state !== 'LISTEN') assert.equal(row.sendQ, expected.sendQ, endpointKey(expected));
    }
    assert.equal(rows.length, ss.length, 'no socket ss does not know');
  });

  it('reads every recorded file without a malformed line', () => {
    for (const [file, proto, family] of [
      ['tcp', 'tcp', 4],
      ['tcp6', 'tcp', 6],
      ['udp', 'udp', 4],
      ['udp6', 'udp', 6],
      ['raw', 'raw', 4],
      ['raw6', 'raw', 6],
    ] as const) {
      assert.equal(parse('live', file, proto, family).report.malformed, 0, file);
    }
  });
});

describe('parseProcNet on hostile text', () => {
  const tcp = parse('hostile', 'tcp', 'tcp', 4);
  const byInode = (rows: ProcNetRow[], inode: number) => rows.find((r) => r.inode === inode);

  it('skips and counts garbled, truncated and bad-hex lines without losing the others', () => {
    assert.equal(tcp.report.malformed, 4);
    assert.equal(tcp.rows.length, 7);
    assert.match(tcp.report.firstMalformed ?? '', /not a socket/);
  });

  it('decodes little-endian IPv4 words, ports, queues, uid and state', () => {
    const listen = byInode(tcp.rows, 4001)!;
    assert.deepEqual(
      { ...listen },
      {
        proto: 'tcp',
        family: 4,
        localAddress: '127.0.0.1',
        localPort: 8080,
        remoteAddress: '0.0.0.0',
        remotePort: 0,
        stateCode: 0x0a,
        state: 'LISTEN',
        recvQ: 5,
        sendQ: 0,
        uid: 1000,
        inode: 4001,
      },
    );
    const established = byInode(tcp.rows, 4002)!;
    assert.equal(established.remotePort, 50000);
    assert.equal(established.sendQ, 16);
    assert.equal(established.recvQ, 32);
    assert.equal(byInode(tcp.rows, 4006)!.state, 'CLOSE_WAIT');
  });

  it('keeps a row whose inode is beyond 2^53, with inode 0 and a count', () => {
    assert.equal(tcp.report.inodesOutOfRange, 1);
    const huge = tcp.rows.find((r) => r.localPort === 50000)!;
    assert.equal(huge.inode, 0);
    assert.equal(huge.remotePort, 8080);
  });

  it('names states as netstat does, including TIME_WAIT, SYN_RECV and NEW_SYN_RECV', () => {
    const states = tcp.rows.map((r) => r.state);
    assert.deepEqual(states, [
      'LISTEN',
      'ESTABLISHED',
      'ESTABLISHED',
      'SYN_RECV',
      'SYN_RECV',
      'TIME_WAIT',
      'CLOSE_WAIT',
    ]);
    const synRecv = tcp.rows.find((r) => r.localPort === 22)!;
    assert.equal(synRecv.localAddress, '10.0.0.1');
    assert.equal(synRecv.remoteAddress, '11.0.0.2');
    assert.equal(synRecv.inode, 0);
  });

  it('decodes IPv6 words one by one and keeps v4-mapped addresses as ::ffff:a.b.c.d', () => {
    const tcp6 = parse('hostile', 'tcp6', 'tcp', 6);
    assert.equal(tcp6.report.malformed, 1, 'an IPv4-width line in tcp6 is not guessed at');
    const rows = tcp6.rows;
    assert.equal(byInode(rows, 4010)!.localAddress, '::');
    assert.equal(byInode(rows, 4011)!.localAddress, '::ffff:127.0.0.1');
    assert.equal(byInode(rows, 4011)!.remoteAddress, '::ffff:10.0.0.10');
    assert.equal(byInode(rows, 4011)!.remotePort, 54321);
    assert.equal(byInode(rows, 4012)!.localAddress, '2001:db8::1');
    assert.equal(byInode(rows, 4012)!.localPort, 443);
    assert.equal(byInode(rows, 4012)!.remoteAddress, 'fe80::1234:5678:9abc:def0');
    assert.equal(byInode(rows, 4014)!.localAddress, '::1');
    assert.equal(byInode(rows, 4014)!.localPort, 631);
  });

  it('gives UDP netstat states: blank (null) when unconnected, ESTABLISHED when connected', () => {
    const udp = parse('hostile', 'udp', 'udp', 4).rows;
    assert.deepEqual(
      udp.map((r) => [r.localPort, r.state]),
      [
        [53, null],
        [53248, 'ESTABLISHED'],
        [53249, 'UNKNOWN'],
      ],
    );
  });

  it('survives empty text, a header alone, and binary noise', () => {
    for (const text of [
      '',
      '\n\n',
      read('hostile', 'tcp').toString('latin1').split('\n')[0]!,
      '\u0000\u00ff\u0001:::\n:::: 1 2 3',
    ]) {
      const rows: ProcNetRow[] = [];
      parseProcNet(Buffer.from(text, 'latin1'), 'tcp', 4, rows);
      assert.equal(rows.length, 0);
    }
  });
});
