// The alerts of a report's time range. A database last written before the alert engine (schema 1,
// read without migrating) has no alerts table: its report says "no alerts recorded".
import type Database from 'better-sqlite3';
import type { ReportAlerts } from '../../../shared/report-contents';
import { toAlertRecord, type AlertRow } from '../alerts/alert-row';

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
    .prepare(`SELECT * FROM alerts ${range} ORDER BY created_at DESC, id DESC LIMIT :limit`)
    .all({ from, to, limit }) as AlertRow[];
  return { recorded: true, total, alerts: rows.map(toAlertRecord) };
}
