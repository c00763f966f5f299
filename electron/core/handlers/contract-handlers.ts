// Composes the contract's handlers from one module per service. Replacing a service's behaviour
// (alerts, rules, reports) means replacing its module, not this file.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';
import { createAlertsHandlers } from './alerts-handlers';
import { createHistoryHandlers } from './history-handlers';
import { createLiveHandlers } from './live-handlers';
import { createNetworkHandlers } from './network-handlers';
import { createProgramsHandlers } from './programs-handlers';
import { createReportsHandlers } from './reports-handlers';
import { createRulesHandlers } from './rules-handlers';
import { createSeriesHandlers } from './series-handlers';
import { createSettingsHandlers } from './settings-handlers';
import { createStatusHandlers } from './status-handlers';

export function createContractHandlers(ctx: ServiceContext): ContractHandlers {
  return {
    live: createLiveHandlers(ctx),
    history: createHistoryHandlers(ctx),
    programs: createProgramsHandlers(ctx),
    alerts: createAlertsHandlers(ctx),
    rules: createRulesHandlers(ctx),
    network: createNetworkHandlers(ctx),
    series: createSeriesHandlers(ctx),
    reports: createReportsHandlers(ctx),
    settings: createSettingsHandlers(ctx),
    status: createStatusHandlers(ctx),
  };
}
