// Parses a frame from the headless server (shared/wire.ts) without trusting its shape.
import type { ServerFrame } from '../../../shared/wire';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function parseServerFrame(text: string): ServerFrame | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(data)) return null;
  if (data.type === 'event' && typeof data.name === 'string') {
    return { type: 'event', name: data.name, payload: data.payload };
  }
  if (data.type !== 'result') return null;
  if (data.ok === true && typeof data.id === 'number') {
    return { type: 'result', id: data.id, ok: true, value: data.value };
  }
  if (data.ok === false && isRecord(data.error)) {
    const code = data.error.code === 'bad-request' ? 'bad-request' : 'failed';
    const message = typeof data.error.message === 'string' ? data.error.message : 'the call failed';
    return {
      type: 'result',
      id: typeof data.id === 'number' ? data.id : null,
      ok: false,
      error: { code, message },
    };
  }
  return null;
}
