// The history filter as SQL: one WHERE clause shared by the paged query (history.query, the CLI)
// and the streamed one (exports), newest first by (first_seen, id). Statements are cached by
// their text, so each filter shape is prepared once.
import type Database from 'better-sqlite3';
import type { Cursor, HistoryFilter } from '../../../shared/contract';
import type { ConnectionRecord, Direction, Family, HostSource, Proto } from '../../../shared/model';

export const CONNECTION_COLUMNS = `
  c.id, c.proto, c.family, c.local_address, c.local_port, c.remote_address, c.remote_port,
  c.remote_host, c.host_source, c.direction, c.state, c.pid, c.program_id, c.process, coalesce(c.exe, p.exe) AS exe,
  c.uid, c.user, c.first_seen, c.last_seen, c.closed_at, c.country, c.asn, c.as_org,
  c.netns, c.unit, c.bytes_sent, c.bytes_received`;

export interface ConnectionRow {
  id: number;
  proto: string;
  family: number;
  local_address: string;
  local_port: number;
  remote_address: string;
  remote_port: number;
  remote_host: string | null;
  host_source: string | null;
  direction: string;
  state: string | null;
  pid: number | null;
  program_id: number | null;
  process: string | null;
  exe: string | null;
  uid: number | null;
  user: string | null;
  first_seen: number;
  last_seen: number | null;
  closed_at: number | null;
  country: string | null;
  asn: number | null;
  as_org: string | null;
  netns: string | null;
  unit: string | null;
  bytes_sent: number | null;
  bytes_received: number | null;
}

const protos = new Set<string>(['tcp', 'udp', 'raw']);

/** The column as the model's type (the table's CHECK allows these two or null). */
export function hostSourceOf(value: string | null): HostSource | null {
  return value === 'asked' || value === 'reverse' ? value : null;
}
const directions = new Set<string>(['listen', 'inbound', 'outbound']);

/** Parses a row read back from the database; a value outside the model is a corrupt row. */
export function toConnectionRecord(r: ConnectionRow): ConnectionRecord {
  if (!protos.has(r.proto) || (r.family !== 4 && r.family !== 6) || !directions.has(r.direction)) {
    throw new Error(
      `history row ${r.id} holds values netwatch does not write (${r.proto}/${r.family}/${r.direction})`,
    );
  }
  return {
    id: r.id,
    proto: r.proto as Proto,
    family: r.family as Family,
    localAddress: r.local_address,
    localPort: r.local_port,
    remoteAddress: r.remote_address,
    remotePort: r.remote_port,
    remoteHost: r.remote_host,
    direction: r.direction as Direction,
    state: r.state,
    pid: r.pid,
    programId: r.program_id,
    process: r.process,
    exe: r.exe,
    uid: r.uid,
    user: r.user,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    closedAt: r.closed_at,
    country: r.country,
    asn: r.asn,
    asOrg: r.as_org,
    netns: r.netns,
    unit: r.unit,
    // After the tags, as in exports (export-columns.ts): a CSV read by position keeps its columns.
    hostSource: hostSourceOf(r.host_source),
    bytesSent: r.bytes_sent,
    bytesReceived: r.bytes_received,
  };
}

function likeSubstring(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface FilterSql {
  where: string;
  params: Record<string, string | number>;
}

/** The WHERE clause of a filter (and cursor), with named parameters. */
export function filterSql(filter: HistoryFilter, cursor: Cursor | null = null): FilterSql {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.programId !== undefined) {
    clauses.push('c.program_id = :programId');
    params.programId = filter.programId;
  }
  if (filter.program !== undefined) {
    // Programs are few: match them first, so the connection index does the rest.
    clauses.push(
      `(c.program_id IN (SELECT id FROM programs WHERE exe LIKE :program ESCAPE '\\' OR name LIKE :program ESCAPE '\\')
        OR (c.program_id IS NULL AND (c.process LIKE :program ESCAPE '\\' OR c.exe LIKE :program ESCAPE '\\')))`,
    );
    params.program = likeSubstring(filter.program);
  }
  if (filter.remote !== undefined) {
    clauses.push(`(c.remote_address = :remote OR c.remote_host LIKE :remoteLike ESCAPE '\\')`);
    params.remote = filter.remote;
    params.remoteLike = likeSubstring(filter.remote);
  }
  if (filter.port !== undefined) {
    clauses.push('(c.remote_port = :port OR c.local_port = :port)');
    params.port = filter.port;
  }
  if (filter.proto !== undefined) {
    clauses.push('c.proto = :proto');
    params.proto = filter.proto;
  }
  if (filter.state !== undefined) {
    clauses.push('c.state = :state');
    params.state = filter.state.toUpperCase();
  }
  if (filter.direction !== undefined) {
    clauses.push('c.direction = :direction');
    params.direction = filter.direction;
  }
  if (filter.netns !== undefined) {
    clauses.push('c.netns = :netns');
    params.netns = filter.netns;
  }
  if (filter.unit !== undefined) {
    clauses.push(`c.unit LIKE :unit ESCAPE '\\'`);
    params.unit = likeSubstring(filter.unit);
  }
  // The range selects connections that started in it.
  if (filter.from !== undefined) {
    clauses.push('c.first_seen >= :from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    clauses.push('c.first_seen <= :to');
    params.to = filter.to;
  }
  if (filter.country !== undefined) {
    clauses.push('c.country = :country');
    params.country = filter.country;
  }
  if (filter.asn !== undefined) {
    clauses.push('c.asn = :asn');
    params.asn = filter.asn;
  }
  if (cursor) {
    clauses.push('(c.first_seen, c.id) < (:cursorFirstSeen, :cursorId)');
    params.cursorFirstSeen = cursor.firstSeen;
    params.cursorId = cursor.id;
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function historySql(where: string, limit: boolean): string {
  return `SELECT ${CONNECTION_COLUMNS}
    FROM connections c LEFT JOIN programs p ON p.id = c.program_id
    ${where}
    ORDER BY c.first_seen DESC, c.id DESC${limit ? ' LIMIT :limit' : ''}`;
}

/** Prepared statements by SQL text, least recently used dropped past `max`. */
export class StatementCache {
  private readonly map = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly max = 64,
  ) {}

  get(sql: string): Database.Statement {
    let statement = this.map.get(sql);
    if (statement) {
      this.map.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
    }
    this.map.set(sql, statement);
    return statement;
  }
}
