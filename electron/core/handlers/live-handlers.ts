// live.*: the connections alive after the last tick (the renderer rebuilds its table from this,
// then applies live.onDelta events).
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

export function createLiveHandlers(ctx: ServiceContext): ContractHandlers['live'] {
  return {
    snapshot: async () => ({
      tick: ctx.monitor.tickCount,
      at: ctx.monitor.lastTickAt ?? 0,
      connections: ctx.monitor.liveConnections(),
    }),
  };
}
