// Schema 2: the alert engine's tables. Alerts (one open row per kind and subject, enforced by a
// partial unique index), the rules a person sets, and the ports each program was seen listening on.
import type { Migration } from './migration';

export const alerts: Migration = {
  version: 2,
  name: 'alerts',
  up(db) {
    db.exec(`
      -- subject: what "one open alert" is counted per (a program id, an executable path, an owner,
      -- a remote address); acknowledged_at is null while the alert is unread.
      CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        severity TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        count INTEGER NOT NULL DEFAULT 1,
        acknowledged_at INTEGER,
        program_id INTEGER,
        exe TEXT,
        process TEXT,
        user TEXT,
        cmdline TEXT,
        remote_address TEXT,
        remote_port INTEGER,
        remote_host TEXT,
        local_address TEXT,
        local_port INTEGER,
        service TEXT,
        proto TEXT,
        message TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX alerts_open ON alerts (kind, subject) WHERE acknowledged_at IS NULL;
      CREATE INDEX alerts_program ON alerts (program_id) WHERE program_id IS NOT NULL;
      CREATE INDEX alerts_last_at ON alerts (last_at);

      -- value: an executable path, an address or CIDR, a port, or an alert kind (normalised text).
      CREATE TABLE rules (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        note TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX rules_kind_value ON rules (kind, value);

      -- owner: the executable path, or "uid:N" for a socket whose process cannot be seen.
      CREATE TABLE known_listeners (
        owner TEXT NOT NULL,
        proto TEXT NOT NULL,
        port INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        PRIMARY KEY (owner, proto, port)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
