// The event stream's documents: one per connection opened, connection closed and alert, in fields
// of the Elastic Common Schema (source.ip, destination.port, process.executable, event.kind ...),
// so Filebeat, Vector or Fluent Bit ship them unchanged. What ECS has no field for sits under
// `netwatch.*`. The schema is documented in the README ("Watching many machines").
import type { AlertRecord, Direction, LiveConnection } from '../../../shared/model';
import { jsonLine, jsonString } from './json-line';

export const ECS_VERSION = '8.11.0';

export type EcsDocument = Record<string, unknown>;

const SEVERITY = { low: 1, medium: 2, high: 3 } as const;

/** ECS's network.direction is from the host's point of view. */
function networkDirection(direction: Direction): 'ingress' | 'egress' | 'unknown' {
  return direction === 'inbound' ? 'ingress' : direction === 'outbound' ? 'egress' : 'unknown';
}

function endpoint(ip: string, port: number, domain?: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = { ip, port };
  if (domain) out.domain = domain;
  return out;
}

function processFields(c: {
  pid: number | null;
  process: string | null;
  exe: string | null;
  cmdline: string | null;
}): Record<string, unknown> | undefined {
  if (c.pid === null && c.process === null && c.exe === null) return undefined;
  const out: Record<string, unknown> = {};
  if (c.pid !== null) out.pid = c.pid;
  if (c.process !== null) out.name = c.process;
  if (c.exe !== null) out.executable = c.exe;
  if (c.cmdline !== null) out.command_line = c.cmdline;
  return out;
}

function userFields(uid: number | null, user: string | null): Record<string, unknown> | undefined {
  if (uid === null && user === null) return undefined;
  const out: Record<string, unknown> = {};
  if (uid !== null) out.id = String(uid);
  if (user !== null) out.name = user;
  return out;
}

type Owner = Pick<LiveConnection, 'pid' | 'process' | 'exe' | 'cmdline'>;
type Account = Pick<LiveConnection, 'uid' | 'user'>;

/**
 * What the lines of one stream share, written once: the host, ISO times (a tick's events share
 * them), and the process and user members (a process's connections all name it).
 */
export interface LineContext {
  /** The host name as a JSON string literal, escaped once. */
  readonly host: string;
  iso(ms: number): string;
  /** `,"process":{...}`, or '' for no owner. */
  process(p: Owner): string;
  /** `,"user":{...}`, or '' for none. */
  user(u: Account): string;
}

/** A small cache that forgets everything when full: the working set is a tick's processes. */
function memo<K, V>(limit: number): { get(key: K): V | undefined; set(key: K, value: V): V } {
  const map = new Map<K, V>();
  return {
    get: (key) => map.get(key),
    set(key, value) {
      if (map.size >= limit) map.clear();
      map.set(key, value);
      return value;
    },
  };
}

export function lineContext(hostname: string): LineContext {
  const times = memo<number, string>(256);
  const processes = memo<number | string, { owner: Owner; text: string }>(4096);
  const users = memo<number | string, { account: Account; text: string }>(1024);
  return {
    host: jsonString(hostname),
    iso: (ms) => times.get(ms) ?? times.set(ms, new Date(ms).toISOString()),
    process(p) {
      const key = p.pid ?? p.exe ?? p.process ?? '';
      const hit = processes.get(key);
      if (hit && sameOwner(hit.owner, p)) return hit.text;
      return processes.set(key, { owner: { ...p }, text: processMember(p) }).text;
    },
    user(u) {
      const key = u.uid ?? u.user ?? '';
      const hit = users.get(key);
      if (hit && hit.account.uid === u.uid && hit.account.user === u.user) return hit.text;
      return users.set(key, { account: { uid: u.uid, user: u.user }, text: userMember(u) }).text;
    },
  };
}

const sameOwner = (a: Owner, b: Owner): boolean =>
  a.pid === b.pid && a.process === b.process && a.exe === b.exe && a.cmdline === b.cmdline;

function processMember(p: Owner): string {
  if (p.pid === null && p.process === null && p.exe === null) return '';
  return `,"process":{${members([
    p.pid === null ? null : `"pid":${p.pid}`,
    p.process === null ? null : `"name":${jsonString(p.process)}`,
    p.exe === null ? null : `"executable":${jsonString(p.exe)}`,
    p.cmdline === null ? null : `"command_line":${jsonString(p.cmdline)}`,
  ])}}`;
}

function userMember(u: Account): string {
  if (u.uid === null && u.user === null) return '';
  return `,"user":{${members([u.uid === null ? null : `"id":"${u.uid}"`, u.user === null ? null : `"name":${jsonString(u.user)}`])}}`;
}

