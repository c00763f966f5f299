// What a report says about a time range, from its snapshot: connection and program counts, the
// programs first seen in the range, the top remote hosts, ports and programs, the share of
// connections with no known owner, and connections started per time bucket (the graph). All of
// it honours the export's filter, so the summary describes the same rows as the table.
import type { HistoryFilter } from '../../../shared/contract';
import { filterSql } from '../store/history-query';
import type { CountedName, ReportSummary } from '../../../shared/report-contents';
import { readReportGeo } from './report-geo';
import type { ReportSnapshot } from './report-snapshot';
import { readReportTraffic } from './report-traffic';

const TOP = 10;
const TIMELINE_BUCKETS = 48;
const NICE_BUCKETS_MS = [
  60_000, 300_000, 900_000, 3_600_000, 10_800_000, 21_600_000, 86_400_000, 604_800_000,
];

/** The range a report covers: the filter's, or else the rows' own first and last start. */
export function reportRange(
  snapshot: Pick<ReportSnapshot, 'db'>,
  filter: HistoryFilter,
): { from: number; to: number } {
  const { where, params } = filterSql(filter);
  const span = snapshot.db
    .prepare(`SELECT min(c.first_seen) AS first, max(c.first_seen) AS last FROM connections c ${where}`)
    .get(params) as { first: number | null; last: number | null };
  const from = filter.from ?? span.first ?? 0;
  const to = filter.to ?? span.last ?? from;
  return { from, to: Math.max(from, to) };
}

export function readReportSummary(
  snapshot: Pick<ReportSnapshot, 'db'>,
  filter: HistoryFilter,
): ReportSummary {
  const { from, to } = reportRange(snapshot, filter);
  const db = snapshot.db;
  const { where, params } = filterSql(filter);
  const and = where ? `${where} AND` : 'WHERE';
  const counted = (sql: string, extra: Record<string, number> = {}): CountedName[] =>
    (db.prepare(sql).all({ ...params, ...extra }) as { name: unknown; count: number }[]).map((r) => ({
      name: String(r.name),
      count: Number(r.count),
    }));

  const totals = db
    .prepare(
      `SELECT count(*) AS connections, count(DISTINCT c.program_id) AS programs,
              sum(c.pid IS NULL AND c.program_id IS NULL) AS unattributed
       FROM connections c ${where}`,
    )
    .get(params) as { connections: number; programs: number; unattributed: number | null };

  const newPrograms = (
    db
      .prepare(
        `SELECT id, name, exe, first_seen FROM programs
         WHERE first_seen >= :from AND first_seen <= :to ORDER BY first_seen, id LIMIT 200`,
      )
      .all({ from, to }) as { id: number; name: string; exe: string; first_seen: number }[]
  ).map((p) => ({ id: p.id, name: String(p.name), exe: String(p.exe), firstSeen: p.first_seen }));

  const topRemotes = counted(
    // the name a program asked for first; else reverse DNS, said to be one
    `SELECT c.remote_address || coalesce(' (' || max(CASE WHEN c.host_source = 'asked' THEN c.remote_host END) || ')',
              ' (' || max(c.remote_host) || ', reverse DNS)', '') AS name, count(*) AS count
     FROM connections c ${and} c.direction != 'listen'
     GROUP BY c.remote_address ORDER BY count DESC, c.remote_address LIMIT ${TOP}`,
  );
  // The service side of a connection: the remote port going out, the local port coming in.
  const topPorts = counted(
    `SELECT c.proto || '/' || (CASE c.direction WHEN 'outbound' THEN c.remote_port ELSE c.local_port END) AS name,
            count(*) AS count
     FROM connections c ${where}
     GROUP BY name ORDER BY count DESC, name LIMIT ${TOP}`,
  );
  const topPrograms = counted(
    `SELECT coalesce(p.name, c.process, '(unattributed)') AS name, count(*) AS count
     FROM connections c LEFT JOIN programs p ON p.id = c.program_id ${where}
     GROUP BY coalesce(c.program_id, 0), coalesce(p.name, c.process, '(unattributed)')
     ORDER BY count DESC, name LIMIT ${TOP}`,
  );

  const bucketMs =
    NICE_BUCKETS_MS.find((b) => (to - from) / b <= TIMELINE_BUCKETS) ?? NICE_BUCKETS_MS.at(-1)!;
  const start = from - (from % bucketMs);
  const byBucket = new Map<number, number>();
  for (const r of db
    .prepare(
      // CAST: bound JS numbers are REAL, and a REAL quotient would name no bucket.
      `SELECT CAST((c.first_seen - :start) / :bucketMs AS INTEGER) AS b, count(*) AS count
       FROM connections c ${where} GROUP BY b`,
    )
    .all({ ...params, start, bucketMs }) as { b: number; count: number }[]) {
    byBucket.set(Number(r.b), Number(r.count));
  }
  const buckets = Math.floor((to - start) / bucketMs) + 1;
  const timeline = Array.from({ length: buckets }, (_, i) => ({
    t: start + i * bucketMs,
    count: byBucket.get(i) ?? 0,
  }));

  return {
    from,
    to,
    connections: totals.connections,
    programs: totals.programs,
    newPrograms,
    topRemotes,
    topPorts,
    topPrograms,
    unattributed: totals.unattributed ?? 0,
    timeline,
    bucketMs,
    geo: readReportGeo(snapshot, filter, from, to),
    traffic: readReportTraffic(snapshot, filter),
  };
}
