// The History view's Export… button: opens the export dialog with the view's current filters.
import { useState } from 'react';
import { ExportDialog } from './export-dialog';
import type { HistoryForm } from './history-filter';

export function ExportButton({ form, programName }: { form: HistoryForm; programName: string | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Export…
      </button>
      {open ? (
        <ExportDialog initialForm={form} programName={programName} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}
