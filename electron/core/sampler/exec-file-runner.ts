// The real CommandRunner behind the macOS and Windows backends: execFile (no shell), a timeout, a
// bounded output buffer, and the C locale so dates and words come out the same on every machine.
import { execFile } from 'node:child_process';
import type { CommandResult, CommandRunner } from './seams';

export interface ExecFileRunnerOptions {
  /** Used when a call gives none. */
  defaultTimeoutMs?: number;
  /** Output beyond this is refused rather than buffered without bound. */
  maxBufferBytes?: number;
}

/** Error codes Node gives when a program cannot be started at all (as opposed to failing). */
const START_FAILURES = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOEXEC', 'EISDIR', 'ENOTDIR']);

export function createExecFileRunner(options: ExecFileRunnerOptions = {}): CommandRunner {
  const defaultTimeoutMs = options.defaultTimeoutMs ?? 15_000;
  const maxBuffer = options.maxBufferBytes ?? 64 * 1024 * 1024;
  // LC_ALL=C: ps prints lstart with strftime("%c"), netstat and lsof translate nothing then.
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  return (file, args, callOptions) =>
    new Promise<CommandResult>((resolve, reject) => {
      const timeout = callOptions?.timeoutMs ?? defaultTimeoutMs;
      execFile(
        file,
        args,
        { encoding: 'utf8', timeout, maxBuffer, env, windowsHide: true },
        (error, stdout, stderr) => {
          if (!error) {
            resolve({ stdout, stderr, code: 0 });
            return;
          }
          const code = (error as NodeJS.ErrnoException).code;
          if (typeof code === 'string' && START_FAILURES.has(code)) {
            reject(error);
            return;
          }
          if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
            resolve({ stdout: '', stderr: `output exceeded ${maxBuffer} bytes and was refused`, code: null });
            return;
          }
          if (error.killed || error.signal) {
            const why = error.killed ? `timed out after ${timeout} ms` : `killed by ${error.signal}`;
            resolve({ stdout, stderr: stderr ? `${why}\n${stderr}` : why, code: null });
            return;
          }
          resolve({ stdout, stderr, code: typeof code === 'number' ? code : 1 });
        },
      );
    });
}
