// Runs one call of the contract for a transport (Electron IPC or WebSocket): looks the method up,
// validates the untrusted input with its schema, invokes the core's handler, and turns every
// failure into an outcome a client can read. Both transports go through here, so they agree.
import { listMethods, type ContractHandlers, type MethodSpec } from '../../shared/contract';
import type { z } from 'zod';

export type CallErrorCode = 'bad-request' | 'failed';
export type CallOutcome =
  { ok: true; value: unknown } | { ok: false; error: { code: CallErrorCode; message: string } };

interface MethodEntry {
  service: keyof ContractHandlers;
  method: string;
  spec: MethodSpec<z.ZodType, unknown>;
}

/** Keyed by "service.method". A Map, not an object: names like "__proto__" must find nothing. */
const methods = new Map<string, MethodEntry>(
  listMethods().map(([service, method, spec]) => [`${service}.${method}`, { service, method, spec }]),
);

/** Every method's qualified name, "service.method". */
export function methodNames(): string[] {
  return [...methods.keys()];
}

const MAX_MESSAGE = 600;

/** Error text goes back to a client verbatim: keep it short and on one line. */
export function clip(text: string, max = MAX_MESSAGE): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function describeName(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(clip(name, 80)) : typeof name;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : 'input';
    return `${where}: ${issue.message}`;
  });
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return shown.join('; ');
}

export const badRequest = (message: string): CallOutcome => ({
  ok: false,
  error: { code: 'bad-request', message: clip(message) },
});

/**
 * Validates and runs one call. Never throws: an unknown method or an invalid input is a
 * 'bad-request', a handler that throws is 'failed' with the handler's message.
 * A missing input (undefined) means "no arguments", i.e. {}; every schema is an object.
 */
export async function dispatchCall(
  handlers: ContractHandlers,
  name: unknown,
  input: unknown,
): Promise<CallOutcome> {
  const entry = typeof name === 'string' ? methods.get(name) : undefined;
  if (!entry) return badRequest(`unknown method ${describeName(name)}`);
  const parsed = entry.spec.input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    return badRequest(
      `invalid input for ${entry.service}.${entry.method}: ${describeIssues(parsed.error.issues)}`,
    );
  }
  const service: Record<string, unknown> = handlers[entry.service];
  const handler = service[entry.method];
  if (typeof handler !== 'function') {
    return {
      ok: false,
      error: { code: 'failed', message: `${entry.service}.${entry.method} is not available` },
    };
  }
  try {
    const value: unknown = await Reflect.apply(handler, service, [parsed.data]);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'failed', message: clip(message || 'the call failed') } };
  }
}
