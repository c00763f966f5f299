// History: every connection netwatch recorded, by time range and filters, paged from the newest
// back; from a row to its program (Enter or double-click); export what is shown (or edit the
// filters first, in the export dialog).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ConnectionRecord } from '../../../../shared/model';
import { navigate, useRoute } from '../../app/route';
import { useSessionState } from '../../app/session-state';
import { Notice } from '../../components/notice';
import { VirtualTable } from '../../components/virtual-table';
import { countText } from '../../format/numbers';
import { ExportButton } from './export-button';
import { historyColumns } from './history-columns';
import { useStatus } from '../../store/status-provider';
import { defaultHistoryForm, formProblem, toHistoryFilter, type HistoryForm } from './history-filter';
import { HistoryFilterBar } from './history-filter-bar';
import { MAX_ROWS, useHistoryPages } from './use-history-pages';

const rowKey = (r: ConnectionRecord) => String(r.id);

export function HistoryView() {
  const route = useRoute();
  const showWhere = useStatus().status?.watchedBy?.collector === true;
  const columns = useMemo(() => historyColumns({ showWhere }), [showWhere]);
  const [form, setForm] = useSessionState<HistoryForm>('history.form', defaultHistoryForm);
  const [selected, setSelected] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);

  const programParam = route.params.get('program');
  useEffect(() => {
    const id = Number(programParam);
    if (programParam && Number.isInteger(id) && id > 0) setForm((f) => ({ ...f, programId: id }));
  }, [programParam, setForm]);

  const problem = formProblem(form);
  const formKey = JSON.stringify(form);
  // Relative ranges are taken from "now" when the filter is set or Refresh is pressed.
  const filter = useMemo(
    () => (problem ? null : toHistoryFilter(form, Date.now())),
    [formKey, problem, refresh],
  );
  const pages = useHistoryPages(filter, `${formKey}#${refresh}`);
  const programName = useMemo(
    () =>
      form.programId === null
        ? null
        : (pages.rows.find((r) => r.programId === form.programId)?.process ?? null),
    [pages.rows, form.programId],
  );

  const onActivate = useCallback((r: ConnectionRecord) => {
    if (r.programId !== null) navigate('programs', r.programId);
  }, []);

  let empty;
  if (problem)
    empty = (
      <Notice kind="error" title="Check the filter">
        {problem}
      </Notice>
    );
  else if (pages.error)
    empty = (
      <Notice
        kind="error"
        title="Could not load history"
        action={{ label: 'Retry', run: () => setRefresh((n) => n + 1) }}
      >
        {pages.error}
      </Notice>
    );
  else if (pages.loading) empty = <Notice kind="loading" title="Loading history…" />;
  else
    empty = (
      <Notice
        title="No connections in this range"
        action={{ label: 'Reset filters', run: () => setForm(defaultHistoryForm) }}
      >
        Try a longer time range or fewer filters. Connections enter history from the moment netwatch sees
        them.
      </Notice>
    );

  return (
    <section className="view" aria-label="History">
      <HistoryFilterBar form={form} onForm={setForm} programName={programName} showWhere={showWhere} />
      <div className="table-caption caption-row">
        <span data-testid="history-count">
          {countText(pages.rows.length)} connections
          {pages.done
            ? ''
            : pages.capped
              ? ` (first ${countText(MAX_ROWS)}: narrow the filter to see more)`
              : '+'}
          {pages.loading && pages.rows.length > 0 ? ' · loading…' : ''}
          {pages.error && pages.rows.length > 0 ? ` · ${pages.error}` : ''}
        </span>
        <span className="caption-actions">
          <button type="button" className="link-button" onClick={() => setRefresh((n) => n + 1)}>
            Refresh
          </button>
          <ExportButton form={form} programName={programName} />
        </span>
      </div>
      <VirtualTable
        rows={pages.rows}
        columns={columns}
        rowKey={rowKey}
        label="Connection history"
        testId="history-table"
        selectedKey={selected}
        onSelect={setSelected}
        onActivate={onActivate}
        onEndReached={pages.loadMore}
        empty={empty}
      />
    </section>
  );
}
