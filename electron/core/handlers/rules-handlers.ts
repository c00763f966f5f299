// rules.*: what quiets alerts. A value is checked and normalised before it is stored (a clear
// message otherwise); adding a rule acknowledges the open alerts it covers and, for a trusted
// program, marks its records trusted.
import type { ContractHandlers } from '../../../shared/contract';
import { AlertRepository } from '../alerts/alert-repository';
import { normalizeRuleValue } from '../alerts/rule-value';
import type { ServiceContext } from '../service-context';

export function createRulesHandlers(ctx: ServiceContext): ContractHandlers['rules'] {
  const repository = new AlertRepository(ctx.store.db);
  return {
    list: async () => repository.rules(),
    add: async ({ kind, value, note }) => {
      const { rule } = repository.addRule(kind, normalizeRuleValue(kind, value), note ?? null, Date.now());
      ctx.setUnreadAlerts(repository.unreadCount());
      return rule;
    },
    remove: async ({ id }) => repository.removeRule(id),
  };
}
