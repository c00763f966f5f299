// Writes one tick in one transaction with statements prepared once: new connections, changes the
// history keeps, closings, new programs, programs' last seen, series buckets, the tick's time.
import type Database from 'better-sqlite3';
import type { LiveConnection } from '../../../shared/model';
import type { ProgramSighting, TickWrite, TrackedConnection } from '../monitor/changes';
import { seriesAggregation } from '../monitor/series-metrics';
import type { KnownProgram } from './store';

type Params = Record<string, string | number | null>;

function connectionParams(rowId: number, c: LiveConnection): Params {
  return {
    id: rowId,
    proto: c.proto,
    family: c.family,
    local_address: c.localAddress,
    local_port: c.localPort,
    remote_address: c.remoteAddress,
    remote_port: c.remotePort,
    remote_host: c.remoteHost,
    host_source: c.remoteHost === null ? null : (c.hostSource ?? 'reverse'),
    direction: c.direction,
    state: c.state,
    pid: c.pid,
    program_id: c.programId,
    process: c.process,
    // The program row holds the path of attributed connections; keep it here only without one.
    exe: c.programId === null ? c.exe : null,
    uid: c.uid,
    user: c.user,
    first_seen: c.firstSeen,
    country: c.country ?? null,
    asn: c.asn ?? null,
    as_org: c.asOrg ?? null,
    netns: c.netns ?? null,
    unit: c.unit ?? null,
    bytes_sent: c.bytesSent ?? null,
    bytes_received: c.bytesReceived ?? null,
  };
}

export class TickStatements {
  private readonly insertConnection: Database.Statement<[Params]>;
  private readonly updateConnection: Database.Statement<[Params]>;
  private readonly closeConnection: Database.Statement<[Params]>;
  private readonly updateBytes: Database.Statement<[Params]>;
  private readonly insertProgram: Database.Statement<[Params]>;
  private readonly touchProgram: Database.Statement<[number, number]>;
  private readonly countProgram: Database.Statement<[number, number]>;
  private readonly upsertSeries: Database.Statement<[Params]>;
  private readonly setMeta: Database.Statement<[string, string]>;
  private readonly closeOpen: Database.Statement<[number, number, number]>;
  private readonly selectOpen: Database.Statement<[number], { id: number }>;
  private readonly getMeta: Database.Statement<[string], { value: string }>;
  private readonly maxId: Database.Statement<[], { id: number | null }>;
  /** First row id of this run: rows of earlier runs are all closed (at their end, or by recover()). */
  private runFirstId = 0;
  readonly writeTick: (tick: TickWrite) => void;

  constructor(private readonly db: Database.Database) {
    this.insertConnection = db.prepare(`
      INSERT INTO connections (id, proto, family, local_address, local_port, remote_address, remote_port,
        remote_host, host_source, direction, state, pid, program_id, process, exe, uid, user, first_seen, country,
        asn, as_org, netns, unit, bytes_sent, bytes_received)
      VALUES (:id, :proto, :family, :local_address, :local_port, :remote_address, :remote_port,
        :remote_host, :host_source, :direction, :state, :pid, :program_id, :process, :exe, :uid, :user, :first_seen,
        :country, :asn, :as_org, :netns, :unit, :bytes_sent, :bytes_received)
      ON CONFLICT (id) DO NOTHING`);
    // An owner that goes out of sight keeps its row: the kernel stops naming the process once a
    // connection enters TIME_WAIT (or its process exits first), but the history of what a program
    // did must still say it was that program's. A new owner (a passed descriptor) replaces it.
    this.updateConnection = db.prepare(`
      UPDATE connections SET state = :state,
        pid = CASE WHEN :pid IS NULL THEN pid ELSE :pid END,
        program_id = CASE WHEN :pid IS NULL THEN program_id ELSE :program_id END,
        process = CASE WHEN :pid IS NULL THEN process ELSE :process END,
        exe = CASE WHEN :pid IS NULL THEN exe ELSE :exe END,
        uid = coalesce(:uid, uid), user = coalesce(:user, user),
        remote_host = coalesce(:remote_host, remote_host),
        host_source = CASE WHEN :remote_host IS NULL THEN host_source ELSE :host_source END,
        unit = coalesce(:unit, unit),
        bytes_sent = coalesce(:bytes_sent, bytes_sent), bytes_received = coalesce(:bytes_received, bytes_received)
      WHERE id = :id`);
    this.updateBytes = db.prepare(`
      UPDATE connections SET bytes_sent = coalesce(:bytes_sent, bytes_sent),
        bytes_received = coalesce(:bytes_received, bytes_received)
      WHERE id = :id`);
    this.closeConnection = db.prepare(`
      UPDATE connections SET state = coalesce(:state, state), last_seen = :last_seen, closed_at = :closed_at,
        bytes_sent = coalesce(:bytes_sent, bytes_sent), bytes_received = coalesce(:bytes_received, bytes_received)
      WHERE id = :id AND closed_at IS NULL`);
    this.insertProgram = db.prepare(`
      INSERT INTO programs (id, exe, sha256, name, uid, user, cmdline, first_seen, last_seen, baseline)
      VALUES (:id, :exe, :sha256, :name, :uid, :user, :cmdline, :first_seen, :first_seen, :baseline)
      ON CONFLICT DO NOTHING`);
    this.touchProgram = db.prepare('UPDATE programs SET last_seen = max(last_seen, ?) WHERE id = ?');
    this.countProgram = db.prepare(
      'UPDATE programs SET connections_total = connections_total + ? WHERE id = ?',
    );
    this.upsertSeries = db.prepare(`
      INSERT INTO series (metric, bucket, bucket_ms, key, total, weight)
      VALUES (:metric, :bucket, :bucket_ms, :key, :total, :weight)
      ON CONFLICT (metric, bucket, bucket_ms, key) DO UPDATE SET
        total = CASE WHEN :aggregation = 'max' THEN max(total, excluded.total) ELSE total + excluded.total END,
        weight = weight + excluded.weight`);
    this.setMeta = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    // Open rows are looked for among this run's rows only (a rowid range), so no index is needed.
    this.closeOpen = db.prepare(
      'UPDATE connections SET last_seen = max(first_seen, ?), closed_at = max(first_seen, ?) WHERE id >= ? AND closed_at IS NULL',
    );
    this.selectOpen = db.prepare('SELECT id FROM connections WHERE id >= ? AND closed_at IS NULL');
    this.getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.maxId = db.prepare('SELECT max(id) AS id FROM connections');
    this.writeTick = db.transaction((tick: TickWrite) => this.write(tick));
  }

