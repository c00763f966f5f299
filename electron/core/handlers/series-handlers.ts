// series.*: per-minute (and rolled-up hourly) series for graphs, in the bucket size asked for.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

export function createSeriesHandlers(ctx: ServiceContext): ContractHandlers['series'] {
  return {
    query: async (input) => ctx.store.series(input),
  };
}
