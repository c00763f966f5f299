// Where the event stream's lines go: a file (appended, reopened on request for log rotation), a
// FIFO or socket path, or stdout ("-"). Never blocks the loop and never grows: a line that would
// take the buffer past its bound while the reader lags is dropped and counted, and so is every
// line while no reader is there (a FIFO nobody opened, a reader that went away).
import fs from 'node:fs';
import net from 'node:net';
import type { Writable } from 'node:stream';

export interface LineSinkStats {
  written: number;
  dropped: number;
  reopened: number;
}

export interface LineSink {
  /** Queues one line (with its newline), or drops it and counts the drop. */
  write(line: string): void;
  /**
   * Queues `lines` whole lines (each with its newline) in one write: a tick's events. What does not
   * fit under the bound is cut at a line's end and counted as dropped.
   */
  writeLines(text: string, lines: number): void;
  /** Closes and opens the path again (SIGHUP after a rename): later lines go to the new file. */
  reopen(): void;
  stats(): LineSinkStats;
  /** Flushes what it can (bounded: a stalled reader is given `timeoutMs`) and closes. */
  close(timeoutMs?: number): Promise<void>;
}

export interface LineSinkOptions {
  /** Bytes that may wait for a slow reader; default 1 MiB. */
  maxBufferedBytes?: number;
  /** Told once per distinct problem (cannot open, reader gone). */
  onError?: (message: string) => void;
  /** How often a missing reader is looked for again, ms; default 1000. */
  retryMs?: number;
  /** The clock for retries (tests). */
  now?: () => number;
}

const STDOUT = '-';

export function openLineSink(target: string, options: LineSinkOptions = {}): LineSink {
  const maxBuffered = options.maxBufferedBytes ?? 1 << 20;
  const retryMs = options.retryMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  const told = new Set<string>();
  const tell = (message: string): void => {
    if (told.has(message)) return;
    told.add(message);
    options.onError?.(message);
  };
  const stats: LineSinkStats = { written: 0, dropped: 0, reopened: 0 };
  let stream: Writable | null = null;
  let nextTryAt = 0;
  let closed = false;

  const open = (): void => {
    nextTryAt = now() + retryMs;
    let fd: number;
    if (target === STDOUT) {
      fd = 1;
    } else {
      try {
        // Non-blocking: a FIFO without a reader fails (ENXIO) at once instead of hanging the loop.
        fd = fs.openSync(
          target,
          fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NONBLOCK,
          0o640,
        );
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        tell(
          code === 'ENXIO'
            ? `events: nobody reads ${target} yet; events are dropped (and counted) until a reader opens it`
            : `events: cannot open ${target}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return;
      }
    }
    const kind = fs.fstatSync(fd);
    // Pipes and sockets get libuv's non-blocking pipe writer; files the ordinary file stream
    // (a file never stalls a writer; fd 1 is left open when the stream closes).
    const next: Writable =
      kind.isFIFO() || kind.isSocket()
        ? new net.Socket({ fd, readable: false, writable: true })
        : fs.createWriteStream('', { fd, autoClose: target !== STDOUT });
    next.on('error', (error: NodeJS.ErrnoException) => {
      if (stream === next) stream = null;
      next.destroy();
      tell(
        error.code === 'EPIPE'
          ? `events: the reader of ${target === STDOUT ? 'stdout' : target} went away; events are dropped (and counted)`
          : `events: writing ${target}: ${error.message}`,
      );
    });
    stream = next;
  };

  const writeLines = (text: string, lines: number): void => {
    if (closed || lines === 0) return;
    // stdout cannot come back once its reader left; a path is looked for again now and then.
    if (!stream && target !== STDOUT && now() >= nextTryAt) open();
    if (!stream) {
      stats.dropped += lines;
      return;
    }
    const room = maxBuffered - stream.writableLength;
    let kept = text;
    let keptLines = lines;
    if (text.length > room) {
      // The reader lags: only whole lines that fit, the rest dropped (never a torn line).
      kept = room > 0 ? text.slice(0, text.lastIndexOf('\n', room - 1) + 1) : '';
      keptLines = 0;
      for (let at = kept.indexOf('\n'); at !== -1; at = kept.indexOf('\n', at + 1)) keptLines++;
      stats.dropped += lines - keptLines;
      if (keptLines === 0) return;
    }
    stream.write(kept);
    stats.written += keptLines;
  };

  open();
  return {
    write: (line) => writeLines(line, 1),
    writeLines,
    reopen() {
      if (closed || target === STDOUT) return;
      const old = stream;
      stream = null;
      // What the old file had queued is written before it closes; a stalled pipe is let go.
      old?.end();
      if (old instanceof net.Socket) old.destroySoon();
      open();
      stats.reopened++;
    },
    stats: () => ({ ...stats }),
    async close(timeoutMs = 2000) {
      if (closed) return;
      closed = true;
      const last = stream;
      stream = null;
      if (!last) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          last.destroy();
          resolve();
        }, timeoutMs);
        last.end(() => {
          clearTimeout(timer);
          resolve();
        });
        last.once('error', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
