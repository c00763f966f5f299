// Start at login, hidden in the tray: app.setLoginItemSettings on macOS and Windows, an XDG
// autostart entry on Linux (where Electron has no login-item API).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const HIDDEN_FLAG = '--hidden';

/** For app.setLoginItemSettings (macOS, Windows). */
export function loginItemSettings(enabled: boolean) {
  return { openAtLogin: enabled, openAsHidden: true, args: [HIDDEN_FLAG] };
}

/** Started by the login item: stay in the tray. */
export function startedHidden(argv: readonly string[], wasOpenedAsHidden: boolean): boolean {
  return wasOpenedAsHidden || argv.includes(HIDDEN_FLAG);
}

/** An Exec= argument, quoted by the Desktop Entry rules. */
export function desktopExecArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(execPath: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=netwatch',
    'Comment=Watches network connections and the programs behind them',
    `Exec=${desktopExecArg(execPath)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Writes or removes $XDG_CONFIG_HOME/autostart/netwatch.desktop. `execPath` is the AppImage file
 * when running from one (its mount point changes every run), else the executable.
 */
export function applyLinuxAutostart(configHome: string, enabled: boolean, execPath: string): string {
  const file = path.join(configHome, 'autostart', 'netwatch.desktop');
  if (enabled) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, autostartEntry(execPath), { mode: 0o644 });
  } else {
    rmSync(file, { force: true });
  }
  return file;
}
