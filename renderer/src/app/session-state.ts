// View state that should survive switching views (filters, sort, toggles) but not a reload:
// a useState whose value lives in a module-level map keyed by the caller.
import { useCallback, useState } from 'react';

const memory = new Map<string, unknown>();

export function useSessionState<T>(key: string, initial: T): [T, (next: T | ((old: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => (memory.has(key) ? (memory.get(key) as T) : initial));
  const set = useCallback(
    (next: T | ((old: T) => T)) => {
      setValue((old) => {
        const value = typeof next === 'function' ? (next as (old: T) => T)(old) : next;
        memory.set(key, value);
        return value;
      });
    },
    [key],
  );
  return [value, set];
}
