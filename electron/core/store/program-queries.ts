// Reads of programs: the list with first/last seen and counts, one program, its remotes, the
// programs known at start (for the registry), and the remotes most talked to.
import type Database from 'better-sqlite3';
import type { FirstReach, ProgramRecord } from '../../../shared/model';
import { hostSourceOf } from './history-query';
import type { KnownProgram, RemoteTotal } from './store';

interface ProgramRow {
  id: number;
  exe: string;
  sha256: string | null;
  name: string;
  user: string | null;
  cmdline: string | null;
  first_seen: number;
  last_seen: number;
  trusted: number;
  baseline: number;
  connections_total: number;
}

function toProgramRecord(r: ProgramRow): ProgramRecord {
  return {
    id: r.id,
    exe: r.exe,
    sha256: r.sha256,
    name: r.name,
    user: r.user,
    cmdline: r.cmdline,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    trusted: r.trusted !== 0,
    baseline: r.baseline !== 0,
    connectionsTotal: r.connections_total,
    connectionsNow: 0,
  };
}

interface RemoteRow {
  address: string;
  host: string | null;
  host_source: string | null;
  count: number;
  country: string | null;
  asn: number | null;
  as_org: string | null;
  sent: number | null;
  received: number | null;
}

interface FirstRow {
  kind: string;
  country: string | null;
  asn: number | null;
  as_org: string | null;
  first_seen: number;
}

/** How many recent connections of one program "its remotes" are counted over. */
const REMOTES_WINDOW = 10_000;
export class ProgramQueries {
  private readonly all: Database.Statement<[], ProgramRow>;
  private readonly one: Database.Statement<[number], ProgramRow>;
  private readonly remotes: Database.Statement<[number, number], RemoteRow>;
  private readonly firsts: Database.Statement<[{ id: number; limit: number }], FirstRow>;

  constructor(db: Database.Database) {
    this.all = db.prepare('SELECT * FROM programs ORDER BY last_seen DESC, id DESC');
    this.one = db.prepare('SELECT * FROM programs WHERE id = ?');
    this.remotes = db.prepare(`
      SELECT remote_address AS address,
        coalesce(max(CASE WHEN host_source = 'asked' THEN remote_host END), max(remote_host)) AS host,
        CASE WHEN max(host_source = 'asked') THEN 'asked' WHEN max(remote_host) IS NOT NULL THEN 'reverse' END
          AS host_source,
        count(*) AS count, max(country) AS country, max(asn) AS asn, max(as_org) AS as_org,
        sum(bytes_sent) AS sent, sum(bytes_received) AS received
      FROM (SELECT remote_address, remote_host, host_source, country, asn, as_org, bytes_sent, bytes_received
            FROM connections
            WHERE program_id = ? AND direction != 'listen'
            ORDER BY first_seen DESC LIMIT ${REMOTES_WINDOW})
      GROUP BY remote_address
      ORDER BY coalesce(sum(bytes_sent), 0) + coalesce(sum(bytes_received), 0) DESC, count DESC, address LIMIT ?`);
    // Countries are ISO codes here (GLOB): a scope word (private, loopback) is no place reached.
    this.firsts = db.prepare(`
      SELECT 'country' AS kind, country, NULL AS asn, NULL AS as_org, min(first_seen) AS first_seen
      FROM connections WHERE program_id = :id AND country GLOB '[A-Z][A-Z]' GROUP BY country
      UNION ALL
      SELECT 'as', NULL, asn, max(as_org), min(first_seen)
      FROM connections WHERE program_id = :id AND asn IS NOT NULL GROUP BY asn
      ORDER BY first_seen DESC, kind DESC LIMIT :limit`);
  }

  list(): ProgramRecord[] {
    return this.all.all().map(toProgramRecord);
  }

  get(id: number): ProgramRecord | null {
    const row = this.one.get(id);
    return row ? toProgramRecord(row) : null;
  }

  known(): KnownProgram[] {
    return this.all.all().map((r) => ({
      id: r.id,
      exe: r.exe,
      sha256: r.sha256,
      name: r.name,
      baseline: r.baseline !== 0,
    }));
  }

  remotesOf(id: number, limit: number): RemoteTotal[] {
    return this.remotes.all(id, limit).map((r) => ({
      address: r.address,
      host: r.host,
      hostSource: hostSourceOf(r.host_source),
      count: r.count,
      country: r.country,
      asn: r.asn,
      asOrg: r.as_org,
      bytesSent: r.sent,
      bytesReceived: r.received,
    }));
  }

  firstsOf(id: number, limit: number): FirstReach[] {
    return this.firsts.all({ id, limit }).map((r) => ({
      kind: r.kind === 'as' ? 'as' : 'country',
      country: r.country,
      asn: r.asn,
      asOrg: r.as_org,
      firstSeen: r.first_seen,
    }));
  }
}
