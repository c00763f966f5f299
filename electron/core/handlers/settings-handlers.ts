// settings.*: read and change the settings kept in the database.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

export function createSettingsHandlers(ctx: ServiceContext): ContractHandlers['settings'] {
  return {
    get: async () => ctx.settings(),
    set: async (patch) => ctx.updateSettings(patch),
  };
}
