// The system collector: the core (worker thread) on the system database, serving the contract on
// a Unix socket to root and one group. Logs one line per event to stderr with a syslog priority
// prefix ("<3>"), which journald reads as the line's level.
import { unlinkSync } from 'node:fs';
import type { Server } from 'node:net';
import type { CoreService } from '../core-service';
import { startCore } from '../service-host';
import { attachUnixSocketApi, type UnixSocketApi } from '../../transport/unix-socket-api';
import type { CollectorPaths } from './collector-paths';
import { groupId } from './group-lookup';
import { listenSocket } from './listen-socket';

export type LogLevel = 'error' | 'warning' | 'notice' | 'info';
const PRIORITY: Record<LogLevel, number> = { error: 3, warning: 4, notice: 5, info: 6 };

export const journalLine = (level: LogLevel, message: string): string =>
  `<${PRIORITY[level]}>${message.replace(/[\u0000-\u001f\u007f]+/g, ' ')}\n`;

export interface RunningCollector {
  readonly core: CoreService;
  readonly api: UnixSocketApi;
  /** Stops serving, then closes the core (its last tick written). */
  close(): Promise<void>;
}

export interface StartCollectorOptions extends CollectorPaths {
  log: (level: LogLevel, message: string) => void;
  intervalMs?: number;
}

export async function startCollector(options: StartCollectorOptions): Promise<RunningCollector> {
  const { log, socketPath, dbPath, group } = options;
  const gid = groupId(group);
  if (gid === null)
    log(
      'warning',
      `group '${group}' does not exist: only root can use the collector (netwatch collector install creates it)`,
    );
  const core = await startCore({
    dbPath,
    collector: true,
    kernelEvents: true,
    intervalMs: options.intervalMs,
    onNotice: (message) => log('notice', message),
    notify: (message) => log('info', `alert: ${message}`),
  });
  let server: Server;
  try {
    server = await listenSocket(socketPath, gid);
  } catch (error) {
    await core.close();
    throw error;
  }
  const api = attachUnixSocketApi(server, core, undefined, (message) => log('warning', message));
  log(
    'info',
    `recording to ${dbPath}; serving ${socketPath} to root${gid === null ? '' : ` and group ${group}`}`,
  );
  let closing: Promise<void> | null = null;
  return {
    core,
    api,
    close: () =>
      (closing ??= (async () => {
        api.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        try {
          unlinkSync(socketPath);
        } catch {
          // Already gone (server.close removes it on some platforms).
        }
        await core.close();
        log('info', 'stopped');
      })()),
  };
}
