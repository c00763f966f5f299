// What the core offers its transports (Electron IPC, WebSocket): the contract's handlers and its
// pushed events. Implemented by service.ts (in-thread) and by the worker host (off-thread);
// transports depend on this shape only.
import type { ContractHandlers, EventName, EventPayload } from '../../shared/contract';

export type CoreEventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface CoreService {
  /** Every method of the contract; inputs already validated by the transport. */
  readonly handlers: ContractHandlers;
  /** Receives every pushed event; returns the unsubscribe function. */
  subscribe(listener: CoreEventListener): () => void;
  /** Stops sampling and closes the database. */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** SQLite file; default: the per-user data folder (NETWATCH_DB overrides). */
  dbPath?: string;
  /** Sampling interval; default from settings (1000 ms). */
  intervalMs?: number;
  /** Where to write notifications of alerts (stderr line in the CLI, native in Electron). */
  notify?: (message: string) => void;
  /**
   * Path of a better-sqlite3 native binding built for this runtime (better-sqlite3's `nativeBinding`
   * option). Set by the Electron app in development, where node_modules holds the Node build and the
   * Electron build lives beside it (NETWATCH_NATIVE_BINDING); unset everywhere else.
   */
  nativeBinding?: string;
  /** Runs as the system collector (all users, the system database): said in status. */
  collector?: boolean;
  /** Run the kernel event feed where it can run (Linux, privileged); NETWATCH_EVENTS=off refuses it. */
  kernelEvents?: boolean;
}
