// Hostile names in the event stream: one line per event, nothing a terminal would obey, and
// JSON.parse gives every string back exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionLine, lineContext } from '../../../../electron/core/event-stream/ecs-event';
import type { LiveConnection } from '../../../../shared/model';

const HOSTILE = [
  'a"b\\c',
  'line1\nline2\r\n',
  '\u001b[31mred\u001b]0;title\u0007',
  '\u0085next\u009bcsi',
  '\u202egnp.exe\u2066x\u2069\u200f',
  'sep\u2028para\u2029',
  'lone \ud800 surrogate',
  '=cmd|x!A1',
  '<script>x</script>',
];

function connection(name: string): LiveConnection {
  return {
    proto: 'tcp',
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 40000,
    remoteAddress: '127.0.0.1',
    remotePort: 443,
    state: 'ESTABLISHED',
    recvQ: 0,
    sendQ: 0,
    uid: 1000,
    user: name,
    inode: 1,
    pid: 42,
    process: name,
    exe: `/tmp/${name}`,
    cmdline: `${name} --flag`,
    processStart: 1,
    key: 'k',
    direction: 'outbound',
    firstSeen: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
    remoteHost: name,
    service: 'https',
    programId: 7,
  };
}

test('hostile names: one line, no raw control, bidi or separator character, exact round trip', () => {
  for (const name of HOSTILE) {
    const line = connectionLine(connection(name), lineContext(`host-${name}`), null);
    assert.ok(line.endsWith('\n'));
    assert.equal(line.indexOf('\n'), line.length - 1, 'one line');
    assert.doesNotMatch(
      line.slice(0, -1),
      /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u,
    );
    const back = JSON.parse(line) as {
      process: { name: string; executable: string; command_line: string };
      user: { name: string };
      host: { hostname: string };
      destination: { domain: string };
    };
    // A lone surrogate cannot be written as UTF-8; JSON.stringify escapes it and parse restores it.
    assert.equal(back.process.name, name);
    assert.equal(back.process.executable, `/tmp/${name}`);
    assert.equal(back.process.command_line, `${name} --flag`);
    assert.equal(back.user.name, name);
    assert.equal(back.host.hostname, `host-${name}`);
    assert.equal(back.destination.domain, name);
  }
});

test('a connection event in ECS terms: outbound is source local, destination remote; times in ISO', () => {
  const c = connection('curl');
  const closedAt = c.firstSeen + 1500;
  const doc = JSON.parse(connectionLine(c, lineContext('web1'), closedAt)) as Record<
    string,
    Record<string, unknown>
  >;
  assert.equal(doc['@timestamp'], '2026-01-02T03:04:06.506Z');
  assert.deepEqual(doc.source, { ip: '127.0.0.1', port: 40000 });
  assert.deepEqual(doc.destination, { ip: '127.0.0.1', port: 443, domain: 'curl' });
  assert.equal(doc.event!.kind, 'event');
  assert.deepEqual(doc.event!.type, ['connection', 'end']);
  assert.equal(doc.event!.duration, 1_500_000_000);
  assert.deepEqual(doc.network, { transport: 'tcp', type: 'ipv4', direction: 'egress' });
  const inbound = JSON.parse(
    connectionLine({ ...c, direction: 'inbound' }, lineContext('web1'), null),
  ) as Record<string, Record<string, unknown>>;
  assert.deepEqual(inbound.source, { ip: '127.0.0.1', port: 443, domain: 'curl' });
  assert.equal(inbound.network!.direction, 'ingress');
});

test('a closed connection line is the whole ECS document, JSON.stringify would write the same', () => {
  const c = { ...connection('nginx'), direction: 'inbound' as const, remoteHost: null, service: null };
  const owner = { ...c, pid: 7, process: 'nginx', exe: '/usr/sbin/nginx', cmdline: null };
  const closedAt = c.firstSeen + 2;
  const doc: unknown = JSON.parse(
    connectionLine({ ...c, pid: null, process: null, exe: null }, lineContext('h'), closedAt, owner),
  );
  assert.deepEqual(doc, {
    '@timestamp': '2026-01-02T03:04:05.008Z',
    ecs: { version: '8.11.0' },
    event: {
      kind: 'event',
      category: ['network'],
      type: ['connection', 'end'],
      action: 'connection-closed',
      module: 'netwatch',
      dataset: 'netwatch.connection',
      start: '2026-01-02T03:04:05.006Z',
      end: '2026-01-02T03:04:05.008Z',
      duration: 2_000_000,
    },
    host: { hostname: 'h' },
    network: { transport: 'tcp', type: 'ipv4', direction: 'ingress' },
    source: { ip: '127.0.0.1', port: 443 },
    destination: { ip: '127.0.0.1', port: 40000 },
    process: { pid: 7, name: 'nginx', executable: '/usr/sbin/nginx' },
    user: { id: '1000', name: 'nginx' },
    netwatch: {
      connection: {
        key: 'k',
        direction: 'inbound',
        state: 'ESTABLISHED',
        first_seen: c.firstSeen,
        closed_at: closedAt,
        program_id: 7,
      },
    },
  });
  const listener = JSON.parse(
    connectionLine({ ...c, direction: 'listen', state: null, uid: null, user: null }, lineContext('h'), null),
  ) as Record<string, unknown>;
  assert.equal(listener.source, undefined);
  assert.equal(listener.user, undefined);
  assert.deepEqual(listener.destination, { ip: '127.0.0.1', port: 40000 });
  assert.equal((listener.netwatch as { connection: { state: unknown } }).connection.state, null);
});

test('where the remote name came from rides along when known', () => {
  const asked = JSON.parse(
    connectionLine({ ...connection('curl'), hostSource: 'asked' }, lineContext('h'), null),
  ) as { netwatch: { connection: { host_source?: string } } };
  assert.equal(asked.netwatch.connection.host_source, 'asked');
  const unknown = JSON.parse(connectionLine(connection('curl'), lineContext('h'), null)) as typeof asked;
  assert.equal(unknown.netwatch.connection.host_source, undefined);
});
