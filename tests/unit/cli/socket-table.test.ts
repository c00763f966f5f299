// The listing's layout against Linux netstat's (header text recorded from `netstat -tunape` on
// this machine), netstat's which-rows rules, and hostile names kept inside their cell.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SocketRow } from '../../../shared/model';
import { parseNetstatArgs } from '../../../electron/cli/netstat-options';
import { filterSockets } from '../../../electron/cli/socket-filter';
import { formatSocketTable, numericNames, socketJson } from '../../../electron/cli/socket-table';

// Recorded: `netstat -tunape | sed -n 2,3p`, trailing spaces trimmed.
const NETSTAT_HEADER =
  'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name';
const NETSTAT_ROW =
  'tcp        0      0 0.0.0.0:2024            0.0.0.0:*               LISTEN      0          1060       -';
const NETSTAT_UDP_ROW =
  'udp6       0      0 ::1:43821               :::*                                0          17573      8826/node';

function row(overrides: Partial<SocketRow>): SocketRow {
  return {
    proto: 'tcp',
    family: 4,
    localAddress: '0.0.0.0',
    localPort: 2024,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    state: 'LISTEN',
    recvQ: 0,
    sendQ: 0,
    uid: 0,
    user: 'root',
    inode: 1060,
    pid: null,
    process: null,
    exe: null,
    cmdline: null,
    processStart: null,
    ...overrides,
  };
}

describe('formatSocketTable', () => {
  it('lays out -tunape exactly as netstat does', () => {
    const rows = [
      row({}),
      row({
        proto: 'udp',
        family: 6,
        localAddress: '::1',
        localPort: 43821,
        remoteAddress: '::',
        state: null,
        inode: 17573,
        pid: 8826,
        process: 'node',
      }),
    ];
    const lines = formatSocketTable(rows, parseNetstatArgs(['-tunape']), numericNames, true).split('\n');
    assert.equal(lines[0], 'Active Internet connections (servers and established)');
    assert.equal(lines[1], NETSTAT_HEADER);
    assert.equal(lines[2], NETSTAT_ROW);
    assert.equal(lines[3], NETSTAT_UDP_ROW);
  });

  it('widens the address columns for long addresses instead of cutting them', () => {
    const long = row({ family: 6, localAddress: '2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff', localPort: 65535 });
    const lines = formatSocketTable([long, row({})], parseNetstatArgs(['-tan']), numericNames, true).split(
      '\n',
    );
    assert.ok(lines[2]!.includes('2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff:65535'));
    assert.equal(lines[2]!.indexOf('LISTEN'), lines[3]!.indexOf('LISTEN'), 'columns stay aligned');
    assert.equal(lines[1]!.indexOf('State'), lines[2]!.indexOf('LISTEN'));
  });

  it('keeps hostile process names and paths on their line', () => {
    const evil = row({ pid: 7, process: 'evil\n\u001b[31mred', exe: '/tmp/x\ny' });
    const text = formatSocketTable([evil], parseNetstatArgs(['-tlpb']), numericNames, true);
    assert.equal(text.split('\n').length, 4, 'title, header, one row, final newline');
    assert.ok(text.includes('7/evil\\n\\x1b[31mred'));
    assert.ok(text.includes('/tmp/x\\ny'));
  });

  it('says so when other users processes cannot be seen', () => {
    const text = formatSocketTable([row({})], parseNetstatArgs(['-tlp']), numericNames, false);
    assert.match(text.split('\n')[0]!, /Not all processes could be identified/);
  });

  it('prints user names unless -n', () => {
    const options = parseNetstatArgs(['-tle']);
    assert.ok(formatSocketTable([row({})], options, numericNames, true).includes(' root '));
    assert.ok(
      !formatSocketTable([row({})], parseNetstatArgs(['-tlen']), numericNames, true).includes('root'),
    );
  });
});

describe('filterSockets', () => {
  const rows = [
    row({}),
    row({ state: 'ESTABLISHED', remoteAddress: '127.0.0.1', remotePort: 5000 }),
    row({ state: 'TIME_WAIT', remoteAddress: '127.0.0.1', remotePort: 5001, inode: 0 }),
    row({ proto: 'udp', state: null, localPort: 53 }),
    row({ proto: 'udp', state: 'ESTABLISHED', remoteAddress: '127.0.0.1', remotePort: 53 }),
    row({ proto: 'raw', state: null, localPort: 1 }),
    row({ family: 6, localAddress: '::', remoteAddress: '::' }),
  ];
  const ports = (args: string[]) =>
    filterSockets(rows, parseNetstatArgs(args)).map(
      (r) => `${r.proto}${r.family}:${r.localPort}/${r.remotePort}`,
    );

  it('shows connected sockets by default, servers with -l, everything with -a', () => {
    assert.deepEqual(ports([]), ['tcp4:2024/5000', 'tcp4:2024/5001', 'udp4:2024/53']);
    assert.deepEqual(ports(['-l']), ['tcp4:2024/0', 'udp4:53/0', 'tcp6:2024/0']);
    assert.equal(ports(['-a']).length, 6, 'raw only with -w');
    assert.deepEqual(ports(['-aw']), ['raw4:1/0']);
    assert.deepEqual(ports(['-lt6']), ['tcp6:2024/0']);
  });

  it('gives --json objects the documented fields in order, then processStart, then geo, then bytes', () => {
    assert.deepEqual(Object.keys(socketJson(rows[0]!)), [
      'proto',
      'family',
      'localAddress',
      'localPort',
      'remoteAddress',
      'remotePort',
      'state',
      'recvQ',
      'sendQ',
      'uid',
      'user',
      'inode',
      'pid',
      'process',
      'exe',
      'cmdline',
      'processStart',
      'country',
      'asn',
      'asOrg',
      'bytesSent',
      'bytesReceived',
    ]);
  });
});
