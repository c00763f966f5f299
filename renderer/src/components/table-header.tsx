// The sticky header row of a VirtualTable: sortable columns are buttons (keyboard reachable) that
// show and announce the current order.
import { memo } from 'react';
import type { SortState } from '../store/sort-rows';
import type { Column } from './virtual-table';

interface TableHeaderProps<R> {
  columns: readonly Column<R>[];
  sort?: SortState;
  onSort?(column: string): void;
}

function TableHeaderImpl<R>({ columns, sort, onSort }: TableHeaderProps<R>) {
  return (
    <div className="vt-header" role="row" aria-rowindex={1}>
      {columns.map((c) => {
        const active = sort?.column === c.id;
        const ariaSort = active ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : 'none';
        const cls = `vt-cell vt-head${c.align === 'right' ? ' right' : ''}${active ? ' sorted' : ''}`;
        if (!c.sortable || !onSort) {
          return (
            <div key={c.id} role="columnheader" className={cls} title={c.title}>
              {c.header}
            </div>
          );
        }
        return (
          <div key={c.id} role="columnheader" aria-sort={ariaSort} className={cls}>
            <button
              type="button"
              className="sort-button"
              title={c.title ?? `Sort by ${c.header}`}
              onClick={() => onSort(c.id)}
            >
              {c.header}
              <span className="sort-mark" aria-hidden="true">
                {active ? (sort!.dir === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
          </div>
        );
      })}
    </div>
  );
}

export const TableHeader = memo(TableHeaderImpl) as typeof TableHeaderImpl;
