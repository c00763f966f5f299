// history.*: keyset-paged connection history, newest first.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

export function createHistoryHandlers(ctx: ServiceContext): ContractHandlers['history'] {
  return {
    query: async ({ filter, cursor, limit }) => ctx.store.history(filter, cursor ?? null, limit ?? 200),
  };
}
