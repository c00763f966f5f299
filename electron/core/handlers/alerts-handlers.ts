// alerts.*: placeholder until the alert engine lands (issue 4): no alerts yet.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

export function createAlertsHandlers(_ctx: ServiceContext): ContractHandlers['alerts'] {
  return {
    list: async () => [],
    ack: async () => false,
    ackAll: async () => 0,
  };
}
