// Where the history database lives: `--db` first, then NETWATCH_DB, then the app's user-data
// folder (Electron passes it), then the per-user data folder of the platform.
import os from 'node:os';
import path from 'node:path';

export const DB_FILE = 'netwatch.db';

export interface DataPathInput {
  /** The --db flag. */
  flag?: string | null;
  /** Electron's app.getPath('userData'). */
  userDataDir?: string | null;
  env?: NodeJS.ProcessEnv;
  platform?: string;
  home?: string;
}

/** The per-user data folder of netwatch on a platform (no file name). */
export function defaultDataDir(
  platform: string = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    const appData =
      env.APPDATA && path.win32.isAbsolute(env.APPDATA)
        ? env.APPDATA
        : path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'netwatch');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'netwatch');
  // XDG: a relative XDG_DATA_HOME is invalid by the spec and ignored.
  const xdg = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : null;
  return path.posix.join(xdg ?? path.posix.join(home, '.local', 'share'), 'netwatch');
}

export function resolveDbPath(input: DataPathInput = {}): string {
  const env = input.env ?? process.env;
  if (input.flag) return input.flag;
  if (env.NETWATCH_DB) return env.NETWATCH_DB;
  const platform = input.platform ?? process.platform;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  if (input.userDataDir) return join(input.userDataDir, DB_FILE);
  return join(defaultDataDir(platform, env, input.home ?? os.homedir()), DB_FILE);
}
