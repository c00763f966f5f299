// The long-lived PowerShell the Windows backend asks for sockets and owners: started once (its
// start-up costs hundreds of milliseconds, too much for every tick) and fed one framed line per
// request on stdin. Output is UTF-8 so unicode process names survive; errors stop the script.
import { createLineShellSession } from './line-shell-session';
import type { ShellSession } from './shell-session';

export interface PowerShellSessionOptions {
  /** powershell.exe (Windows PowerShell 5.1, always present) or pwsh. */
  file?: string;
  defaultTimeoutMs?: number;
}

export const POWERSHELL_ARGS = [
  '-NoLogo',
  '-NoProfile',
  '-NonInteractive',
  '-ExecutionPolicy',
  'Bypass',
  '-Command',
  '-',
];

const PRELUDE = [
  "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; " +
    '[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false',
];

/**
 * One line: BEGIN, the script's output as text, then OK; or ERR and the exception message on one
 * line. [Console]::Out rather than the pipeline, so PowerShell's formatter never wraps a long line.
 */
export function framePowerShell(script: string, marker: string): string {
  return (
    `try { $__out = & { ${script} }; [Console]::Out.WriteLine('${marker} BEGIN'); ` +
    `if ($null -ne $__out) { [Console]::Out.WriteLine([string]::Join([Environment]::NewLine, @($__out))) }; ` +
    `[Console]::Out.WriteLine('${marker} OK') } ` +
    `catch { [Console]::Out.WriteLine('${marker} ERR ' + ($_.Exception.Message -replace '\\s+', ' ')) }; ` +
    '[Console]::Out.Flush()'
  );
}

export function createPowerShellSession(options: PowerShellSessionOptions = {}): ShellSession {
  return createLineShellSession({
    name: 'PowerShell',
    file: options.file ?? 'powershell.exe',
    args: POWERSHELL_ARGS,
    frame: framePowerShell,
    prelude: PRELUDE,
    defaultTimeoutMs: options.defaultTimeoutMs ?? 30_000,
  });
}
