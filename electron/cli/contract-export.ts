// `netwatch export` as a client of the system collector: the rows come page by page through the
// contract's history.query (newest first, the filter of a local export) and are written here as
// CSV or JSON Lines, so the client never opens the collector's database behind its back.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ContractHandlers, HistoryFilter } from '../../shared/contract';
import { openAtomicFile } from '../core/report/atomic-file';
import { CSV_HEADER, csvRow } from '../core/report/csv-format';
import { jsonlRow } from '../core/report/jsonl-format';

/** The largest page history.query gives. */
const PAGE_ROWS = 1000;

export interface ContractExport {
  history: Pick<ContractHandlers['history'], 'query'>;
  format: 'csv' | 'jsonl';
  filter: HistoryFilter;
  /** Rows written so far (through the contract the total is not known ahead). */
  onProgress?: (rows: number) => void;
  signal: AbortSignal;
}

async function* exportText(job: ContractExport, counted: { rows: number }): AsyncGenerator<string> {
  if (job.format === 'csv') yield CSV_HEADER;
  const rowText = job.format === 'csv' ? csvRow : jsonlRow;
  let cursor: Parameters<typeof job.history.query>[0]['cursor'] = null;
  do {
    if (job.signal.aborted) throw new Error('the export was stopped');
    const page = await job.history.query({ filter: job.filter, cursor, limit: PAGE_ROWS });
    let chunk = '';
    for (const record of page.rows) chunk += rowText(record);
    counted.rows += page.rows.length;
    job.onProgress?.(counted.rows);
    if (chunk !== '') yield chunk;
    cursor = page.next;
  } while (cursor !== null);
}

/** Streams the export into `out` with its backpressure; `out` is left open. */
export async function exportToStream(job: ContractExport, out: Writable): Promise<{ rows: number }> {
  const counted = { rows: 0 };
  await pipeline(Readable.from(exportText(job, counted)), out, { end: false, signal: job.signal });
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
