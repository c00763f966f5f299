// Reads one text frame from a browser into a call of the contract, or says why it cannot:
// the frame is untrusted bytes until this returns.
import type { CallFrame } from '../../shared/wire';

export type ParsedFrame = { ok: true; frame: CallFrame } | { ok: false; id: number | null; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isCallId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function parseCallFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: null, message: 'malformed frame: not JSON' };
  }
  if (!isRecord(value)) return { ok: false, id: null, message: 'malformed frame: not an object' };
  const id = isCallId(value.id) ? value.id : null;
  if (value.type !== 'call') return { ok: false, id, message: 'malformed frame: type must be "call"' };
  if (id === null) return { ok: false, id, message: 'malformed frame: id must be a non-negative integer' };
  if (typeof value.method !== 'string')
    return { ok: false, id, message: 'malformed frame: method must be text' };
  return { ok: true, frame: { type: 'call', id, method: value.method, input: value.input } };
}
