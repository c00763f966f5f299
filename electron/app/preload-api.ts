// Builds window.netwatch for the preload from the contract: one named function per method and one
// subscribe function per event, nothing else. ipcRenderer itself never reaches the page, and
// neither does the IPC event object (it carries a sender the page must not hold).
import {
  contract,
  eventChannel,
  listEvents,
  listMethods,
  methodChannel,
  type NetwatchApi,
} from '../../shared/contract';

/** The part of ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The main side answers { ok, value } or { ok: false, error }; a failure becomes a rejection. */
export function unwrapReply(reply: unknown): unknown {
  if (isRecord(reply) && reply.ok === true) return reply.value;
  if (
    isRecord(reply) &&
    reply.ok === false &&
    isRecord(reply.error) &&
    typeof reply.error.message === 'string'
  ) {
    const error = new Error(reply.error.message);
    error.name =
      typeof reply.error.code === 'string' ? `NetwatchError(${reply.error.code})` : 'NetwatchError';
    throw error;
  }
  throw new Error('netwatch: malformed reply from the main process');
}

export function buildNetwatchApi(ipc: IpcRendererLike): NetwatchApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const service of Object.keys(contract)) api[service] = {};
  for (const [service, method] of listMethods()) {
    const channel = methodChannel(service, method);
    api[service]![method] = async (input?: unknown) => unwrapReply(await ipc.invoke(channel, input ?? {}));
  }
  for (const name of listEvents()) {
    const [service, member] = name.split('.') as [string, string];
    const channel = eventChannel(name);
    api[service]![member] = (listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function`);
      const relay = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, relay);
      return () => void ipc.removeListener(channel, relay);
    };
  }
  for (const service of Object.values(api)) Object.freeze(service);
  // Built from the same contract the type is derived from, member for member.
  return Object.freeze(api) as unknown as NetwatchApi;
}

/** "service.member" for everything exposed, for the allowlist check. */
export function exposedNames(api: object): string[] {
  const names: string[] = [];
  for (const [service, members] of Object.entries(api)) {
    for (const [member, value] of Object.entries(members as object)) {
      names.push(`${service}.${member}:${typeof value}`);
    }
  }
  return names.sort();
}
