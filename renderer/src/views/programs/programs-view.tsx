// Programs: every program netwatch has seen, who it is and how much it talks; open one (Enter or
// double-click) to see its connections and remote hosts beside the list.
import { useCallback, useMemo, useState } from 'react';
import type { ProgramRecord } from '../../../../shared/model';
import { useQuery } from '../../api/use-query';
import { navigate, useRoute } from '../../app/route';
import { useSessionState } from '../../app/session-state';
import { Notice } from '../../components/notice';
import { VirtualTable } from '../../components/virtual-table';
import { countText } from '../../format/numbers';
import { nextSort, sortRows, type SortState } from '../../store/sort-rows';
import { ProgramDetail } from './program-detail';
import { programColumns, programSortKeys } from './program-columns';
import { useProgramSparklines } from './use-program-sparklines';

const rowKey = (p: ProgramRecord) => String(p.id);

export function ProgramsView() {
  const route = useRoute();
  const openId = route.id !== null && /^\d+$/.test(route.id) ? Number(route.id) : null;
  const query = useQuery((api) => api.programs.list({}), [], { refreshMs: 3000 });
  const sparklines = useProgramSparklines();
  const [sort, setSort] = useSessionState<SortState>('programs.sort', { column: 'now', dir: 'desc' });
  const [search, setSearch] = useSessionState('programs.search', '');
  const [selected, setSelected] = useState<string | null>(openId !== null ? String(openId) : null);

  const rows = useMemo(() => {
    const terms = search.toLowerCase().split(/\s+/).filter(Boolean);
    const kept = (query.data ?? []).filter((p) => {
      const text = `${p.name}\u0000${p.exe}\u0000${p.user ?? ''}\u0000${p.sha256 ?? ''}`.toLowerCase();
      return terms.every((t) => text.includes(t));
    });
    const key = programSortKeys[sort.column] ?? programSortKeys.name!;
    return sortRows(kept, key, rowKey, sort.dir);
  }, [query.data, search, sort]);
  const columns = useMemo(() => programColumns(sparklines), [sparklines]);
  const onSort = useCallback((column: string) => setSort((s) => nextSort(s, column)), [setSort]);
  const onActivate = useCallback((p: ProgramRecord) => navigate('programs', p.id), []);

  let empty;
  if (query.error)
    empty = (
      <Notice kind="error" title="Could not load programs">
        {query.error}
      </Notice>
    );
  else if (!query.data) empty = <Notice kind="loading" title="Loading programs…" />;
  else if (query.data.length === 0)
    empty = (
      <Notice title="No programs yet">Programs appear here when netwatch sees them own a socket.</Notice>
    );
  else
    empty = (
      <Notice
        title="No program matches the search"
        action={{ label: 'Clear search', run: () => setSearch('') }}
      />
    );

  const unknown = (query.data ?? []).filter((p) => !p.trusted && !p.baseline).length;
  return (
    <section className="view" aria-label="Programs">
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder="Search name, path, user, hash…"
          aria-label="Search programs"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted">
          {countText(query.data?.length ?? 0)} programs{unknown ? `, ${countText(unknown)} new` : ''}
        </span>
      </div>
      <div className={openId !== null ? 'split' : 'table-wrap grow'}>
        <div className="table-wrap">
          <VirtualTable
            rows={rows}
            columns={columns}
            rowKey={rowKey}
            label="Programs"
            testId="programs-table"
            sort={sort}
            onSort={onSort}
            selectedKey={selected}
            onSelect={setSelected}
            onActivate={onActivate}
            activateOnClick
            rowHeight={26}
            empty={empty}
          />
        </div>
        {openId !== null ? (
          <aside className="detail" aria-label="Program details">
            <div className="button-row">
              <button type="button" className="link-button" onClick={() => navigate('programs')}>
                ✕ Close
              </button>
            </div>
            <ProgramDetail id={openId} onChanged={query.reload} />
          </aside>
        ) : null}
      </div>
    </section>
  );
}
