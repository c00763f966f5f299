// The WebSocket wire format of the headless mode: the contract's calls and events as JSON frames.
// The page is served at /?token=T; the socket lives at /api?token=T on the same host.

export const API_PATH = '/api';
export const TOKEN_PARAM = 'token';
/**
 * Frames larger than this are refused (a bad or hostile client): the server closes the socket
 * with code 1009. A client that stops reading until the server holds several MB for it is
 * dropped (the socket just closes); like any client that reconnects, it rebuilds its view by
 * query and then follows deltas again.
 */
export const MAX_FRAME_BYTES = 1_000_000;

/** client -> server */
export interface CallFrame {
  type: 'call';
  /** Chosen by the client, echoed in the result. */
  id: number;
  /** "service.method", e.g. "history.query". */
  method: string;
  input: unknown;
}

export interface WireError {
  /**
   * 'bad-request' (unknown method, malformed frame, invalid input, too many calls in flight) or
   * 'failed' (the core threw). A result with id null answers a frame whose id could not be read.
   */
  code: 'bad-request' | 'failed';
  message: string;
}

/** server -> client */
export type ServerFrame =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number | null; ok: false; error: WireError }
  | { type: 'event'; name: string; payload: unknown };
