// network.*: routes and protocol counters straight from the sampler (netstat -r, -s), interface
// counters from the last tick, and the remote addresses with the most connections and traffic now.
import type { ContractHandlers } from '../../../shared/contract';
import { countRemotes } from '../monitor/remote-counts';
import { topTalkers } from '../monitor/top-talkers';
import type { ServiceContext } from '../service-context';

export function createNetworkHandlers(ctx: ServiceContext): ContractHandlers['network'] {
  return {
    routes: () => ctx.sampler.routes(),
    protocolStats: () => ctx.sampler.protocolStats(),
    interfaces: async () => ctx.monitor.latestSnapshot?.interfaces ?? ctx.sampler.interfaces(),
    topRemotes: async ({ limit }) => countRemotes(ctx.monitor.liveConnections(), limit ?? 20),
    topTalkers: async ({ limit }) => topTalkers(ctx.monitor.liveConnections(), limit ?? 20),
  };
}
