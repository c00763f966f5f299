// The core's status (sampling or paused, privileges, database health, unread alerts) for the
// status bar and the alert badge: queried on every (re)connect, then followed by status.onChanged.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Status } from '../../../shared/model';
import { useEvent, useQuery } from '../api/use-query';

interface StatusValue {
  status: Status | null;
  error: string | null;
  /** After pause/resume: the core answers with the new status. */
  setStatus(status: Status): void;
}

const StatusContext = createContext<StatusValue>({ status: null, error: null, setStatus: () => undefined });

export function StatusProvider({ children }: { children: ReactNode }) {
  // Polled slowly as well: the last tick time and database size move without an event.
  const query = useQuery((api) => api.status.get({}), [], { refreshMs: 5000 });
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    if (query.data) setStatus(query.data);
  }, [query.data]);
  useEvent<Status>((api, listener) => api.status.onChanged(listener), setStatus);
  return (
    <StatusContext.Provider value={{ status, error: query.error, setStatus }}>
      {children}
    </StatusContext.Provider>
  );
}

export function useStatus(): StatusValue {
  return useContext(StatusContext);
}
