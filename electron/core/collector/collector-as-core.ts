// A client of the system collector offered to a face (serve, the app) as its core: the same
// CoreService, plus what a face must show when the collector goes away and comes back. While
// it is away, status says "disconnected"; when it is back, the face is told to rebuild its views.
import type { Status } from '../../../shared/model';
import type { ContractClient } from '../../transport/unix-socket-client';
import type { CoreEventListener, CoreService } from '../core-service';
import { disconnectedFrom } from './watched-by';

export interface CollectorCore extends CoreService {
  /** Called after a reconnection: views built from the old connection's deltas are stale. */
  onReconnected(listener: () => void): () => void;
}

export function collectorAsCore(client: ContractClient, onNotice: (message: string) => void): CollectorCore {
  const listeners = new Set<CoreEventListener>();
  const reconnected = new Set<() => void>();
  let last: Status | null = null;
  const emit = (status: Status) => {
    for (const listener of listeners) listener('status.onChanged', status);
  };
  client.subscribe((name, payload) => {
    for (const listener of listeners) listener(name, payload);
  });
  const remember = (status: Status) => {
    last = status;
    return status;
  };
  void client.handlers.status.get({}).then(remember, () => {});
  client.onConnection((connected) => {
    if (!connected) {
      onNotice(`the system collector at ${client.socketPath} went away; reconnecting`);
      if (last) emit(disconnectedFrom(last));
      return;
    }
    onNotice(`reconnected to the system collector at ${client.socketPath}`);
    void client.handlers.status.get({}).then(
      (status) => emit(remember(status)),
      () => {},
    );
    for (const listener of reconnected) listener();
  });
  return {
    handlers: {
      ...client.handlers,
      status: {
        ...client.handlers.status,
        get: async (input) => {
          if (!client.isConnected() && last) return disconnectedFrom(last);
          return remember(await client.handlers.status.get(input));
        },
      },
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnected(listener) {
      reconnected.add(listener);
      return () => reconnected.delete(listener);
    },
    close: () => client.close(),
  };
}
