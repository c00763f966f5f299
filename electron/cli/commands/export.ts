// `netwatch export`: the history (same filters as `netwatch history`) as CSV, JSON Lines or the
// HTML report, into a file (written aside and renamed; replaced only with --force) or stdout.
// A progress bar goes to stderr when it is a terminal.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportFormatSchema, type HistoryFilter } from '../../../shared/contract';
import { ExportPathError } from '../../core/report/atomic-file';
import { exportToPath, exportToStream } from '../../core/report/contract-export';
import type { ExportFormat } from '../../core/report/export-format';
import { runExport } from '../../core/report/export-runner';
import { exportToFile } from '../../core/report/export-to-file';
import { openReportSnapshot } from '../../core/report/report-snapshot';
import { resolveDbPath } from '../../core/store/data-paths';
import { EXIT, UsageError, type CliCommand, type CliIo } from '../cli-command';
import {
  HISTORY_FILTER_OPTIONS,
  HISTORY_FILTER_USAGE,
  historyFilterOf,
  type FlagValues,
} from '../history-filter-args';
import { progressLine, rowsLine } from '../progress-bar';
import { openReadingSource, type ReadingApi } from '../reading-api';

export const EXPORT_USAGE = `usage: netwatch export --format csv|jsonl|html [filters] [--out FILE [--force]] [--db PATH]

Exports recorded connections, newest first: CSV (RFC 4180; cells a spreadsheet would run as a
formula start with '), JSON Lines (one connection per line), or a self-contained HTML report of
the range (summary, graphs, alerts and the newest connections; no scripts).

${HISTORY_FILTER_USAGE}
  --format FORMAT     csv, jsonl or html (default: from the --out file's extension)
  --out FILE          write FILE (through a temporary file, renamed when complete); default stdout
  --force             replace FILE when it exists
  --db PATH           history database (default: the per-user data folder; NETWATCH_DB overrides)
`;

const usage = (message: string): UsageError => new UsageError(`export: ${message}`, 'netwatch export --help');

function formatOf(values: FlagValues): ExportFormat {
  const given = values.format;
  if (typeof given === 'string') {
    const parsed = exportFormatSchema.safeParse(given);
    if (!parsed.success)
      throw usage(`--format: expected csv, jsonl or html, got ${JSON.stringify(given.slice(0, 20))}`);
    return parsed.data;
  }
  const fromName =
    typeof values.out === 'string' ? exportFormatSchema.safeParse(path.extname(values.out).slice(1)) : null;
  if (fromName?.success) return fromName.data;
  throw usage('--format csv|jsonl|html is needed');
}

interface ExportJob {
  format: ExportFormat;
  filter: HistoryFilter;
  out: string | null;
  force: boolean;
  signal: AbortSignal;
}

/** Through the system collector: the rows from its history.query, the report's summary from it. */
async function fromCollector(
  api: ReadingApi,
  io: CliIo,
  job: ExportJob,
  onRows?: (rows: number) => void,
): Promise<{ path: string; rows: number } | null> {
  const contractJob = { ...job, handlers: api, onProgress: onRows };
  if (job.out === null) {
    await exportToStream(contractJob, io.outStream);
    return null;
  }
  return exportToPath(contractJob, job.out, job.force);
}

/** From this user's database file: a read snapshot of its own. */
async function fromDatabase(
  path: string,
  io: CliIo,
  job: ExportJob,
  onProgress?: (rows: number, total: number) => void,
): Promise<{ path: string; rows: number } | null> {
  const database = { path };
  const { format, filter, signal } = job;
  if (job.out !== null)
    return exportToFile({
      database,
      format,
      filter,
      path: job.out,
      overwrite: job.force,
      onProgress,
      signal,
    });
  const snapshot = openReportSnapshot(database);
  try {
    await runExport({ snapshot, format, filter, out: io.outStream, onProgress, signal });
  } finally {
    snapshot.close();
  }
  return null;
}

export const exportCommand: CliCommand = {
  name: 'export',
  stopsOnSignal: true,
  summary: 'export recorded connections as CSV, JSON Lines or an HTML report',
  async run(args, io) {
    let values: FlagValues;
    try {
      const str = { type: 'string' } as const;
      ({ values } = parseArgs({
        args,
        options: {
          ...HISTORY_FILTER_OPTIONS,
          format: str,
          out: str,
          force: { type: 'boolean' },
          db: str,
          help: { type: 'boolean', short: 'h' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw usage(error instanceof Error ? error.message : String(error));
    }
    if (values.help) {
      io.out(EXPORT_USAGE);
      return EXIT.ok;
    }
    const filter = historyFilterOf(values, 'export');
    const format = formatOf(values);
    const out = typeof values.out === 'string' ? values.out : null;
    if (out === '') throw usage('--out: expected a file name');
    if (values.force && out === null) throw usage('--force goes with --out');
    const dbFlag = values.db as string | undefined;
    const job: ExportJob = { format, filter, out, force: values.force === true, signal: io.signal };

    let drawn = false;
    const draw = (line: string) => {
      io.err(line);
      drawn = true;
    };
    // The system collector when it answers (and no --db names a file): the rows come through it.
    const source = await openReadingSource(io, dbFlag);
    try {
      const saved =
        source.via === 'collector'
          ? await fromCollector(source.api, io, job, io.errIsTTY ? (n) => draw(rowsLine(n)) : undefined)
          : await fromDatabase(
              resolveDbPath({ flag: dbFlag, env: io.env }),
              io,
              job,
              io.errIsTTY ? (n, total) => draw(progressLine(n, total)) : undefined,
            );
      if (drawn) io.err('\n');
      const from = source.via === 'collector' ? ' (from the system collector)' : '';
      if (saved) io.err(`netwatch: wrote ${saved.rows} connections to ${saved.path}${from}\n`);
      return EXIT.ok;
    } catch (error) {
      if (drawn) io.err('\n');
      if (io.signal.aborted) {
        // To stdout, a reader gone away (`| head`) or Ctrl+C is a normal end; a file is left unwritten.
        if (out === null) return EXIT.ok;
        io.err(`netwatch: export stopped; ${out} was not written\n`);
        return EXIT.failure;
      }
      if (error instanceof ExportPathError && error.reason === 'exists') {
        throw new Error(`${error.message} (--force replaces it)`);
      }
      throw error;
    } finally {
      await source.close();
    }
  },
};
