// Runs a query against the core and keeps its answer: again whenever the link reopens (the page
// never holds the truth), when its inputs change, and optionally every `refreshMs`. The previous
// answer stays on screen while the next one loads, so nothing flickers.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NetwatchApi } from '../../../shared/contract';
import { useApi, useConnection } from './api-context';

export interface QueryResult<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useQuery<T>(
  load: (api: NetwatchApi) => Promise<T>,
  deps: readonly unknown[],
  options: { refreshMs?: number; enabled?: boolean } = {},
): QueryResult<T> {
  const api = useApi();
  const { state, generation } = useConnection();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const enabled = (options.enabled ?? true) && state === 'open';

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = (): void => {
      setLoading(true);
      loadRef.current(api).then(
        (value) => {
          if (cancelled) return;
          setData(value);
          setError(null);
          setLoading(false);
          if (options.refreshMs) timer = setTimeout(run, options.refreshMs);
        },
        (reason: unknown) => {
          if (cancelled) return;
          setError(errorText(reason));
          setLoading(false);
          if (options.refreshMs) timer = setTimeout(run, Math.max(options.refreshMs, 5000));
        },
      );
    };
    run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [api, enabled, generation, nonce, options.refreshMs, ...deps]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** Subscribes to a pushed event for the component's lifetime. */
export function useEvent<P>(
  subscribe: (api: NetwatchApi, listener: (payload: P) => void) => () => void,
  listener: (payload: P) => void,
): void {
  const api = useApi();
  const listenerRef = useRef(listener);
  listenerRef.current = listener;
  const subscribeRef = useRef(subscribe);
  useEffect(() => subscribeRef.current(api, (payload) => listenerRef.current(payload)), [api]);
}
