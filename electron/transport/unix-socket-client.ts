// A Node client of the contract over a Unix socket (the system collector's), offered as the same
// CoreService the in-process core is, so serve, the app and the CLI use either one alike. It
// survives the collector restarting: calls in flight fail, it says it is disconnected, and it
// reconnects by itself; the caller rebuilds its view from queries.
import { connect, type Socket } from 'node:net';
import { listMethods, type ContractHandlers, type EventName, type EventPayload } from '../../shared/contract';
import type { CoreEventListener, CoreService } from '../core/core-service';
import { createLineSplitter } from './line-frames';

/** Nothing listens at the path (no collector installed, or it is stopped). */
export class CollectorAbsentError extends Error {
  override name = 'CollectorAbsentError';
}
/** A collector is there, but this user may not use it (not root, not in its group). */
export class CollectorRefusedError extends Error {
  override name = 'CollectorRefusedError';
}

export interface ContractClient extends CoreService {
  readonly socketPath: string;
  isConnected(): boolean;
  /** Called with false when the collector went away, true when the client is back. */
  onConnection(listener: (connected: boolean) => void): () => void;
}

export interface ContractClientOptions {
  /** Retry period while disconnected (default 1000 ms). */
  retryMs?: number;
  /** How long the first connection may take (default 2000 ms). */
  connectTimeoutMs?: number;
  /** The group a person must be in, named in the refusal message. */
  group?: string;
}

const MAX_RESULT_LINE_BYTES = 512 * 1024 * 1024;

type ServerLine =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; message: string }
  | { kind: 'event'; name: string; payload: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseServerLine(text: string): ServerLine | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (value.type === 'event' && typeof value.name === 'string')
    return { kind: 'event', name: value.name, payload: value.payload };
  if (value.type !== 'result' || typeof value.id !== 'number') return null;
  if (value.ok === true) return { kind: 'result', id: value.id, ok: true, value: value.value };
  const error = isRecord(value.error) ? value.error : {};
  const message = typeof error.message === 'string' ? error.message : 'the collector failed';
  return { kind: 'result', id: value.id, ok: false, message };
}

function openSocket(path: string, timeoutMs: number, group: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new CollectorAbsentError(`the system collector at ${path} did not answer within ${timeoutMs} ms`),
      );
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'EACCES' || error.code === 'EPERM') {
        reject(
          new CollectorRefusedError(
            `the system collector at ${path} refused this user: it answers root and members of the ` +
              `group '${group}' only (sudo usermod -aG ${group} $USER, then log in again)`,
          ),
        );
      } else
        reject(new CollectorAbsentError(`no system collector at ${path} (${error.code ?? error.message})`));
    });
  });
}

export async function connectContractClient(
  socketPath: string,
  options: ContractClientOptions = {},
): Promise<ContractClient> {
  const retryMs = options.retryMs ?? 1000;
  const timeoutMs = options.connectTimeoutMs ?? 2000;
  const group = options.group ?? 'netwatch';
  const listeners = new Set<CoreEventListener>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let socket: Socket | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const failAll = (reason: string): void => {
    for (const call of pending.values()) call.reject(new Error(reason));
    pending.clear();
  };

  const onLine = (text: string): void => {
    const line = parseServerLine(text);
    if (!line) return;
    if (line.kind === 'event') {
      // Names come from the collector, which sends the contract's own; listeners narrow by name.
      for (const listener of listeners)
        listener(line.name as EventName, line.payload as EventPayload<EventName>);
      return;
    }
    const call = pending.get(line.id);
    if (!call) return;
    pending.delete(line.id);
    if (line.ok) call.resolve(line.value);
    else call.reject(new Error(line.message));
  };

  const adopt = (next: Socket): void => {
    socket = next;
    const splitter = createLineSplitter(MAX_RESULT_LINE_BYTES, onLine);
    next.on('data', (chunk: Buffer) => {
      if (!splitter.push(chunk)) next.destroy(new Error('the collector sent an oversized line'));
    });
    next.on('error', () => {});
    next.on('close', () => {
      if (socket !== next) return;
      socket = null;
      failAll('the system collector disconnected');
      if (closed) return;
      for (const listener of connectionListeners) listener(false);
      scheduleRetry();
    });
  };

  const scheduleRetry = (): void => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      openSocket(socketPath, timeoutMs, group).then(
        (next) => {
          if (closed) return void next.destroy();
          adopt(next);
          for (const listener of connectionListeners) listener(true);
        },
        () => scheduleRetry(),
      );
    }, retryMs);
  };

  adopt(await openSocket(socketPath, timeoutMs, group));

  const call = (method: string, input: unknown): Promise<unknown> => {
    const live = socket;
    if (!live || closed) return Promise.reject(new Error('the system collector is disconnected'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      live.write(`${JSON.stringify({ type: 'call', id, method, input })}\n`);
    });
  };
  const handlers: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [service, method] of listMethods()) {
    (handlers[service] ??= {})[method] = (input) => call(`${service}.${method}`, input);
  }

  return {
    socketPath,
    // Built from the contract's own method list, so every ContractHandlers member is present.
    handlers: handlers as unknown as ContractHandlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isConnected: () => socket !== null,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      failAll('the client was closed');
      socket?.destroy();
      socket = null;
      listeners.clear();
      connectionListeners.clear();
    },
  };
}
