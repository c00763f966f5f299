// Only a face knows where an export goes: the desktop app asks for a file with the save dialog,
// the browser mode hands out a download link. Each answers reports.export itself, in front of the
// core, and its progress events join the core's own as reports.onProgress.
import type { ContractHandlers, ExportProgress, ExportResult } from '../../../shared/contract';
import type { CoreEventListener, CoreService } from '../core-service';

export type ExportInput = Parameters<ContractHandlers['reports']['export']>[0];
export type ExportProgressSink = (payload: ExportProgress) => void;
export type ExportAnswer = (input: ExportInput) => Promise<ExportResult>;

/** `makeAnswer` gets the sink its exports report progress to, and returns the face's answer. */
export function withExportAnswer(
  core: CoreService,
  makeAnswer: (progress: ExportProgressSink) => ExportAnswer,
): CoreService {
  const listeners = new Set<CoreEventListener>();
  const answer = makeAnswer((payload) => {
    for (const listener of listeners) listener('reports.onProgress', payload);
  });
  return {
    handlers: {
      ...core.handlers,
      reports: { ...core.handlers.reports, export: answer },
    },
    subscribe(listener) {
      const stop = core.subscribe(listener);
      listeners.add(listener);
      return () => {
        stop();
        listeners.delete(listener);
      };
    },
    close: () => core.close(),
  };
}
