// A plain table for short, bounded lists (routes, a program's remotes, protocol counters): every
// row in the DOM, same Column shape as VirtualTable.
import type { ReactNode } from 'react';
import type { Column } from './virtual-table';

interface SimpleTableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey(row: R): string;
  label: string;
  empty?: ReactNode;
  onActivate?(row: R): void;
  testId?: string;
}

export function SimpleTable<R>({
  rows,
  columns,
  rowKey,
  label,
  empty,
  onActivate,
  testId,
}: SimpleTableProps<R>) {
  if (rows.length === 0) return <div className="muted">{empty ?? 'Nothing to show.'}</div>;
  return (
    <table className="kv" aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.id} className={c.align === 'right' ? 'num' : undefined} title={c.title}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={rowKey(row)}
            onDoubleClick={onActivate ? () => onActivate(row) : undefined}
            className={onActivate ? 'clickable' : undefined}
          >
            {columns.map((c) => (
              <td key={c.id} className={c.align === 'right' ? 'num' : c.mono ? 'mono' : undefined}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
