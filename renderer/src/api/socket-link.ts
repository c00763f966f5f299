// The headless mode's link: one WebSocket to /api?token=T carrying calls and pushed events
// (shared/wire.ts), reopened with backoff when it drops. Calls wait for the link (bounded) and
// fail with a readable message rather than hang.
import { API_PATH, TOKEN_PARAM, type CallFrame } from '../../../shared/wire';
import type { ConnectionInfo, ConnectionSource } from './connection-state';
import { parseServerFrame } from './server-frame';

export interface RpcLink extends ConnectionSource {
  call(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  /** Sent on the current socket: lost with it. Unsent calls wait for the next one. */
  sent: boolean;
}

const CALL_TIMEOUT_MS = 60_000;
const MAX_WAITING = 512;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];

export function socketUrl(location: Location, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${API_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

export function createSocketLink(url: string): RpcLink {
  let info: ConnectionInfo = { state: 'connecting', generation: 0, problem: null };
  const stateListeners = new Set<() => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  /** Calls made while the link is down, sent when it opens. */
  let waiting: CallFrame[] = [];
  let nextId = 1;
  let ws: WebSocket | null = null;
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setInfo = (next: ConnectionInfo): void => {
    info = next;
    for (const listener of [...stateListeners]) listener();
  };

  const failPending = (message: string, onlySent: boolean): void => {
    for (const [id, p] of pending) {
      if (onlySent && !p.sent) continue;
      clearTimeout(p.timer);
      p.reject(new Error(message));
      pending.delete(id);
    }
  };

  function open(): void {
    if (closed) return;
    setInfo({ ...info, state: 'connecting' });
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      attempt = 0;
      setInfo({ state: 'open', generation: info.generation + 1, problem: null });
      const queued = waiting;
      waiting = [];
      for (const frame of queued) {
        const p = pending.get(frame.id);
        if (!p) continue;
        p.sent = true;
        socket.send(JSON.stringify(frame));
      }
    };
    socket.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      const frame = parseServerFrame(event.data);
      if (!frame) return;
      if (frame.type === 'event') {
        const listeners = eventListeners.get(frame.name);
        if (listeners) for (const listener of [...listeners]) listener(frame.payload);
        return;
      }
      if (frame.id === null) return;
      const p = pending.get(frame.id);
      if (!p) return;
      pending.delete(frame.id);
      clearTimeout(p.timer);
      if (frame.ok) p.resolve(frame.value);
      else p.reject(new Error(frame.error.message));
    };
    socket.onclose = (event: CloseEvent) => {
      if (ws !== socket) return;
      ws = null;
      failPending('the connection to netwatch was lost; retrying', true);
      if (closed) return;
      const problem =
        event.code === 1008 || event.code === 4401 || event.code === 4403
          ? 'Netwatch refused this page: open the URL `netwatch serve` printed'
          : 'Cannot reach netwatch: is `netwatch serve` still running?';
      setInfo({ ...info, state: 'closed', problem });
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
      attempt++;
      retryTimer = setTimeout(open, delay + Math.random() * 100);
    };
    socket.onerror = () => {
      // The close event follows and does the work.
    };
  }

  open();

  return {
    get: () => info,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    call(method, input) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const frame: CallFrame = { type: 'call', id, method, input: input ?? {} };
        const timer = setTimeout(() => {
          pending.delete(id);
          waiting = waiting.filter((f) => f.id !== id);
          reject(new Error(`netwatch did not answer ${method} in time`));
        }, CALL_TIMEOUT_MS);
        const live = ws !== null && ws.readyState === WebSocket.OPEN;
        pending.set(id, { resolve, reject, timer, sent: live });
        if (live && ws) ws.send(JSON.stringify(frame));
        else if (waiting.length < MAX_WAITING) waiting.push(frame);
        else {
          pending.delete(id);
          clearTimeout(timer);
          reject(new Error('netwatch is not reachable; too many calls waiting'));
        }
      });
    },
    on(event, listener) {
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      ws?.close();
      failPending('closed', false);
    },
  };
}
