// What both socket transports (WebSocket, Unix socket) do with a client's text: parse it as a call,
// hold it to the in-flight limit, dispatch it, and encode the answer or an event as JSON text.
// Only how text moves differs between them.
import type { ContractHandlers } from '../../shared/contract';
import type { ServerFrame } from '../../shared/wire';
import { parseCallFrame } from '../web/call-frame';
import { clip, dispatchCall } from './contract-dispatch';

/** A frame as text; a value JSON cannot carry (BigInt, a cycle) still gets the client an answer. */
export function encodeServerFrame(frame: ServerFrame): string {
  try {
    return JSON.stringify(frame);
  } catch (error) {
    const id = frame.type === 'result' ? frame.id : null;
    const message = `result could not be encoded: ${error instanceof Error ? error.message : String(error)}`;
    return JSON.stringify({
      type: 'result',
      id,
      ok: false,
      error: { code: 'failed', message: clip(message) },
    });
  }
}

/** An event as text once for every client, or null (logged) when it cannot be encoded. */
export function encodeEvent(name: string, payload: unknown, log: (message: string) => void): string | null {
  try {
    return JSON.stringify({ type: 'event', name, payload } satisfies ServerFrame);
  } catch (error) {
    log(`event ${name} could not be encoded: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

export interface CallState {
  inFlight: number;
}

/** Answers one text frame of a client: a result frame, whatever the text was. */
export async function answerCall(
  handlers: ContractHandlers,
  text: string,
  state: CallState,
  maxInFlight: number,
): Promise<ServerFrame> {
  const parsed = parseCallFrame(text);
  if (!parsed.ok)
    return {
      type: 'result',
      id: parsed.id,
      ok: false,
      error: { code: 'bad-request', message: parsed.message },
    };
  const { id, method, input } = parsed.frame;
  if (state.inFlight >= maxInFlight) {
    const message = `too many calls in flight (${maxInFlight}); wait for results`;
    return { type: 'result', id, ok: false, error: { code: 'bad-request', message } };
  }
  state.inFlight += 1;
  try {
    const outcome = await dispatchCall(handlers, method, input);
    return outcome.ok
      ? { type: 'result', id, ok: true, value: outcome.value }
      : { type: 'result', id, ok: false, error: outcome.error };
  } finally {
    state.inFlight -= 1;
  }
}
