// Hands the API client to every view, and the hooks views use to follow the link's state.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { NetwatchApi } from '../../../shared/contract';
import type { ConnectionInfo } from './connection-state';
import type { ApiClient } from './detect-api';

export const ApiContext = createContext<ApiClient | null>(null);

export function useClient(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('ApiContext is not provided');
  return client;
}

export function useApi(): NetwatchApi {
  return useClient().api;
}

/** The link's state; re-renders when it changes. */
export function useConnection(): ConnectionInfo {
  const { connection } = useClient();
  return useSyncExternalStore(connection.subscribe, connection.get);
}
