// One LiveSync for the whole page (Live, Programs and Network all read it), and the hooks that
// re-render a component when the live table changes.
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useClient } from '../api/api-context';
import { LiveSync, type LiveSyncState } from './live-sync';

const LiveContext = createContext<LiveSync | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const { api, connection } = useClient();
  const sync = useMemo(() => new LiveSync(api, connection), [api, connection]);
  useEffect(() => {
    sync.start();
    return () => sync.stop();
  }, [sync]);
  return <LiveContext.Provider value={sync}>{children}</LiveContext.Provider>;
}

export function useLiveSync(): LiveSync {
  const sync = useContext(LiveContext);
  if (!sync) throw new Error('LiveProvider is missing');
  return sync;
}

/** The live table's version: a component using it re-renders on every applied delta. */
export function useLiveVersion(): number {
  const { table } = useLiveSync();
  return useSyncExternalStore(table.subscribe, table.getVersion);
}

export function useLiveSyncState(): LiveSyncState {
  const sync = useLiveSync();
  return useSyncExternalStore(sync.subscribeState, sync.getState);
}
