// Exports in the headless mode: reports.export answers with a one-time, short-lived link under
// /export/ (an unguessable id, plus the run's token like every other request), and fetching it
// streams the export as an attachment: from a read snapshot of the database, or through the
// contract when the core is the system collector (whose database this user cannot open). Progress
// goes out as reports.onProgress events. The browser never names a path; this server never writes
// a file.
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ExportProgress, HistoryFilter } from '../../shared/contract';
import { isCollectorCore } from '../core/collector/core-or-collector';
import type { CoreService } from '../core/core-service';
import { exportToStream } from '../core/report/contract-export';
import { CONTENT_TYPES, exportFileName, type ExportFormat } from '../core/report/export-format';
import { runExport } from '../core/report/export-runner';
import { openReportSnapshot, type ReportSnapshot } from '../core/report/report-snapshot';
import { withExportAnswer } from '../core/report/with-export-answer';
import { TOKEN_PARAM } from '../../shared/wire';

export const EXPORT_PATH_PREFIX = '/export/';
/** How long a link stays usable before it is fetched. */
const LINK_TTL_MS = 60_000;
/** Links waiting at once; the oldest goes when another is made. */
const MAX_LINKS = 16;

interface PendingExport {
  format: ExportFormat;
  filter: HistoryFilter;
  /** The caller's id, carried by this export's progress events. */
  exportId: string;
  expiresAt: number;
}

export interface ExportDownloadsOptions {
  /** The run's access token, carried by the link like by the page. */
  token: string;
  /** The history database the core records into. */
  databasePath: () => Promise<string>;
  now?: () => number;
  log?: (message: string) => void;
}

export interface ExportDownloads {
  /** The core, with reports.export answered by a link and reports.onProgress events added. */
  wrap(core: CoreService): CoreService;
  /** Answers GET /export/<id> (the token already checked): the export once, else 404. */
  serve(id: string, res: ServerResponse): Promise<void>;
}

export function createExportDownloads(options: ExportDownloadsOptions): ExportDownloads {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const links = new Map<string, PendingExport>();
  // Set by wrap(): the progress events of the wrapped core's subscribers, and that core.
  let progress: (payload: ExportProgress) => void = () => {};
  let inner: CoreService | null = null;

  const create = (format: ExportFormat, filter: HistoryFilter, exportId: string): string => {
    const at = now();
    for (const [id, link] of links) if (link.expiresAt <= at) links.delete(id);
    while (links.size >= MAX_LINKS) links.delete(links.keys().next().value!);
    const id = randomBytes(24).toString('base64url');
    links.set(id, { format, filter, exportId, expiresAt: at + LINK_TTL_MS });
    return `${EXPORT_PATH_PREFIX}${id}?${TOKEN_PARAM}=${encodeURIComponent(options.token)}`;
  };

  const take = (id: string): PendingExport | null => {
    const link = links.get(id);
    if (!link) return null;
    links.delete(id);
    return link.expiresAt > now() ? link : null;
  };

  return {
    wrap(core) {
      inner = core;
      return withExportAnswer(core, (sink) => {
        progress = sink;
        return async ({ format, filter, exportId }) => ({
          status: 'download',
          url: create(format, filter, exportId),
        });
      });
    },

    async serve(id, res) {
      const link = take(id);
      if (!link) {
        res.writeHead(404, downloadErrorHeaders());
        res.end('This export link was used already or has expired; export again.\n');
        return;
      }
      const { exportId } = link;
      let snapshot: ReportSnapshot | null = null;
      const collector = inner !== null && isCollectorCore(inner) ? inner : null;
      if (!collector) {
        try {
          snapshot = openReportSnapshot({ path: await options.databasePath() });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          progress({ exportId, rows: 0, done: true, error: message });
          res.writeHead(500, downloadErrorHeaders());
          res.end(`The export could not start: ${message}\n`);
          return;
        }
      }
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[link.format],
        'Content-Disposition': `attachment; filename="${exportFileName(link.format, now())}"`,
        // Opened in place rather than saved, the file still runs nothing.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      let rows = 0;
      const onProgress = (n: number): void => {
        rows = n;
        progress({ exportId, rows: n, done: false, error: null });
      };
      const { format, filter } = link;
      try {
        const outcome = snapshot
          ? await runExport({ snapshot, format, filter, out: res, onProgress })
          : await exportToStream({ handlers: collector!.handlers, format, filter, onProgress }, res);
        res.end();
        progress({ exportId, rows: outcome.rows, done: true, error: null });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`export: ${message}`);
        progress({ exportId, rows, done: true, error: message });
        // A cut-off body must not look complete: the connection is dropped, not ended.
        res.destroy();
      } finally {
        snapshot?.close();
      }
    },
  };
}

function downloadErrorHeaders(): Record<string, string> {
  return {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
