// One export as the dialog follows it: asked, then (in the browser mode) downloading, then saved,
// downloaded, cancelled or failed. A pure reducer over what arrives: the call's answer or error,
// and every reports.onProgress event of every export, of which it keeps only those carrying the id
// the dialog gave its call (another window's export has another).
import type { ExportProgress, NetwatchApi } from '../../../../shared/contract';

export type ExportResult = Awaited<ReturnType<NetwatchApi['reports']['export']>>;
export type ExportFormat = Parameters<NetwatchApi['reports']['export']>[0]['format'];

export type ExportRun =
  | { phase: 'idle' }
  /** The call is out: the app's save dialog and the writing, or the browser mode making a link. */
  | { phase: 'asking'; exportId: string; rows: number }
  /** The browser mode: the browser is fetching the link, the server streams the rows. */
  | { phase: 'downloading'; exportId: string; rows: number }
  | { phase: 'saved'; path: string; rows: number }
  | { phase: 'downloaded'; rows: number }
  | { phase: 'cancelled' }
  | { phase: 'failed'; error: string };

export type ExportRunEvent =
  | { type: 'start'; exportId: string }
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'answer'; result: ExportResult }
  | { type: 'error'; message: string };

export const idleRun: ExportRun = { phase: 'idle' };

/** Whether the run is under way (a new one cannot start, the dialog stays open). */
export function isRunning(run: ExportRun): run is Extract<ExportRun, { phase: 'asking' | 'downloading' }> {
  return run.phase === 'asking' || run.phase === 'downloading';
}

/**
 * Whether the dialog may close. Not while the call is out: in the app the file is being written and
 * the dialog is where its outcome shows. Once the browser has the link, the download is the
 * browser's, and closing only stops the row count.
 */
export function canClose(run: ExportRun): boolean {
  return run.phase !== 'asking';
}

export function exportRunReducer(run: ExportRun, event: ExportRunEvent): ExportRun {
  switch (event.type) {
    case 'start':
      return isRunning(run) ? run : { phase: 'asking', exportId: event.exportId, rows: 0 };
    case 'progress': {
      if (!isRunning(run)) return run;
      const p = event.progress;
      if (run.exportId !== p.exportId) return run;
      if (p.done && p.error !== null) return { phase: 'failed', error: p.error };
      // In the app the answer follows the last event and carries the path; wait for it.
      if (p.done && run.phase === 'downloading') return { phase: 'downloaded', rows: p.rows };
      return { ...run, rows: p.rows };
    }
    case 'answer': {
      if (run.phase !== 'asking') return run;
      const r = event.result;
      if (r.status === 'saved') return { phase: 'saved', path: r.path, rows: r.rows };
      if (r.status === 'cancelled') return { phase: 'cancelled' };
      return { phase: 'downloading', exportId: run.exportId, rows: run.rows };
    }
    case 'error':
      return isRunning(run) ? { phase: 'failed', error: event.message } : run;
  }
}
