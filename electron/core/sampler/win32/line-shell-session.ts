// A ShellSession over one long-lived child process that reads script lines on stdin. Each request
// is framed so the reply is unmistakable: the shell prints "<marker> BEGIN", the output, then
// "<marker> OK" or "<marker> ERR <message>". The marker is random per session, so nothing a
// process name or a command line contains can end a reply early; stray lines outside a frame
// (progress records, warnings) are ignored. One request at a time; a reply is bounded in size.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type ShellSession, ShellRequestError, ShellUnavailableError } from './shell-session';

export interface LineShellOptions {
  /** For messages: "PowerShell". */
  name: string;
  file: string;
  args: string[];
  /** The one line that runs `script` inside the frame described above. */
  frame(script: string, marker: string): string;
  /** Lines sent once after start (encoding, error preference); their output is ignored. */
  prelude?: string[];
  defaultTimeoutMs?: number;
  maxReplyBytes?: number;
}

interface Pending {
  resolve(text: string): void;
  reject(error: Error): void;
  lines: string[] | null;
  bytes: number;
}

const STDERR_TAIL_LINES = 20;

export function createLineShellSession(options: LineShellOptions): ShellSession {
  const marker = `__netwatch_${randomBytes(8).toString('hex')}__`;
  const maxReplyBytes = options.maxReplyBytes ?? 64 * 1024 * 1024;
  let child: ChildProcessWithoutNullStreams | null = null;
  let pending: Pending | null = null;
  let stdoutRest = '';
  let stderrTail: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const settle = (error: Error | null, text = ''): void => {
    const current = pending;
    pending = null;
    if (!current) return;
    if (error) current.reject(error);
    else current.resolve(text);
  };

  const stop = (): void => {
    const dying = child;
    child = null;
    stdoutRest = '';
    if (dying) {
      dying.stdin.end();
      dying.kill();
    }
  };

  const onLine = (line: string): void => {
    const current = pending;
    if (!current) return;
    if (line === `${marker} BEGIN`) {
      current.lines = [];
    } else if (line === `${marker} OK`) {
      settle(null, (current.lines ?? []).join('\n'));
    } else if (line.startsWith(`${marker} ERR`)) {
      settle(
        new ShellRequestError(options.name, line.slice(marker.length + 4).trim() || 'the script failed'),
      );
    } else if (current.lines) {
      current.bytes += line.length + 1;
      if (current.bytes > maxReplyBytes) {
        stop();
        settle(new Error(`${options.name}: reply exceeded ${maxReplyBytes} bytes and was refused`));
        return;
      }
      current.lines.push(line);
    }
  };

  const start = (): ChildProcessWithoutNullStreams => {
    const proc = spawn(options.file, options.args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let started = false;
    stderrTail = [];
    proc.on('spawn', () => {
      started = true;
    });
    // A process this session already let go of (timed out, closed) must not touch a later request.
    proc.on('error', (error: NodeJS.ErrnoException) => {
      if (child !== proc) return;
      child = null;
      settle(started ? error : new ShellUnavailableError(options.name, error.code ?? error.message));
    });
    // 'close', not 'exit': the last reply lines may still be in the pipe when the process exits.
    proc.on('close', (code, signal) => {
      if (child !== proc) return;
      child = null;
      const said = stderrTail.find((l) => l.trim() !== '');
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      settle(new Error(`${options.name} ${how}${said ? `: ${said.trim()}` : ''}`));
    });
    proc.stdin.on('error', () => undefined); // EPIPE when it died: the exit handler reports it
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => {
      if (child !== proc) return;
      const lines = (stdoutRest + chunk).split('\n');
      stdoutRest = lines.pop() ?? '';
      if (stdoutRest.length > maxReplyBytes) stdoutRest = '';
      for (const line of lines) onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => {
      stderrTail = [...stderrTail, ...chunk.split(/\r?\n/)].slice(-STDERR_TAIL_LINES);
    });
    for (const line of options.prelude ?? []) proc.stdin.write(`${line}\n`);
    return proc;
  };

  const runOne = (script: string, timeoutMs: number): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const proc = child ?? start();
      child = proc;
      const timer = setTimeout(() => {
        stop();
        settle(
          new Error(`${options.name} did not answer within ${timeoutMs} ms (restarted on the next request)`),
        );
      }, timeoutMs);
      pending = {
        resolve: (text) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        lines: null,
        bytes: 0,
      };
      proc.stdin.write(`${options.frame(script, marker)}\n`);
    });

  return {
    request(script, requestOptions) {
      const timeoutMs = requestOptions?.timeoutMs ?? options.defaultTimeoutMs ?? 30_000;
      const result = queue.then(() => runOne(script, timeoutMs));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      stop();
      settle(new Error(`${options.name} session closed`));
    },
  };
}
