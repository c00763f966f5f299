// Schema 1: connection lifecycles, programs, per-minute series, settings and bookkeeping.
// STRICT tables; indexes serve the newest-first keyset pages (by time, by program, by remote).
import type { Migration } from './migration';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- A program is its executable path plus the SHA-256 of the binary (null: unreadable).
      CREATE TABLE programs (
        id INTEGER PRIMARY KEY,
        exe TEXT NOT NULL,
        sha256 TEXT,
        name TEXT NOT NULL,
        uid INTEGER,
        user TEXT,
        cmdline TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        trusted INTEGER NOT NULL DEFAULT 0,
        baseline INTEGER NOT NULL DEFAULT 0,
        connections_total INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE UNIQUE INDEX programs_exe_sha ON programs (exe, ifnull(sha256, ''));

      -- One row per connection lifecycle. exe is kept only when no program is known (else the
      -- program's); closed_at is null while the connection is open.
      CREATE TABLE connections (
        id INTEGER PRIMARY KEY,
        proto TEXT NOT NULL,
        family INTEGER NOT NULL,
        local_address TEXT NOT NULL,
        local_port INTEGER NOT NULL,
        remote_address TEXT NOT NULL,
        remote_port INTEGER NOT NULL,
        remote_host TEXT,
        direction TEXT NOT NULL,
        state TEXT,
        pid INTEGER,
        program_id INTEGER,
        process TEXT,
        exe TEXT,
        uid INTEGER,
        user TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER,
        closed_at INTEGER
      ) STRICT;
      CREATE INDEX connections_first_seen ON connections (first_seen);
      CREATE INDEX connections_program ON connections (program_id, first_seen);
      CREATE INDEX connections_remote ON connections (remote_address, first_seen);
      -- no index on open rows: only the last run's rows can be open (meta run_first_id)

      -- Per-minute buckets, rolled up to hours past a day (see monitor/series-metrics.ts).
      CREATE TABLE series (
        metric TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        bucket_ms INTEGER NOT NULL,
        key TEXT NOT NULL,
        total REAL NOT NULL,
        weight REAL NOT NULL,
        PRIMARY KEY (metric, bucket, bucket_ms, key)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