  private write(tick: TickWrite): void {
    for (const sighting of tick.programs) this.addProgram(sighting);
    const newPerProgram = new Map<number, number>();
    for (const { rowId, connection } of tick.opened) {
      this.insertConnection.run(connectionParams(rowId, connection));
      if (connection.programId !== null) {
        newPerProgram.set(connection.programId, (newPerProgram.get(connection.programId) ?? 0) + 1);
      }
    }
    for (const changed of tick.changed) {
      this.updateConnection.run(connectionParams(changed.rowId, changed.connection));
      // A program resolved after the connection opened (its hash was still being read) counts now.
      const programId = changed.connection.programId;
      if (programId !== null && changed.previousProgramId !== programId) {
        newPerProgram.set(programId, (newPerProgram.get(programId) ?? 0) + 1);
      }
    }
    for (const closed of tick.closed) {
      this.closeConnection.run({
        id: closed.rowId,
        state: closed.connection.state,
        last_seen: Math.min(
          closed.closedAt,
          Math.max(closed.connection.firstSeen, tick.previousAt ?? closed.closedAt),
        ),
        closed_at: closed.closedAt,
        bytes_sent: closed.connection.bytesSent ?? null,
        bytes_received: closed.connection.bytesReceived ?? null,
      });
    }
    for (const b of tick.bytes ?? [])
      this.updateBytes.run({ id: b.rowId, bytes_sent: b.bytesSent, bytes_received: b.bytesReceived });
    for (const [programId, n] of newPerProgram) this.countProgram.run(n, programId);
    for (const programId of tick.activePrograms) this.touchProgram.run(tick.at, programId);
    for (const row of tick.series) {
      this.upsertSeries.run({
        metric: row.metric,
        bucket: row.bucket,
        bucket_ms: row.bucketMs,
        key: row.key,
        total: row.total,
        weight: row.weight,
        aggregation: seriesAggregation[row.metric],
      });
    }
    this.setMeta.run('last_tick_at', String(tick.at));
  }

  private addProgram(s: ProgramSighting): void {
    this.insertProgram.run({
      id: s.program.id,
      exe: s.program.exe,
      sha256: s.program.sha256,
      name: s.program.name,
      uid: s.uid,
      user: s.user,
      cmdline: s.cmdline,
      first_seen: Math.min(s.at, s.connection.firstSeen),
      baseline: s.baseline ? 1 : 0,
    });
  }

  /**
   * Starts a run: rows a crashed run left open are closed at its last tick, then this run's rows
   * begin after the last id. Returns how many rows were recovered.
   */
  startRun(): number {
    return this.db.transaction(() => {
      const last = Number(this.getMeta.get('last_tick_at')?.value ?? NaN);
      const from = Number(this.getMeta.get('run_first_id')?.value ?? 0) || 0;
      const recovered = Number.isFinite(last) ? this.closeOpen.run(last, last, from).changes : 0;
      this.runFirstId = (this.maxId.get()?.id ?? 0) + 1;
      this.setMeta.run('run_first_id', String(this.runFirstId));
      return recovered;
    })();
  }

  /** Closes every open row of this run at `at` (never before the row's first_seen); returns how many. */
  closeAllOpen(at: number): number {
    return this.closeOpen.run(at, at, this.runFirstId).changes;
  }

  /** See Store.reconcile. */
  reconcile(live: Iterable<TrackedConnection>, programs: Iterable<KnownProgram>, at: number): void {
    this.db.transaction(() => {
      for (const p of programs) {
        this.insertProgram.run({
          id: p.id,
          exe: p.exe,
          sha256: p.sha256,
          name: p.name,
          uid: null,
          user: null,
          cmdline: null,
          first_seen: at,
          baseline: p.baseline ? 1 : 0,
        });
      }
      const liveIds = new Set<number>();
      for (const { rowId, connection } of live) {
        liveIds.add(rowId);
        this.insertConnection.run(connectionParams(rowId, connection));
      }
      for (const { id } of this.selectOpen.all(this.runFirstId)) {
        if (!liveIds.has(id))
          this.closeConnection.run({
            id,
            state: null,
            last_seen: at,
            closed_at: at,
            bytes_sent: null,
            bytes_received: null,
          });
      }
      this.setMeta.run('last_tick_at', String(at));
    })();
  }
}
