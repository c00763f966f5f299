// The messages between the main thread (service-host.ts) and the worker hosting the service
// (service-worker.ts), with guards that check a message's shape before it is trusted.
import type { CoreOptions } from './core-service';

/** What the worker is started with (structured-clone safe: no functions). */
export interface WorkerStartData {
  options: Omit<CoreOptions, 'notify'>;
  /** Whether the host wants `notify` messages (CoreOptions.notify was given). */
  notify: boolean;
}

export type HostMessage =
  { type: 'call'; id: number; service: string; method: string; input: unknown } | { type: 'close' };

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { name: string; message: string } }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'notify'; message: string }
  | { type: 'notice'; message: string }
  | { type: 'closed' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function parseHostMessage(value: unknown): HostMessage | null {
  if (!isRecord(value)) return null;
  if (value.type === 'close') return { type: 'close' };
  if (
    value.type === 'call' &&
    typeof value.id === 'number' &&
    typeof value.service === 'string' &&
    typeof value.method === 'string'
  ) {
    return { type: 'call', id: value.id, service: value.service, method: value.method, input: value.input };
  }
  return null;
}

export function parseWorkerMessage(value: unknown): WorkerMessage | null {
  if (!isRecord(value) || typeof value.type !== 'string') return null;
  switch (value.type) {
    case 'ready':
    case 'closed':
      return { type: value.type };
    case 'failed':
    case 'notify':
    case 'notice':
      return typeof value.message === 'string' ? { type: value.type, message: value.message } : null;
    case 'event':
      return typeof value.name === 'string'
        ? { type: 'event', name: value.name, payload: value.payload }
        : null;
    case 'result': {
      if (typeof value.id !== 'number') return null;
      if (value.ok === true) return { type: 'result', id: value.id, ok: true, value: value.value };
      const error = isRecord(value.error) ? value.error : {};
      return {
        type: 'result',
        id: value.id,
        ok: false,
        error: {
          name: typeof error.name === 'string' ? error.name : 'Error',
          message: typeof error.message === 'string' ? error.message : 'the core failed',
        },
      };
    }
    default:
      return null;
  }
}
