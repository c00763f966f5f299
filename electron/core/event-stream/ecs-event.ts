// The event stream's documents: one per connection opened, connection closed and alert, in fields
// of the Elastic Common Schema (source.ip, destination.port, process.executable, event.kind ...),
// so Filebeat, Vector or Fluent Bit ship them unchanged. What ECS has no field for sits under
// `netwatch.*`. The schema is documented in the README ("Watching many machines").
import type { AlertRecord, Direction, LiveConnection } from '../../../shared/model';

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

/**
 * A connection opened (first seen) or closed (found gone at `closedAt`). `owner`: the last row that
 * showed the owning process, when this one no longer does.
 */
export function connectionEvent(
  c: LiveConnection,
  hostname: string,
  closedAt: number | null,
  owner?: LiveConnection,
): EcsDocument {
  const local = endpoint(c.localAddress, c.localPort);
  const remote = endpoint(c.remoteAddress, c.remotePort, c.remoteHost);
  // A listener waits on its local address: that is where connections go.
  const [source, destination] =
    c.direction === 'inbound'
      ? [remote, local]
      : c.direction === 'outbound'
        ? [local, remote]
        : [null, local];
  const event: Record<string, unknown> = {
    kind: 'event',
    category: ['network'],
    type: closedAt === null ? ['connection', 'start'] : ['connection', 'end'],
    action: closedAt === null ? 'connection-opened' : 'connection-closed',
    module: 'netwatch',
    dataset: 'netwatch.connection',
    start: new Date(c.firstSeen).toISOString(),
  };
  if (closedAt !== null) {
    event.end = new Date(closedAt).toISOString();
    event.duration = Math.max(0, closedAt - c.firstSeen) * 1_000_000;
  }
  const doc: EcsDocument = {
    '@timestamp': new Date(closedAt ?? c.firstSeen).toISOString(),
    ecs: { version: ECS_VERSION },
    event,
    host: { hostname },
    network: {
      transport: c.proto,
      type: c.family === 6 ? 'ipv6' : 'ipv4',
      direction: networkDirection(c.direction),
    },
  };
  if (source) doc.source = source;
  doc.destination = destination;
  const process = processFields(owner ?? c);
  if (process) doc.process = process;
  const user = userFields(c.uid, c.user);
  if (user) doc.user = user;
  doc.netwatch = {
    connection: {
      key: c.key,
      direction: c.direction,
      state: c.state,
      local,
      remote,
      service: c.service,
      first_seen: c.firstSeen,
      closed_at: closedAt,
      program_id: c.programId,
    },
  };
  return doc;
}

/** An alert as raised (repeats fold into it and are not streamed again). */
export function alertEvent(a: AlertRecord, hostname: string): EcsDocument {
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
  if (a.localAddress !== null) doc.destination = endpoint(a.localAddress, a.localPort ?? 0);
  if (a.remoteAddress !== null) doc.source = endpoint(a.remoteAddress, a.remotePort ?? 0, a.remoteHost);
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
