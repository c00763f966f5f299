// The report's country and AS part: where the range's connections went (top countries and
// networks, honouring the filter), and each known program's first connection ever to a country or
// an AS that falls in the range: a program that starts talking somewhere new (not an alert).
import type { HistoryFilter } from '../../../shared/contract';
import { filterSql } from '../store/history-query';
import type { ReportGeo } from '../../../shared/report-contents';
import type { ReportSnapshot } from './report-snapshot';

const TOP = 10;
const MAX_FIRSTS = 200;

export function readReportGeo(
  snapshot: Pick<ReportSnapshot, 'db'>,
  filter: HistoryFilter,
  from: number,
  to: number,
): ReportGeo {
  const db = snapshot.db;
  const { where, params } = filterSql(filter);
  const and = where ? `${where} AND` : 'WHERE';
  const counted = (sql: string): { name: string; count: number }[] =>
    (db.prepare(sql).all(params) as { name: unknown; count: number }[]).map((r) => ({
      name: String(r.name),
      count: Number(r.count),
    }));
  const topCountries = counted(
    `SELECT c.country AS name, count(*) AS count FROM connections c ${and} c.country IS NOT NULL
     GROUP BY c.country ORDER BY count DESC, name LIMIT ${TOP}`,
  );
  const topAses = counted(
    `SELECT 'AS' || c.asn || coalesce(' ' || max(c.as_org), '') AS name, count(*) AS count
     FROM connections c ${and} c.asn IS NOT NULL GROUP BY c.asn ORDER BY count DESC, c.asn LIMIT ${TOP}`,
  );
  // First ever, over the whole history: "never seen before" is about the program, not the filter.
  // Programs first seen in the range are left out: they are listed as new programs already.
  const firstReaches = (
    db
      .prepare(
        `SELECT p.name AS program, p.exe AS exe, f.reached AS reached, f.first_seen AS first_seen
         FROM (SELECT program_id, country AS reached, min(first_seen) AS first_seen FROM connections
               WHERE program_id IS NOT NULL AND country GLOB '[A-Z][A-Z]' GROUP BY program_id, country
               UNION ALL
               SELECT program_id, 'AS' || asn || coalesce(' ' || max(as_org), ''), min(first_seen) FROM connections
               WHERE program_id IS NOT NULL AND asn IS NOT NULL GROUP BY program_id, asn) f
         JOIN programs p ON p.id = f.program_id
         WHERE f.first_seen >= :from AND f.first_seen <= :to AND p.first_seen < :from
         ORDER BY f.first_seen, p.name LIMIT ${MAX_FIRSTS}`,
      )
      .all({ from, to }) as { program: string; exe: string; reached: string; first_seen: number }[]
  ).map((r) => ({
    program: String(r.program),
    exe: String(r.exe),
    reached: String(r.reached),
    firstSeen: r.first_seen,
  }));
  return { topCountries, topAses, firstReaches };
}
