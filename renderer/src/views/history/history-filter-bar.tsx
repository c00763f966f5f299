// The History view's filters as a toolbar: a time range (presets or custom), and the Live view's
// filters as fields. Text fields apply when typing pauses, so each keystroke is not a query.
import { HistoryFilterFields } from './history-filter-fields';
import type { HistoryForm } from './history-filter';

interface HistoryFilterBarProps {
  form: HistoryForm;
  onForm(next: HistoryForm): void;
  programName: string | null;
  showWhere: boolean;
}

export function HistoryFilterBar({ form, onForm, programName, showWhere }: HistoryFilterBarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="History filters">
      <HistoryFilterFields
        form={form}
        onForm={onForm}
        programName={programName}
        debounceText
        captioned={false}
        showWhere={showWhere}
      />
    </div>
  );
}
