// Streams one export (CSV, JSON Lines or the HTML report) from a snapshot into a writable: rows are
// gathered into chunks of about 64 KiB, each write waits while the destination is full, and the
// loop yields between chunks, so memory stays flat however many rows there are and the thread
// running it keeps answering. A destination that stops taking bytes (a paused download) is given
// up after a bounded stall: the export's read snapshot must not pin the WAL for ever.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import type { HistoryFilter } from '../../../shared/contract';
import { CSV_HEADER, csvRow } from './csv-format';
import type { ExportFormat } from './export-format';
import { HTML_TABLE_MAX_ROWS, htmlReport } from './html-report';
import { jsonlRow } from './jsonl-format';
import { readReportContents } from './report-contents';
import type { ReportSnapshot } from './report-snapshot';

const CHUNK_CHARS = 64 * 1024;
const PROGRESS_EVERY_ROWS = 10_000;
/** How long a destination may take no bytes before the export gives up. */
export const EXPORT_STALL_MS = 60_000;

/** The destination took nothing for the stall limit; the export was abandoned. */
export class ExportStalledError extends Error {
  constructor(stallMs: number) {
    super(
      `the export was given up: its reader took no data for ${Math.round(stallMs / 1000)} s ` +
        '(a paused download holds a read snapshot that keeps the database from checkpointing)',
    );
    this.name = 'ExportStalledError';
  }
}

export interface ExportRun {
  snapshot: ReportSnapshot;
  format: ExportFormat;
  filter: HistoryFilter;
  /** Receives the bytes; left open (the caller ends or commits it). */
  out: Writable;
  /** Rows written so far and the rows the export will hold, every few thousand rows and at the end. */
  onProgress?: (rows: number, total: number) => void;
  /** Stops the export between chunks (the reader went away, Ctrl+C). */
  signal?: AbortSignal;
  /** When the report says it was made. */
  now?: () => number;
  /** Gives up when the destination takes nothing for this long (default EXPORT_STALL_MS). */
  stallMs?: number;
}

export interface ExportOutcome {
  rows: number;
}

/** Resolves when the writable can take more; rejects when it fails, closes or stalls first. */
function drained(out: Writable, stallMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const stalled = setTimeout(() => done(new ExportStalledError(stallMs)), stallMs);
    const done = (error?: Error): void => {
      clearTimeout(stalled);
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    const onError = (error: Error): void => done(error);
    const onClose = (): void => done(new Error('the destination closed before the export finished'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

export async function runExport(run: ExportRun): Promise<ExportOutcome> {
  const { snapshot, filter, out } = run;
  let pending = '';
  const flush = async (): Promise<void> => {
    if (run.signal?.aborted) throw new Error('the export was stopped');
    if (out.destroyed) throw new Error('the destination closed before the export finished');
    if (pending !== '' && !out.write(pending)) await drained(out, run.stallMs ?? EXPORT_STALL_MS);
    pending = '';
    // Between chunks the thread gets a turn even when the destination never pushes back.
    await nextTurn();
  };

  let head = '';
  let rowText: (record: Parameters<typeof csvRow>[0]) => string;
  let limit = Infinity;
  let tail: (shown: number) => string = () => '';
  let total: number;
  if (run.format === 'html') {
    const { summary, alerts } = readReportContents(snapshot, filter);
    const report = htmlReport({ filter, summary, alerts, createdAt: (run.now ?? Date.now)() });
    head = report.head;
    rowText = report.row;
    tail = report.tail;
    limit = HTML_TABLE_MAX_ROWS;
    total = Math.min(limit, summary.connections);
  } else {
    total = snapshot.count(filter);
    head = run.format === 'csv' ? CSV_HEADER : '';
    rowText = run.format === 'csv' ? csvRow : jsonlRow;
  }

  pending = head;
  let rows = 0;
  run.onProgress?.(0, total);
  const iterator = snapshot.rows(filter);
  try {
    for (const record of iterator) {
      if (rows >= limit) break;
      pending += rowText(record);
      rows++;
      if (pending.length >= CHUNK_CHARS) await flush();
      if (rows % PROGRESS_EVERY_ROWS === 0) run.onProgress?.(rows, total);
    }
  } finally {
    iterator.return?.();
  }
  pending += tail(rows);
  await flush();
  run.onProgress?.(rows, Math.max(rows, total));
  return { rows };
}
