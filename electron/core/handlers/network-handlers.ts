// network.*: routes and protocol counters straight from the sampler (netstat -r, -s), interface
// counters from the last tick, and the remotes most talked to (history plus live state).
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

const DAY_MS = 86_400_000;

export function createNetworkHandlers(ctx: ServiceContext): ContractHandlers['network'] {
  return {
    routes: () => ctx.sampler.routes(),
    protocolStats: () => ctx.sampler.protocolStats(),
    interfaces: async () => ctx.monitor.latestSnapshot?.interfaces ?? ctx.sampler.interfaces(),
    topRemotes: async ({ limit }) => {
      const established = new Map<string, number>();
      for (const c of ctx.monitor.liveConnections()) {
        if (c.state === 'ESTABLISHED')
          established.set(c.remoteAddress, (established.get(c.remoteAddress) ?? 0) + 1);
      }
      const since = (ctx.monitor.lastTickAt ?? Date.now()) - DAY_MS;
      return ctx.store
        .topRemotes(since, limit ?? 20)
        .map((r) => ({ ...r, established: established.get(r.address) ?? 0 }));
    },
  };
}
