// Exports in the desktop app: reports.export asks the user for a file with the native save dialog
// (the renderer never names a path), then writes it through electron/core/report, reporting
// progress as reports.onProgress: from a snapshot of the database, or through the contract when the
// core is the system collector (whose database this user cannot open). The dialog is passed in, so this runs and is tested without
// Electron. The save dialog has already asked about replacing a file, so the write may replace one.
import type { CoreService } from '../core/core-service';
import { exportToPath } from '../core/report/contract-export';
import { exportFileName, type ExportFormat } from '../core/report/export-format';
import { exportToFile } from '../core/report/export-to-file';
import { withExportAnswer } from '../core/report/with-export-answer';

export interface SaveExportOptions {
  /** The native save dialog: the chosen path, or null when cancelled. */
  choosePath(suggestedName: string, format: ExportFormat): Promise<string | null>;
  /** The core is the system collector: its database is not this user's to open. */
  throughContract?: boolean;
  /** better-sqlite3's nativeBinding in development (NETWATCH_NATIVE_BINDING). */
  nativeBinding?: string;
  now?: () => number;
}

/** The core, with reports.export answered by a save dialog and a file, and its progress events added. */
export function withSaveExports(core: CoreService, options: SaveExportOptions): CoreService {
  const now = options.now ?? Date.now;
  return withExportAnswer(core, (progress) => async ({ format, filter, exportId }) => {
    const chosen = await options.choosePath(exportFileName(format, now()), format);
    if (chosen === null) return { status: 'cancelled' };
    const onProgress = (rows: number) => progress({ exportId, rows, done: false, error: null });
    try {
      const saved = options.throughContract
        ? await exportToPath({ handlers: core.handlers, format, filter, onProgress }, chosen, true)
        : await exportToFile({
            database: {
              path: (await core.handlers.status.get({})).database.path,
              nativeBinding: options.nativeBinding,
            },
            format,
            filter,
            path: chosen,
            overwrite: true,
            onProgress,
          });
      progress({ exportId, rows: saved.rows, done: true, error: null });
      return { status: 'saved', path: saved.path, rows: saved.rows };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      progress({ exportId, rows: 0, done: true, error: message });
      throw error;
    }
  });
}
