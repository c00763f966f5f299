// Pages through history with the contract's keyset cursor: the first page when the filter changes
// (or the link reopens), the next when the table reaches its end. Bounded: past MAX_ROWS it stops
// and asks for a narrower filter instead of holding everything in the page.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cursor, HistoryFilter } from '../../../../shared/contract';
import type { ConnectionRecord } from '../../../../shared/model';
import { useApi, useConnection } from '../../api/api-context';
import { errorText } from '../../api/use-query';

const PAGE = 500;
export const MAX_ROWS = 50_000;

export interface HistoryPages {
  rows: ConnectionRecord[];
  loading: boolean;
  error: string | null;
  done: boolean;
  capped: boolean;
  loadMore(): void;
}

export function useHistoryPages(filter: HistoryFilter | null, filterKey: string): HistoryPages {
  const api = useApi();
  const { generation, state } = useConnection();
  const [rows, setRows] = useState<ConnectionRecord[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [next, setNext] = useState<Cursor | null>(null);
  const [done, setDone] = useState(false);
  const request = useRef(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const load = useCallback(
    (cursor: Cursor | null, append: boolean) => {
      const f = filterRef.current;
      if (!f) return;
      const id = ++request.current;
      setLoading(true);
      api.history.query({ filter: f, cursor, limit: PAGE }).then(
        (page) => {
          if (id !== request.current) return;
          setRows((old) => (append ? [...old, ...page.rows] : page.rows));
          setNext(page.next);
          setDone(page.next === null);
          setError(null);
          setLoading(false);
        },
        (reason: unknown) => {
          if (id !== request.current) return;
          setError(errorText(reason));
          setLoading(false);
        },
      );
    },
    [api],
  );

  useEffect(() => {
    if (state !== 'open' || !filterRef.current) return;
    setDone(false);
    setNext(null);
    load(null, false);
  }, [filterKey, generation, state, load]);

  const capped = rows.length >= MAX_ROWS;
  const loadMore = useCallback(() => {
    if (loading || done || capped || next === null || error) return;
    load(next, true);
  }, [loading, done, capped, next, error, load]);

  return { rows, loading, error, done, capped, loadMore };
}
