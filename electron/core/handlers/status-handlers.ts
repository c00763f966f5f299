// status.*: the loop's health and controls (pause and resume sampling).
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

export function createStatusHandlers(ctx: ServiceContext): ContractHandlers['status'] {
  return {
    get: async () => ctx.status(),
    pause: async () => ctx.pause(),
    resume: async () => ctx.resume(),
  };
}
