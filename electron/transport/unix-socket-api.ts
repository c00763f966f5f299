// The contract over a Unix socket (the system collector's): each line a client writes is a call
// frame, answered by a result line; every event of the core is pushed to every client as a line.
// Generic over the contract like the WebSocket transport: calls go through contract-dispatch.
import type { Server, Socket } from 'node:net';
import type { CoreService } from '../core/core-service';
import { answerCall, encodeEvent, encodeServerFrame, type CallState } from './server-frames';
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

  server.on('connection', (socket: Socket) => {
    clients.add(socket);
    const state: CallState = { inFlight: 0 };
    const splitter = createLineSplitter(MAX_CALL_LINE_BYTES, (line) => {
      void answerCall(core.handlers, line, state, limits.maxInFlight).then((frame) =>
        sendLine(socket, encodeServerFrame(frame)),
      );
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
    const text = encodeEvent(name, payload, log);
    if (text !== null) for (const socket of clients) sendLine(socket, text);
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
