// An export made by a client of the system collector, which cannot open the collector's database:
// the rows come page by page through the contract's history.query (newest first, the filter of a
// local export) and are written here as CSV, JSON Lines or the HTML report, whose summary and
// alerts come from reports.summary. The CLI, serve and the app all export this way from a collector.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ContractHandlers, HistoryFilter } from '../../../shared/contract';
import type { ConnectionRecord } from '../../../shared/model';
import { openAtomicFile } from './atomic-file';
import { CSV_HEADER, csvRow } from './csv-format';
import type { ExportFormat } from './export-format';
import { HTML_TABLE_MAX_ROWS, htmlReport } from './html-report';
import { jsonlRow } from './jsonl-format';

/** The largest page history.query gives. */
const PAGE_ROWS = 1000;

export interface ContractExport {
  handlers: {
    history: Pick<ContractHandlers['history'], 'query'>;
    reports: Pick<ContractHandlers['reports'], 'summary'>;
  };
  format: ExportFormat;
  filter: HistoryFilter;
  /** Rows written so far (through the contract the total is not known ahead). */
  onProgress?: (rows: number) => void;
  signal?: AbortSignal;
  /** When the report says it was made. */
  now?: () => number;
}

interface Layout {
  head: string;
  row: (record: ConnectionRecord) => string;
  tail: (shown: number) => string;
  /** The rows' filter: the report's table covers the range its summary describes. */
  filter: HistoryFilter;
  limit: number;
}

async function layoutOf(job: ContractExport): Promise<Layout> {
  const { filter } = job;
  if (job.format === 'csv') return { head: CSV_HEADER, row: csvRow, tail: () => '', filter, limit: Infinity };
  if (job.format === 'jsonl') return { head: '', row: jsonlRow, tail: () => '', filter, limit: Infinity };
  const { summary, alerts } = await job.handlers.reports.summary({ filter });
  const report = htmlReport({ filter, summary, alerts, createdAt: (job.now ?? Date.now)() });
  const rowsFilter = { ...filter, from: summary.from, to: summary.to };
  return { ...report, filter: rowsFilter, limit: HTML_TABLE_MAX_ROWS };
}

async function* exportText(job: ContractExport, counted: { rows: number }): AsyncGenerator<string> {
  const layout = await layoutOf(job);
  yield layout.head;
  let cursor: Parameters<typeof job.handlers.history.query>[0]['cursor'] = null;
  do {
    if (job.signal?.aborted) throw new Error('the export was stopped');
    const limit = Math.min(PAGE_ROWS, layout.limit - counted.rows);
    const page = await job.handlers.history.query({ filter: layout.filter, cursor, limit });
    let chunk = '';
    for (const record of page.rows) chunk += layout.row(record);
    counted.rows += page.rows.length;
    job.onProgress?.(counted.rows);
    if (chunk !== '') yield chunk;
    cursor = counted.rows < layout.limit ? page.next : null;
  } while (cursor !== null);
  yield layout.tail(counted.rows);
}

/** Streams the export into `out` with its backpressure; `out` is left open. */
export async function exportToStream(job: ContractExport, out: Writable): Promise<{ rows: number }> {
  const counted = { rows: 0 };
  const text = Readable.from(exportText(job, counted));
  await pipeline(text, out, { end: false, ...(job.signal ? { signal: job.signal } : {}) });
  return counted;
}

/** Into a file: written aside, fsynced and renamed; on any failure the destination is untouched. */
export async function exportToPath(
  job: ContractExport,
  destination: string,
  overwrite: boolean,
): Promise<{ path: string; rows: number }> {
  const file = openAtomicFile(destination, { overwrite });
  try {
    const { rows } = await exportToStream(job, file.stream);
    await file.commit();
    return { path: file.path, rows };
  } catch (error) {
    await file.abort();
    throw error;
  }
}
