// The seam for the one long-lived shell the Windows backend talks to: a request is a script, the
// reply is what the script wrote. Tests replay recorded replies through the same interface.

export interface ShellSession {
  /**
   * Runs one script and resolves with its output. Rejects with ShellUnavailableError when the shell
   * cannot be started at all, with ShellRequestError when the script failed (the shell lives on),
   * and with a plain Error when the shell died or timed out (it is restarted on the next request).
   */
  request(script: string, options?: { timeoutMs?: number }): Promise<string>;
  /** Ends the shell process; a later request starts a new one. */
  close(): void;
}

/** The shell program is not there (or may not be run): a caller can fall back to something else. */
export class ShellUnavailableError extends Error {
  constructor(
    readonly shell: string,
    detail: string,
  ) {
    super(`${shell} cannot be started: ${detail}`);
    this.name = 'ShellUnavailableError';
  }
}

/** The script ran and threw; the message is the shell's, on one line. */
export class ShellRequestError extends Error {
  constructor(
    readonly shell: string,
    detail: string,
  ) {
    super(`${shell}: ${detail}`);
    this.name = 'ShellRequestError';
  }
}
