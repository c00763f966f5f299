// Hand-written checks of what every backend must return, independent of any backend's parsers:
// the types of shared/model.ts, and the meaning they carry (netstat state names, port ranges,
// an unattributed row has no owner details).
import assert from 'node:assert/strict';
import type { InterfaceStats, ProtocolStats, Route, Snapshot, SocketRow } from '../../../../../shared/model';

export const NETSTAT_STATES = new Set([
  'ESTABLISHED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'CLOSING',
  // net-tools' word for a state number nobody knows; backends say so rather than guess.
  'UNKNOWN',
]);

const SOCKET_KEYS = [
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
].sort();

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isPort = (v: unknown): boolean => isCount(v) && (v as number) <= 65535;
const nullOrText = (v: unknown): boolean => v === null || (typeof v === 'string' && v.length > 0);

/** An address as text of the row's family: dotted quad for 4, colons (and maybe a %zone) for 6. */
export function addressFits(address: string, family: 4 | 6): boolean {
  if (family === 4)
    return /^\d{1,3}(\.\d{1,3}){3}$/.test(address) && address.split('.').every((o) => Number(o) <= 255);
  return /^[0-9a-f:.]+(%[^\s%]+)?$/.test(address) && address.includes(':');
}

/** Byte counters: a backend that reads them carries both on every row (null: not known). */
const BYTE_KEYS = ['bytesReceived', 'bytesSent'];

export function assertSocketRow(row: SocketRow, where: string): void {
  const keys = Object.keys(row).filter((k) => !BYTE_KEYS.includes(k));
  assert.deepEqual(keys.sort(), SOCKET_KEYS, `${where}: keys`);
  if ('bytesSent' in row || 'bytesReceived' in row) {
    assert.ok(row.bytesSent === null || isCount(row.bytesSent), `${where}: bytesSent ${row.bytesSent}`);
    assert.ok(row.bytesReceived === null || isCount(row.bytesReceived), `${where}: bytesReceived`);
    if (row.proto !== 'tcp')
      assert.equal(row.bytesSent, null, `${where}: no counters without events but TCP's`);
  }
  assert.ok(['tcp', 'udp', 'raw'].includes(row.proto), `${where}: proto ${row.proto}`);
  assert.ok(row.family === 4 || row.family === 6, `${where}: family`);
  assert.ok(addressFits(row.localAddress, row.family), `${where}: local address ${row.localAddress}`);
  assert.ok(addressFits(row.remoteAddress, row.family), `${where}: remote address ${row.remoteAddress}`);
  assert.ok(isPort(row.localPort) && isPort(row.remotePort), `${where}: ports`);
  if (row.proto === 'tcp')
    assert.ok(row.state !== null && NETSTAT_STATES.has(row.state), `${where}: state ${row.state}`);
  else assert.ok(row.state === null || NETSTAT_STATES.has(row.state), `${where}: state ${row.state}`);
  assert.ok(isCount(row.recvQ) && isCount(row.sendQ), `${where}: queues`);
  assert.ok(row.uid === null || isCount(row.uid), `${where}: uid`);
  assert.ok(nullOrText(row.user), `${where}: user`);
  assert.ok(isCount(row.inode), `${where}: inode`);
  assert.ok(row.pid === null || (isCount(row.pid) && row.pid > 0), `${where}: pid ${row.pid}`);
  assert.ok(
    nullOrText(row.process) && nullOrText(row.exe) && nullOrText(row.cmdline),
    `${where}: owner texts`,
  );
  assert.ok(row.processStart === null || Number.isFinite(row.processStart), `${where}: processStart`);
  if (row.pid === null) {
    // Unattributed is a normal state, and it claims nothing about an owner.
    assert.deepEqual(
      [row.process, row.exe, row.cmdline, row.processStart],
      [null, null, null, null],
      `${where}: unattributed`,
    );
  }
}

export function assertInterface(stats: InterfaceStats, where: string): void {
  assert.ok(typeof stats.name === 'string' && stats.name.length > 0, `${where}: name`);
  assert.ok(stats.mtu === null || isCount(stats.mtu), `${where}: mtu`);
  assert.ok(stats.flags === null || typeof stats.flags === 'string', `${where}: flags`);
  for (const key of [
    'rxBytes',
    'rxPackets',
    'rxErrors',
    'rxDropped',
    'rxOverruns',
    'rxFrame',
    'rxMulticast',
    'txBytes',
    'txPackets',
    'txErrors',
    'txDropped',
    'txOverruns',
    'txCarrier',
    'txCollisions',
  ] as const) {
    assert.ok(isCount(stats[key]), `${where}: ${key} = ${stats[key]}`);
  }
}

export function assertRoute(route: Route, where: string): void {
  assert.ok(route.family === 4 || route.family === 6, `${where}: family`);
  assert.ok(addressFits(route.destination, route.family), `${where}: destination ${route.destination}`);
  assert.ok(
    isCount(route.prefixLength) && route.prefixLength <= (route.family === 4 ? 32 : 128),
    `${where}: prefix`,
  );
  assert.ok(typeof route.gateway === 'string' && route.gateway.length > 0, `${where}: gateway`);
  if (route.family === 4)
    assert.ok(route.genmask !== null && addressFits(route.genmask, 4), `${where}: genmask`);
  else assert.equal(route.genmask, null, `${where}: genmask`);
  // Letters, and "!" for a reject route as Linux netstat prints it.
  assert.match(route.flags, /^[A-Za-z!]*$/, `${where}: flags`);
  // Linux shows an IPv6 reject route's metric 0xffffffff as -1, as netstat does: any integer.
  assert.ok(
    Number.isSafeInteger(route.metric) && isCount(route.ref) && isCount(route.use),
    `${where}: counters`,
  );
  assert.ok(typeof route.iface === 'string' && route.iface.length > 0, `${where}: iface`);
}

export function assertProtocolStats(stats: ProtocolStats, where: string): void {
  assert.ok(Object.keys(stats).length > 0, `${where}: no group`);
  for (const [group, counters] of Object.entries(stats)) {
    assert.ok(group.length > 0 && typeof counters === 'object' && counters !== null, `${where}: ${group}`);
    for (const [name, value] of Object.entries(counters)) {
      assert.ok(name.length > 0 && Number.isFinite(value), `${where}: ${group}.${name} = ${value}`);
    }
  }
}

export function assertSnapshot(
  snap: Snapshot,
  clockNow: number,
  clockMonotonic: number,
  where: string,
): void {
  assert.deepEqual(
    Object.keys(snap)
      .filter((k) => k !== 'bytesReadAtMs' && k !== 'byteCounters')
      .sort(),
    ['interfaces', 'monotonicMs', 'privileged', 'sockets', 'takenAt'],
    where,
  );
  if (snap.byteCounters !== undefined) {
    assert.ok(['sock-diag', 'ss', 'off'].includes(snap.byteCounters), `${where}: byteCounters`);
    assert.ok(
      snap.bytesReadAtMs === null || typeof snap.bytesReadAtMs === 'number',
      `${where}: bytesReadAtMs`,
    );
  }
  assert.equal(snap.takenAt, clockNow, `${where}: takenAt from the clock`);
  assert.equal(snap.monotonicMs, clockMonotonic, `${where}: monotonicMs from the clock`);
  assert.equal(typeof snap.privileged, 'boolean', `${where}: privileged`);
  snap.sockets.forEach((row, i) => assertSocketRow(row, `${where} socket ${i}`));
  snap.interfaces.forEach((s, i) => assertInterface(s, `${where} interface ${i}`));
}