/** The members of a JSON object that are there, comma-separated. */
const members = (fields: (string | null)[]): string => fields.filter((f) => f !== null).join(',');

const optional = (name: string, value: string | null): string =>
  value === null ? '' : `,"${name}":${jsonString(value)}`;

/**
 * A connection opened (first seen) or closed (found gone at `closedAt`), as one JSON line. `owner`:
 * the last row that showed the owning process, when this one no longer does. Written out field by
 * field rather than through JSON.stringify of a document: thousands of these a tick are the
 * stream's whole cost. Every string goes through jsonString; numbers are the row's own.
 */
export function connectionLine(
  c: LiveConnection,
  ctx: LineContext,
  closedAt: number | null,
  owner?: LiveConnection,
): string {
  const start = ctx.iso(c.firstSeen);
  const local = `{"ip":${jsonString(c.localAddress)},"port":${c.localPort}}`;
  const remote =
    `{"ip":${jsonString(c.remoteAddress)},"port":${c.remotePort}` +
    `${c.remoteHost ? `,"domain":${jsonString(c.remoteHost)}` : ''}}`;
  // A listener waits on its local address: that is where connections go.
  const ends =
    c.direction === 'inbound'
      ? `"source":${remote},"destination":${local}`
      : c.direction === 'outbound'
        ? `"source":${local},"destination":${remote}`
        : `"destination":${local}`;
  const event =
    closedAt === null
      ? `"type":["connection","start"],"action":"connection-opened","module":"netwatch","dataset":"netwatch.connection","start":"${start}"`
      : `"type":["connection","end"],"action":"connection-closed","module":"netwatch","dataset":"netwatch.connection","start":"${start}","end":"${ctx.iso(closedAt)}","duration":${Math.max(0, closedAt - c.firstSeen) * 1_000_000}`;
  const process = ctx.process(owner ?? c);
  const user = ctx.user(c);
  const state = c.state === null ? 'null' : jsonString(c.state);
  return (
    `{"@timestamp":"${closedAt === null ? start : ctx.iso(closedAt)}","ecs":{"version":"${ECS_VERSION}"},` +
    `"event":{"kind":"event","category":["network"],${event}},"host":{"hostname":${ctx.host}},` +
    `"network":{"transport":${jsonString(c.proto)},"type":"${c.family === 6 ? 'ipv6' : 'ipv4'}","direction":"${networkDirection(c.direction)}"},` +
    `${ends}${process}${user},"netwatch":{"connection":{"key":${jsonString(c.key)},` +
    `"direction":${jsonString(c.direction)},"state":${state}${optional('service', c.service)}${optional('host_source', c.hostSource ?? null)},` +
    `"first_seen":${c.firstSeen},"closed_at":${closedAt ?? 'null'},"program_id":${c.programId ?? 'null'}}}}\n`
  );
}

/** An alert as raised (repeats fold into it and are not streamed again), as one JSON line. */
export function alertLine(a: AlertRecord, hostname: string): string {
  return jsonLine(alertEvent(a, hostname));
}

function alertEvent(a: AlertRecord, hostname: string): EcsDocument {
  const doc: EcsDocument = {
    '@timestamp': new Date(a.createdAt).toISOString(),
    ecs: { version: ECS_VERSION },
    event: {
      kind: 'alert',
      category: ['network'],
      type: ['info'],
      action: a.kind,
      module: 'netwatch',
      dataset: 'netwatch.alert',
      id: String(a.id),
      severity: SEVERITY[a.severity],
    },
    host: { hostname },
    message: a.message,
    rule: { name: a.kind },
  };
  if (a.proto !== null) doc.network = { transport: a.proto };
  const local = a.localAddress === null ? null : endpoint(a.localAddress, a.localPort ?? 0);
  const remote = a.remoteAddress === null ? null : endpoint(a.remoteAddress, a.remotePort ?? 0, a.remoteHost);
  // A program alert names where it connected to; a listener or flood alert what came in.
  const outgoing = a.kind === 'new-program' || a.kind === 'changed-program';
  const [source, destination] = outgoing ? [local, remote] : [remote, local];
  if (source) doc.source = source;
  if (destination) doc.destination = destination;
  const process = processFields({ pid: null, process: a.process, exe: a.exe, cmdline: a.cmdline });
  if (process) doc.process = process;
  const user = userFields(null, a.user);
  if (user) doc.user = user;
  doc.netwatch = {
    alert: {
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      program_id: a.programId,
      service: a.service,
      local_port: a.localPort,
      remote_port: a.remotePort,
    },
  };
  return doc;
}
