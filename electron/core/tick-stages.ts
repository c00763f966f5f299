// The stages the service runs after each tick's write, in order. Adding one (alerts) is one line.
import type { ServiceContext } from './service-context';
import type { TickStage } from './tick-stage';

export function createTickStages(_ctx: ServiceContext): TickStage[] {
  return [];
}
