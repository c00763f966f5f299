// alerts.*: the alerts in the database, unread first; acknowledging one or all updates the unread
// count (status, tray badge).
import type { ContractHandlers } from '../../../shared/contract';
import { withGeo } from '../alerts/alert-geo';
import { AlertRepository } from '../alerts/alert-repository';
import type { ServiceContext } from '../service-context';

export function createAlertsHandlers(ctx: ServiceContext): ContractHandlers['alerts'] {
  const repository = new AlertRepository(ctx.store.db);
  const done = <T>(value: T): T => {
    ctx.setUnreadAlerts(repository.unreadCount());
    return value;
  };
  return {
    list: async ({ all, limit }) => repository.list(all ?? false, limit).map(withGeo),
    ack: async ({ id }) => done(repository.ack(id, Date.now())),
    ackAll: async () => done(repository.ackAll(Date.now())),
  };
}
