// Live: every socket on the machine, updated each tick in place (no flicker, scroll kept), filtered
// and sorted like netstat's switches; new rows glow for a moment, closed rows fade out.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { navigate, useRoute } from '../../app/route';
import { useSessionState } from '../../app/session-state';
import { Notice } from '../../components/notice';
import { VirtualTable } from '../../components/virtual-table';
import { countText } from '../../format/numbers';
import { perfProbe } from '../../perf/perf-probe';
import { defaultLiveFilter, isFiltered, type LiveFilter } from '../../store/live-filter';
import { LiveOrder } from '../../store/live-order';
import { useLiveSync, useLiveSyncState, useLiveVersion } from '../../store/live-provider';
import { NEW_MS, type LiveRow } from '../../store/live-table';
import { nextSort, type SortState } from '../../store/sort-rows';
import { liveColumns, liveSortKey } from './live-columns';
import { useStatus } from '../../store/status-provider';
import { LiveFilterBar } from './live-filter-bar';

const rowKey = (r: LiveRow) => r.c.key;
const onCommitted = (count: number) => perfProbe.tableCommitted(count);

export function LiveView() {
  const sync = useLiveSync();
  const version = useLiveVersion();
  const syncState = useLiveSyncState();
  const route = useRoute();
  const [filter, setFilter] = useSessionState<LiveFilter>('live.filter', defaultLiveFilter);
  const [sort, setSort] = useSessionState<SortState>('live.sort', { column: 'program', dir: 'asc' });
  const [numeric, setNumeric] = useSessionState('live.numeric', false);
  const [showExe, setShowExe] = useSessionState('live.exe', false);
  const [selected, setSelected] = useState<string | null>(null);
  const [, setClock] = useState(0);

  // #/live?program=12 (from the Programs view) filters on that program.
  const programParam = route.params.get('program');
  useEffect(() => {
    const id = Number(programParam);
    if (programParam && Number.isInteger(id) && id > 0) setFilter((f) => ({ ...f, programId: id }));
  }, [programParam, setFilter]);

  const all = sync.table.list();
  const order = useRef<LiveOrder | null>(null);
  order.current ??= new LiveOrder(liveSortKey);
  // `all` changes identity with every version of the table.
  const rows = useMemo(() => order.current!.compute(sync.table, filter, sort), [all, sync, filter, sort]);

  const stateList = [...sync.table.stateCounts().keys()].filter((s) => !s.startsWith('(')).sort();
  const stateText = stateList.join('\u0000');
  // A stable array while the set of states is the same, so the menu does not re-render each tick.
  const states = useMemo(() => (stateText ? stateText.split('\u0000') : []), [stateText]);

  const netnsText = [...new Set(all.map((r) => r.c.netns).filter((n): n is string => Boolean(n)))]
    .sort()
    .join('\u0000');
  const namespaces = useMemo(() => (netnsText ? netnsText.split('\u0000') : []), [netnsText]);

  const programName = useMemo(() => {
    if (filter.programId === null) return null;
    return all.find((r) => r.c.programId === filter.programId)?.c.process ?? null;
  }, [all, filter.programId]);

  // Render again when the newest "new" marks expire, even if no delta comes.
  const now = performance.now();
  const newUntil = sync.table.lastOpenedAt + NEW_MS;
  useEffect(() => {
    if (newUntil <= now) return;
    const timer = setTimeout(() => setClock((n) => n + 1), newUntil - now + 20);
    return () => clearTimeout(timer);
  }, [newUntil, now, version]);

  const rowClass = useCallback(
    (r: LiveRow) =>
      r.closedAt !== null
        ? 'row-closing'
        : r.openedAt > 0 && now - r.openedAt < NEW_MS
          ? 'row-new'
          : undefined,
    [now],
  );
  const showWhere = useStatus().status?.watchedBy?.collector === true;
  const columns = useMemo(() => liveColumns({ numeric, showExe, showWhere }), [numeric, showExe, showWhere]);
  const onSort = useCallback((column: string) => setSort((s) => nextSort(s, column)), [setSort]);
  const onActivate = useCallback((r: LiveRow) => {
    if (r.c.programId !== null) navigate('programs', r.c.programId);
  }, []);

  const open = sync.table.openCount();
  let empty;
  if (syncState.error)
    empty = (
      <Notice kind="error" title="Live connections are unavailable">
        {syncState.error}
      </Notice>
    );
  else if (!sync.table.loaded) empty = <Notice kind="loading" title="Loading live connections…" />;
  else if (open === 0)
    empty = (
      <Notice title="No sockets yet">
        netwatch lists sockets after its first sample. If this stays empty, look at the status bar: sampling
        may be paused.
      </Notice>
    );
  else
    empty = (
      <Notice
        title="No connection matches these filters"
        action={{ label: 'Clear filters', run: () => setFilter(defaultLiveFilter) }}
      />
    );

  return (
    <section className="view view-live" aria-label="Live connections">
      <LiveFilterBar
        filter={filter}
        onFilter={setFilter}
        states={states}
        programName={programName}
        numeric={numeric}
        onNumeric={setNumeric}
        showExe={showExe}
        onShowExe={setShowExe}
        showWhere={showWhere}
        namespaces={namespaces}
      />
      <div className="table-caption" aria-live="polite">
        {isFiltered(filter)
          ? `${countText(rows.length)} of ${countText(all.length)} sockets`
          : `${countText(open)} sockets`}
      </div>
      <VirtualTable
        rows={rows}
        columns={columns}
        rowKey={rowKey}
        label="Live connections"
        testId="live-table"
        rowClass={rowClass}
        sort={sort}
        onSort={onSort}
        selectedKey={selected}
        onSelect={setSelected}
        onActivate={onActivate}
        empty={empty}
        onCommitted={onCommitted}
      />
    </section>
  );
}
