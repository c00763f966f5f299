// The alerts of a report's time range. A database last written before the alert engine (schema 1,
// read without migrating) has no alerts table: its report says "no alerts recorded".
import type Database from 'better-sqlite3';

export interface ReportAlert {
  id: number;
  kind: string;
  severity: string;
  createdAt: number;
  lastAt: number;
  count: number;
  acknowledged: boolean;
  process: string | null;
  exe: string | null;
  remoteAddress: string | null;
  remotePort: number | null;
  message: string;
}

export interface ReportAlerts {
  /** False when this database has no alerts table (recorded before the alert engine). */
  recorded: boolean;
  /** Alerts raised in the range, newest first, at most `limit`. */
  alerts: ReportAlert[];
  /** All alerts raised in the range. */
  total: number;
}

interface AlertRow {
  id: number;
  kind: string;
  severity: string;
  created_at: number;
  last_at: number;
  count: number;
  acknowledged: number;
  process: string | null;
  exe: string | null;
  remote_address: string | null;
  remote_port: number | null;
  message: string;
}

export function readReportAlerts(
  db: Database.Database,
  from: number,
  to: number,
  limit: number,
): ReportAlerts {
  const table = db
    .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'alerts'`)
    .pluck()
    .get();
  if (table === undefined) return { recorded: false, alerts: [], total: 0 };
  const range = 'WHERE created_at >= :from AND created_at <= :to';
  const total = Number(db.prepare(`SELECT count(*) FROM alerts ${range}`).pluck().get({ from, to }));
  const rows = db
    .prepare(
      `SELECT id, kind, severity, created_at, last_at, count, acknowledged_at IS NOT NULL AS acknowledged,
              process, exe, remote_address, remote_port, message
       FROM alerts ${range} ORDER BY created_at DESC, id DESC LIMIT :limit`,
    )
    .all({ from, to, limit }) as AlertRow[];
  return {
    recorded: true,
    total,
    alerts: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      severity: r.severity,
      createdAt: r.created_at,
      lastAt: r.last_at,
      count: r.count,
      acknowledged: r.acknowledged !== 0,
      process: r.process,
      exe: r.exe,
      remoteAddress: r.remote_address,
      remotePort: r.remote_port,
      message: r.message,
    })),
  };
}
