// A table that stays fast with tens of thousands of rows: fixed row height, only the visible rows
// (plus a few) are in the DOM, one scroll container so header and body scroll together sideways.
// Keyboard: arrows, Page Up/Down, Home/End move the selection; Enter opens; headers sort.
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { SortState } from '../store/sort-rows';
import { TableHeader } from './table-header';

export interface Column<R> {
  id: string;
  header: string;
  /** A CSS grid track: '64px', 'minmax(160px, 2fr)'. */
  width: string;
  align?: 'left' | 'right';
  mono?: boolean;
  sortable?: boolean;
  /** Explains the column in the header's tooltip. */
  title?: string;
  cell(row: R): ReactNode;
}

export interface VirtualTableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey(row: R): string;
  label: string;
  rowClass?(row: R): string | undefined;
  sort?: SortState;
  onSort?(column: string): void;
  selectedKey?: string | null;
  onSelect?(key: string | null): void;
  /** Enter or double-click on a row (or a single click with `activateOnClick`). */
  onActivate?(row: R): void;
  activateOnClick?: boolean;
  /** Called when the last rows come into view (paging). */
  onEndReached?(): void;
  /** Shown in place of the body when there are no rows. */
  empty?: ReactNode;
  rowHeight?: number;
  /** Test id for the grid element. */
  testId?: string;
  /** Called after each DOM update with the row count (benchmark probe). */
  onCommitted?(rowCount: number): void;
}

const OVERSCAN = 8;
const HEADER_HEIGHT = 28;

export function VirtualTable<R>(props: VirtualTableProps<R>) {
  const {
    rows,
    columns,
    rowKey,
    rowHeight = 24,
    selectedKey = null,
    onSelect,
    onActivate,
    onEndReached,
  } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const frame = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setViewport({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const el = scrollRef.current;
      if (el) setViewport({ top: el.scrollTop, height: el.clientHeight });
    });
  }, []);
  useEffect(() => () => void (frame.current !== null && cancelAnimationFrame(frame.current)), []);

  const bodyTop = Math.max(0, viewport.top - HEADER_HEIGHT);
  const first = Math.max(0, Math.floor(bodyTop / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((bodyTop + viewport.height) / rowHeight) + OVERSCAN);

  const nearEnd = rows.length > 0 && last >= rows.length - 1;
  useEffect(() => {
    if (nearEnd) onEndReached?.();
  }, [nearEnd, rows.length, onEndReached]);

  const { onCommitted } = props;
  // A layout effect: runs when the DOM is updated, before the browser paints it.
  useLayoutEffect(() => onCommitted?.(rows.length));

  /** Moves the selection by `delta` rows (or to an end) and scrolls it into view. */
  const move = useCallback(
    (to: (index: number) => number) => {
      if (rows.length === 0) return;
      const current = selectedKey === null ? -1 : rows.findIndex((r) => rowKey(r) === selectedKey);
      const index = Math.max(0, Math.min(rows.length - 1, to(current)));
      onSelect?.(rowKey(rows[index]!));
      const el = scrollRef.current;
      if (!el) return;
      const top = index * rowHeight;
      const bodyHeight = el.clientHeight - HEADER_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + bodyHeight) el.scrollTop = top + rowHeight - bodyHeight;
    },
    [rows, rowKey, selectedKey, onSelect, rowHeight],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((viewport.height - HEADER_HEIGHT) / rowHeight) - 1);
    const keys: Record<string, (i: number) => number> = {
      ArrowDown: (i) => i + 1,
      ArrowUp: (i) => (i < 0 ? 0 : i - 1),
      PageDown: (i) => i + page,
      PageUp: (i) => i - page,
      Home: () => 0,
      End: () => rows.length - 1,
    };
    const to = keys[event.key];
    if (to) {
      event.preventDefault();
      move(to);
    } else if (event.key === 'Enter' && selectedKey !== null && onActivate) {
      const row = rows.find((r) => rowKey(r) === selectedKey);
      if (row) onActivate(row);
    } else if (event.key === 'Escape' && selectedKey !== null) {
      onSelect?.(null);
    }
  };

  const template = columns.map((c) => c.width).join(' ');
  const visible: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const row = rows[i]!;
    const key = rowKey(row);
    visible.push(
      <TableRow
        key={key}
        row={row}
        rowKey={key}
        index={i}
        top={i * rowHeight}
        columns={columns}
        selected={key === selectedKey}
        className={props.rowClass?.(row)}
        onSelect={onSelect}
        onActivate={onActivate}
        activateOnClick={props.activateOnClick ?? false}
      />,
    );
  }

  return (
    <div
      ref={scrollRef}
      className="vt"
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-activedescendant={selectedKey !== null ? rowDomId(selectedKey) : undefined}
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-testid={props.testId}
      style={{ '--vt-cols': template, '--vt-row': `${rowHeight}px` } as CSSProperties}
    >
      <div className="vt-inner" style={{ height: HEADER_HEIGHT + rows.length * rowHeight }}>
        <TableHeader columns={columns} sort={props.sort} onSort={props.onSort} />
        {rows.length === 0 ? (
          <div className="vt-empty">{props.empty ?? 'Nothing to show.'}</div>
        ) : (
          <div className="vt-body" role="rowgroup">
            {visible}
          </div>
        )}
      </div>
    </div>
  );
}

/** A DOM id from a row key (keys hold ':' and '/' etc.): stable and valid. */
export function rowDomId(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return `row-${(h >>> 0).toString(36)}-${key.length}`;
}

interface TableRowProps<R> {
  row: R;
  rowKey: string;
  index: number;
  top: number;
  columns: readonly Column<R>[];
  selected: boolean;
  className: string | undefined;
  onSelect?(key: string | null): void;
  onActivate?(row: R): void;
  activateOnClick: boolean;
}

function TableRowImpl<R>({
  row,
  rowKey,
  index,
  top,
  columns,
  selected,
  className,
  onSelect,
  onActivate,
  activateOnClick,
}: TableRowProps<R>) {
  return (
    <div
      id={rowDomId(rowKey)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`vt-row${index % 2 ? ' odd' : ''}${selected ? ' selected' : ''}${className ? ` ${className}` : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={() => onSelect?.(rowKey)}
      onClick={activateOnClick ? () => onActivate?.(row) : undefined}
      onDoubleClick={activateOnClick ? undefined : () => onActivate?.(row)}
    >
      {columns.map((c) => (
        <div
          key={c.id}
          role="gridcell"
          className={`vt-cell${c.mono ? ' mono' : ''}${c.align === 'right' ? ' right' : ''}`}
        >
          {c.cell(row)}
        </div>
      ))}
    </div>
  );
}

/** Unchanged row objects at the same place skip rendering entirely. */
const TableRow = memo(TableRowImpl, (a, b) => {
  return (
    a.row === b.row &&
    a.top === b.top &&
    a.index === b.index &&
    a.selected === b.selected &&
    a.className === b.className &&
    a.columns === b.columns &&
    a.onSelect === b.onSelect &&
    a.onActivate === b.onActivate
  );
}) as typeof TableRowImpl;
