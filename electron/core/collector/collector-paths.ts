// Where the system collector lives: its socket, its database and the group allowed to use it.
// Flags first, then the environment (tests and packagers point them elsewhere), then the defaults.

export const DEFAULT_SOCKET = '/run/netwatch/netwatch.sock';
export const DEFAULT_SYSTEM_DB = '/var/lib/netwatch/netwatch.db';
export const DEFAULT_GROUP = 'netwatch';

export interface CollectorPaths {
  socketPath: string;
  dbPath: string;
  group: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function collectorPaths(
  flags: { socket?: string; db?: string; group?: string } = {},
  env: Env = process.env,
): CollectorPaths {
  return {
    socketPath: flags.socket || env.NETWATCH_COLLECTOR_SOCKET || DEFAULT_SOCKET,
    dbPath: flags.db || env.NETWATCH_COLLECTOR_DB || DEFAULT_SYSTEM_DB,
    group: flags.group || env.NETWATCH_COLLECTOR_GROUP || DEFAULT_GROUP,
  };
}
