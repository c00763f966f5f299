// The contract over a Unix socket (the system collector's): each line a client writes is a call
// frame, answered by a result line; every event of the core is pushed to every client as a line.
// Generic over the contract like the WebSocket transport: calls go through contract-dispatch.
import type { Server, Socket } from 'node:net';
import type { CoreService } from '../core/core-service';
import type { ServerFrame } from '../../shared/wire';
import { parseCallFrame } from '../web/call-frame';
import { clip, dispatchCall } from './contract-dispatch';
import { createLineSplitter } from './line-frames';

/** A call line longer than this is a bad client: it is told so and dropped. */
export const MAX_CALL_LINE_BYTES = 1_000_000;

export interface UnixSocketApiLimits {
  /** A client whose unread output exceeds this is dropped; it reconnects and queries again. */
  maxBufferedBytes: number;
  maxInFlight: number;
}

export const defaultUnixSocketLimits: UnixSocketApiLimits = {
  maxBufferedBytes: 32 * 1024 * 1024,
  maxInFlight: 64,
};

export interface UnixSocketApi {
  clientCount(): number;
  /** Drops every client and stops listening to the core (the server itself is the caller's). */
  close(): void;
}

export function attachUnixSocketApi(
  server: Server,
  core: CoreService,
  limits: UnixSocketApiLimits = defaultUnixSocketLimits,
  log: (message: string) => void = () => {},
): UnixSocketApi {
  const clients = new Set<Socket>();

  function sendLine(socket: Socket, text: string): void {
    if (socket.destroyed) return;
    if (socket.writableLength > limits.maxBufferedBytes) {
      log(`dropping a client that is ${socket.writableLength} bytes behind`);
      clients.delete(socket);
      socket.destroy();
      return;
    }
    socket.write(`${text}\n`);
  }

  function sendFrame(socket: Socket, frame: ServerFrame): void {
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      const id = frame.type === 'result' ? frame.id : null;
      const message = `result could not be encoded: ${error instanceof Error ? error.message : String(error)}`;
      text = JSON.stringify({
        type: 'result',
        id,
        ok: false,
        error: { code: 'failed', message: clip(message) },
      });
    }
    sendLine(socket, text);
  }

  server.on('connection', (socket: Socket) => {
    clients.add(socket);
    let inFlight = 0;
    const splitter = createLineSplitter(MAX_CALL_LINE_BYTES, (line) => {
      const parsed = parseCallFrame(line);
      if (!parsed.ok) {
        sendFrame(socket, {
          type: 'result',
          id: parsed.id,
          ok: false,
          error: { code: 'bad-request', message: parsed.message },
        });
        return;
      }
      const { id, method, input } = parsed.frame;
      if (inFlight >= limits.maxInFlight) {
        const message = `too many calls in flight (${limits.maxInFlight}); wait for results`;
        sendFrame(socket, { type: 'result', id, ok: false, error: { code: 'bad-request', message } });
        return;
      }
      inFlight += 1;
      void dispatchCall(core.handlers, method, input)
        .then((outcome) =>
          sendFrame(
            socket,
            outcome.ok
              ? { type: 'result', id, ok: true, value: outcome.value }
              : { type: 'result', id, ok: false, error: outcome.error },
          ),
        )
        .finally(() => {
          inFlight -= 1;
        });
    });
    socket.on('data', (chunk: Buffer) => {
      if (splitter.push(chunk)) return;
      const message = `malformed frame: a line longer than ${MAX_CALL_LINE_BYTES} bytes`;
      socket.end(
        `${JSON.stringify({ type: 'result', id: null, ok: false, error: { code: 'bad-request', message } })}\n`,
      );
      clients.delete(socket);
    });
    socket.on('error', (error) => log(`client error: ${error.message}`));
    socket.on('close', () => clients.delete(socket));
  });

  const unsubscribe = core.subscribe((name, payload) => {
    if (clients.size === 0) return;
    let text: string;
    try {
      text = JSON.stringify({ type: 'event', name, payload } satisfies ServerFrame);
    } catch (error) {
      log(`event ${name} could not be encoded: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const socket of clients) sendLine(socket, text);
  });

  return {
    clientCount: () => clients.size,
    close() {
      unsubscribe();
      for (const socket of clients) socket.destroy();
      clients.clear();
    },
  };
}
