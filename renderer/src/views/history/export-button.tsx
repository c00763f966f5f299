// Exports what the History view shows (its current filter) through reports.export: the app asks
// for a file with its save dialog, the browser mode downloads a link. Progress comes from
// reports.onProgress, for the export this control started.
import { useEffect, useRef, useState } from 'react';
import type { ExportProgress, HistoryFilter } from '../../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorText } from '../../api/use-query';
import { SafeText } from '../../text/safe-text';

type Format = 'csv' | 'jsonl' | 'html';

export function ExportButton({ filter }: { filter: HistoryFilter | null }) {
  const api = useApi();
  const [format, setFormat] = useState<Format>('csv');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  // The export this control started: the first progress event after asking, then that id only.
  const following = useRef<{ waiting: boolean; id: string | null }>({ waiting: false, id: null });

  useEffect(
    () =>
      api.reports.onProgress((event) => {
        const f = following.current;
        if (f.id === null && f.waiting) f.id = event.exportId;
        if (event.exportId !== f.id) return;
        setProgress(event);
        if (event.done && event.error !== null)
          setMessage({ ok: false, text: `Export failed: ${event.error}` });
      }),
    [api],
  );

  const run = async () => {
    if (!filter) return;
    setBusy(true);
    setMessage(null);
    setProgress(null);
    following.current = { waiting: true, id: null };
    try {
      const result = await api.reports.export({ format, filter });
      if (result.status === 'saved')
        setMessage({ ok: true, text: `Saved ${result.rows} rows to ${result.path}` });
      else if (result.status === 'download') download(result.url);
    } catch (e) {
      setMessage({ ok: false, text: `Export failed: ${errorText(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="export">
      <select aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
        <option value="csv">CSV</option>
        <option value="jsonl">JSON lines</option>
        <option value="html">HTML</option>
      </select>
      <button type="button" className="button" disabled={busy || !filter} onClick={() => void run()}>
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {progress && !progress.done ? (
        <span className="export-progress" role="status">
          <progress aria-label="Export progress" /> {progress.rows.toLocaleString()} rows
        </span>
      ) : null}
      {message ? (
        <span className={message.ok ? 'form-ok' : 'form-error'}>
          <SafeText value={message.text} />
        </span>
      ) : null}
    </span>
  );
}

/** Only a same-origin relative URL is followed: the answer comes from the core, still checked. */
function download(url: string): void {
  let target: URL;
  try {
    target = new URL(url, window.location.href);
  } catch {
    return;
  }
  if (target.origin !== window.location.origin) return;
  const a = document.createElement('a');
  a.href = target.href;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
