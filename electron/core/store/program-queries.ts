// Reads of programs: the list with first/last seen and counts, one program, its remotes, the
// programs known at start (for the registry), and the remotes most talked to.
import type Database from 'better-sqlite3';
import type { ProgramRecord } from '../../../shared/model';
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

/** How many recent connections of one program "its remotes" are counted over. */
const REMOTES_WINDOW = 10_000;
export class ProgramQueries {
  private readonly all: Database.Statement<[], ProgramRow>;
  private readonly one: Database.Statement<[number], ProgramRow>;
  private readonly remotes: Database.Statement<[number, number], RemoteTotal>;

  constructor(db: Database.Database) {
    this.all = db.prepare('SELECT * FROM programs ORDER BY last_seen DESC, id DESC');
    this.one = db.prepare('SELECT * FROM programs WHERE id = ?');
    this.remotes = db.prepare(`
      SELECT remote_address AS address, max(remote_host) AS host, count(*) AS count
      FROM (SELECT remote_address, remote_host FROM connections
            WHERE program_id = ? AND direction != 'listen'
            ORDER BY first_seen DESC LIMIT ${REMOTES_WINDOW})
      GROUP BY remote_address ORDER BY count DESC, address LIMIT ?`);
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
    return this.remotes.all(id, limit);
  }
}
