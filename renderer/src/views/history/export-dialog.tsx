// The export dialog: the format, the history filters (prefilled from the History view, editable
// here without changing the view), a sentence saying what will be exported, then the run: a
// progress bar with the row count, and the outcome (the saved file in the app, the download in the
// browser mode) or the error. Where the file goes is never chosen here: the app asks with its save
// dialog, the browser mode downloads.
import { useEffect, useReducer, useState } from 'react';
import { useApi } from '../../api/api-context';
import { errorText } from '../../api/use-query';
import { ModalDialog } from '../../components/modal-dialog';
import { Segmented } from '../../components/segmented';
import { countText } from '../../format/numbers';
import { SafeText } from '../../text/safe-text';
import {
  canClose,
  exportRunReducer,
  idleRun,
  isRunning,
  type ExportFormat,
  type ExportRun,
} from './export-run';
import { exportSummary } from './export-summary';
import { formProblem, toHistoryFilter, type HistoryForm } from './history-filter';
import { HistoryFilterFields } from './history-filter-fields';
import { useStatus } from '../../store/status-provider';
import { startDownload } from './start-download';

const formats: { value: ExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV' },
  { value: 'jsonl', label: 'JSON Lines' },
  { value: 'html', label: 'HTML report' },
];

interface ExportDialogProps {
  initialForm: HistoryForm;
  programName: string | null;
  onClose(): void;
}

export function ExportDialog({ initialForm, programName, onClose }: ExportDialogProps) {
  const api = useApi();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [form, setForm] = useState<HistoryForm>(initialForm);
  const showWhere = useStatus().status?.watchedBy?.collector === true;
  const [run, dispatch] = useReducer(exportRunReducer, idleRun);

  useEffect(() => api.reports.onProgress((progress) => dispatch({ type: 'progress', progress })), [api]);

  const problem = formProblem(form);
  const running = isRunning(run);

  const start = async () => {
    if (problem || running) return;
    const exportId = crypto.randomUUID();
    dispatch({ type: 'start', exportId });
    try {
      const result = await api.reports.export({
        format,
        filter: toHistoryFilter(form, Date.now()),
        exportId,
      });
      if (result.status === 'download' && !startDownload(result.url)) {
        dispatch({ type: 'error', message: 'the download link did not come from this page’s server' });
        return;
      }
      dispatch({ type: 'answer', result });
    } catch (e) {
      dispatch({ type: 'error', message: errorText(e) });
    }
  };

  return (
    <ModalDialog
      title="Export history"
      closable={canClose(run)}
      onClose={onClose}
      className="export-dialog"
      testId="export-dialog"
    >
      <fieldset className="export-fields" disabled={running}>
        <div className="field field-wide">
          <span className="field-caption" aria-hidden="true">
            Format
          </span>
          <Segmented<ExportFormat> label="Format" value={format} onChange={setFormat} options={formats} />
        </div>
        <HistoryFilterFields
          form={form}
          onForm={setForm}
          programName={programName}
          debounceText={false}
          captioned
          showWhere={showWhere}
        />
      </fieldset>
      {problem ? (
        <p className="form-error export-line" role="alert">
          {problem}
        </p>
      ) : (
        <p className="export-summary export-line" data-testid="export-summary">
          <SafeText value={exportSummary(form, format, programName)} />
        </p>
      )}
      <RunOutcome run={run} />
      <div className="modal-actions">
        <button type="button" className="button" disabled={!canClose(run)} onClick={onClose}>
          {run.phase === 'idle' || run.phase === 'asking' ? 'Cancel' : 'Close'}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={running || problem !== null}
          onClick={() => void start()}
        >
          {running ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </ModalDialog>
  );
}

const rowsText = (n: number) => (n === 1 ? '1 row' : `${countText(n)} rows`);

/** The run's progress or outcome, announced politely (errors assertively). */
function RunOutcome({ run }: { run: ExportRun }) {
  switch (run.phase) {
    case 'idle':
      return null;
    case 'asking':
    case 'downloading':
      return (
        <div className="export-progress export-line" role="status">
          <progress aria-label="Export progress" />
          <span data-testid="export-rows">
            {run.rows > 0 ? rowsText(run.rows) : run.phase === 'asking' ? 'Starting…' : 'Download starting…'}
          </span>
        </div>
      );
    case 'saved':
      return (
        <p className="form-ok export-line" role="status" data-testid="export-outcome">
          Saved {rowsText(run.rows)} to <SafeText value={run.path} className="mono" />
        </p>
      );
    case 'downloaded':
      return (
        <p className="form-ok export-line" role="status" data-testid="export-outcome">
          Downloaded {rowsText(run.rows)}: the file is in your browser’s downloads.
        </p>
      );
    case 'cancelled':
      return (
        <p className="muted export-line" role="status" data-testid="export-outcome">
          No file was chosen, so nothing was exported.
        </p>
      );
    case 'failed':
      return (
        <p className="form-error export-line" role="alert" data-testid="export-outcome">
          Export failed: <SafeText value={run.error} />
        </p>
      );
  }
}
