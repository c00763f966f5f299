// What a report says about traffic: bytes sent and received in all, per program and per remote
// host (top talkers), from the connections' counts (final at close, the last reading while open),
// honouring the export's filter like the rest of the summary. Rows without counts are left out.
import type { HistoryFilter } from '../../../shared/contract';
import { filterSql } from '../store/history-query';
import type { ReportTraffic, TrafficRow } from '../../../shared/report-contents';
import type { ReportSnapshot } from './report-snapshot';

const TOP = 10;

export function readReportTraffic(
  snapshot: Pick<ReportSnapshot, 'db'>,
  filter: HistoryFilter,
): ReportTraffic {
  const db = snapshot.db;
  const { where, params } = filterSql(filter);
  const and = where ? `${where} AND` : 'WHERE';
  const counted = `${and} (c.bytes_sent IS NOT NULL OR c.bytes_received IS NOT NULL)`;
  const rows = (sql: string): TrafficRow[] =>
    (db.prepare(sql).all(params) as { name: unknown; sent: number | null; received: number | null }[]).map(
      (r) => ({ name: String(r.name), sent: Number(r.sent ?? 0), received: Number(r.received ?? 0) }),
    );
  const total = db
    .prepare(
      `SELECT count(*) AS n, sum(c.bytes_sent) AS sent, sum(c.bytes_received) AS received FROM connections c ${counted}`,
    )
    .get(params) as { n: number; sent: number | null; received: number | null };
  if (total.n === 0) return { sent: null, received: null, byProgram: [], topTalkers: [] };
  return {
    sent: total.sent ?? 0,
    received: total.received ?? 0,
    byProgram: rows(
      `SELECT coalesce(p.name, c.process, '(unattributed)') AS name, sum(c.bytes_sent) AS sent,
              sum(c.bytes_received) AS received
       FROM connections c LEFT JOIN programs p ON p.id = c.program_id ${counted}
       GROUP BY coalesce(c.program_id, 0), coalesce(p.name, c.process, '(unattributed)')
       ORDER BY coalesce(sum(c.bytes_sent), 0) + coalesce(sum(c.bytes_received), 0) DESC, name LIMIT ${TOP}`,
    ),
    topTalkers: rows(
      `SELECT c.remote_address || coalesce(' (' || max(c.remote_host) || ')', '') AS name,
              sum(c.bytes_sent) AS sent, sum(c.bytes_received) AS received
       FROM connections c ${counted} AND c.direction != 'listen'
       GROUP BY c.remote_address
       ORDER BY coalesce(sum(c.bytes_sent), 0) + coalesce(sum(c.bytes_received), 0) DESC, c.remote_address LIMIT ${TOP}`,
    ),
  };
}
