// The contract over WebSocket: each text frame is a call answered by a result frame, and every
// event of the core is pushed to every client. Memory stays bounded: a client that does not read
// is closed rather than buffered for, and a client may only have so many calls in flight.
import { WebSocket, type RawData, type WebSocketServer } from 'ws';
import type { CoreService } from '../core/core-service';
import type { ServerFrame } from '../../shared/wire';
import { answerCall, encodeEvent, encodeServerFrame } from '../transport/server-frames';

export interface SocketApiLimits {
  /** A client whose unsent bytes would exceed this is dropped; it can reconnect and query. */
  maxBufferedBytes: number;
  /** Calls a client may have unanswered at once; more get an error frame. */
  maxInFlight: number;
  /** Ping period; a client that misses one pong is dropped. 0 turns it off. */
  heartbeatMs: number;
}

export const defaultSocketLimits: SocketApiLimits = {
  maxBufferedBytes: 8 * 1024 * 1024,
  maxInFlight: 64,
  heartbeatMs: 30_000,
};

export interface SocketApi {
  clientCount(): number;
  /** Closes every client with 1012 (service restart): each reconnects and rebuilds its view by query. */
  restartClients(): void;
  /** Closes every client (1001) and stops listening to the core. */
  close(): void;
}

interface ClientState {
  inFlight: number;
  alive: boolean;
}

export function attachSocketApi(
  wss: WebSocketServer,
  core: CoreService,
  limits: SocketApiLimits = defaultSocketLimits,
  log: (message: string) => void = () => {},
): SocketApi {
  const clients = new Map<WebSocket, ClientState>();

  /**
   * Sends text unless the client is gone or already too far behind; then it is closed. The test is
   * on what is already waiting, not on this frame: one frame larger than the limit (the snapshot of
   * a busy machine: ~9 MB at 10,000 sockets) must still reach a client that reads. Memory stays
   * bounded by the limit plus one frame.
   */
  function sendText(ws: WebSocket, text: string): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > limits.maxBufferedBytes) {
      // A close frame would queue behind the bytes it is not reading: drop the connection at once
      // so its buffers are freed now. The client reconnects and rebuilds its view by query.
      log(`dropping a client that is ${ws.bufferedAmount} bytes behind`);
      clients.delete(ws);
      ws.terminate();
      return;
    }
    ws.send(text);
  }

  function sendFrame(ws: WebSocket, frame: ServerFrame): void {
    sendText(ws, encodeServerFrame(frame));
  }

  async function handleText(ws: WebSocket, state: ClientState, text: string): Promise<void> {
    sendFrame(ws, await answerCall(core.handlers, text, state, limits.maxInFlight));
  }

  wss.on('connection', (ws: WebSocket) => {
    const state: ClientState = { inFlight: 0, alive: true };
    clients.set(ws, state);
    ws.on('pong', () => {
      state.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        const message = 'malformed frame: binary frames are not accepted, send JSON text';
        sendFrame(ws, { type: 'result', id: null, ok: false, error: { code: 'bad-request', message } });
        return;
      }
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.from(new Uint8Array(data)).toString('utf8');
      void handleText(ws, state, text);
    });
    // ws reports oversized frames, bad UTF-8 and protocol errors here, then closes the socket itself.
    ws.on('error', (error) => log(`client error: ${error.message}`));
    ws.on('close', () => clients.delete(ws));
  });

  const unsubscribe = core.subscribe((name, payload) => {
    if (clients.size === 0) return;
    const text = encodeEvent(name, payload, log);
    if (text !== null) for (const ws of clients.keys()) sendText(ws, text);
  });

  const heartbeat =
    limits.heartbeatMs > 0
      ? setInterval(() => {
          for (const [ws, state] of clients) {
            if (!state.alive) {
              ws.terminate();
              continue;
            }
            state.alive = false;
            ws.ping();
          }
        }, limits.heartbeatMs)
      : null;
  heartbeat?.unref();

  return {
    clientCount: () => clients.size,
    restartClients() {
      for (const ws of clients.keys()) ws.close(1012, 'the core restarted; query again');
    },
    close() {
      if (heartbeat) clearInterval(heartbeat);
      unsubscribe();
      for (const ws of clients.keys()) ws.close(1001, 'server shutting down');
    },
  };
}
