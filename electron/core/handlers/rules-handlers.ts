// rules.*: placeholder until the alert engine lands (issue 4): no rules yet.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

export function createRulesHandlers(_ctx: ServiceContext): ContractHandlers['rules'] {
  return {
    list: async () => [],
    add: async () => {
      throw new Error('not implemented yet');
    },
    remove: async () => false,
  };
}
