// Builds the NetwatchApi a component uses on top of the headless mode's socket link: one function
// per method and one subscribe function per event, member for member from the shared contract.
import { contract, listEvents, listMethods, type NetwatchApi } from '../../../shared/contract';
import type { RpcLink } from './socket-link';

export function buildSocketApi(link: RpcLink): NetwatchApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const service of Object.keys(contract)) api[service] = {};
  for (const [service, method] of listMethods()) {
    const name = `${service}.${method}`;
    api[service]![method] = (input?: unknown) => link.call(name, input ?? {});
  }
  for (const name of listEvents()) {
    const [service, member] = name.split('.') as [string, string];
    api[service]![member] = (listener: (payload: unknown) => void) => link.on(name, listener);
  }
  // Built from the same contract the type is derived from.
  return api as unknown as NetwatchApi;
}
