// Sorts table rows by one column: each row's key is computed once per sort (not per comparison),
// numbers before text, and ties keep a stable order by the row's identity so rows never jump.

export type SortDir = 'asc' | 'desc';
export interface SortState {
  column: string;
  dir: SortDir;
}
export type SortKey = string | number | null;

export function sortRows<R>(
  rows: readonly R[],
  keyOf: (row: R) => SortKey,
  tieOf: (row: R) => string,
  dir: SortDir,
): R[] {
  const decorated = rows.map((row) => ({ row, key: keyOf(row), tie: tieOf(row) }));
  const sign = dir === 'asc' ? 1 : -1;
  decorated.sort((a, b) => {
    const ka = a.key;
    const kb = b.key;
    // Absent values go last in either direction.
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else if (ka !== kb) {
      if (typeof ka === 'number' && typeof kb === 'number') return (ka - kb) * sign;
      const sa = String(ka);
      const sb = String(kb);
      if (sa !== sb) return (sa < sb ? -1 : 1) * sign;
    }
    return a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0;
  });
  return decorated.map((d) => d.row);
}

/** Clicking a header: the same column flips direction, another starts ascending. */
export function nextSort(current: SortState, column: string): SortState {
  return current.column === column
    ? { column, dir: current.dir === 'asc' ? 'desc' : 'asc' }
    : { column, dir: 'asc' };
}
