// An export into a file: a snapshot of the database, the rows streamed into a temporary file
// beside the destination, then fsync and rename. On any failure the destination is untouched.
import type { HistoryFilter } from '../../../shared/contract';
import { openAtomicFile } from './atomic-file';
import type { ExportFormat } from './export-format';
import { runExport } from './export-runner';
import { openReportSnapshot, type SnapshotOptions } from './report-snapshot';

export interface FileExport {
  database: SnapshotOptions;
  format: ExportFormat;
  filter: HistoryFilter;
  path: string;
  /** Replace an existing file (else refused). */
  overwrite?: boolean;
  onProgress?: (rows: number, total: number) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export async function exportToFile(job: FileExport): Promise<{ path: string; rows: number }> {
  // The path is checked before the database is opened: a bad name costs nothing.
  const file = openAtomicFile(job.path, { overwrite: job.overwrite });
  let snapshot;
  try {
    snapshot = openReportSnapshot(job.database);
  } catch (error) {
    await file.abort();
    throw error;
  }
  try {
    const { rows } = await runExport({
      snapshot,
      format: job.format,
      filter: job.filter,
      out: file.stream,
      onProgress: job.onProgress,
      signal: job.signal,
      now: job.now,
    });
    snapshot.close();
    await file.commit();
    return { path: file.path, rows };
  } catch (error) {
    snapshot.close();
    await file.abort();
    throw error;
  }
}
