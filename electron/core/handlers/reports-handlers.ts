// reports.*: placeholder until exports land (issue 7). The exporter will stream
// ctx.store.iterateHistory(filter), which reads on its own connection.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

export function createReportsHandlers(_ctx: ServiceContext): ContractHandlers['reports'] {
  return {
    export: async () => {
      throw new Error('not implemented yet');
    },
  };
}
