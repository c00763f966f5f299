// The stages the service runs after each tick's write, in order. Adding one is one line.
import { createAlertStage } from './alerts/alert-stage';
import type { ServiceContext } from './service-context';
import type { TickStage } from './tick-stage';

export function createTickStages(ctx: ServiceContext): TickStage[] {
  return [createAlertStage(ctx)];
}
