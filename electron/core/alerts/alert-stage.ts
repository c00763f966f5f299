// The alert engine as a tick stage: after each tick is written, the watches (programs, listeners,
// floods, traffic) propose drafts under the rules in force; the repository folds them into open alerts or
// opens new ones in one transaction; each new alert then leaves by the event, the notifier and
// the unread count. Rules and acknowledgements made by another process (the CLI) are picked up
// from the database at the next tick.
import type { AlertRecord } from '../../../shared/model';
import type { ServiceContext } from '../service-context';
import type { TickStage } from '../tick-stage';
import type { AlertDraft } from './alert-draft';
import { AlertRepository } from './alert-repository';
import { FloodWatch } from './flood-watch';
import { ListenerWatch, type ListenerSighting } from './listener-watch';
import { withoutOwnProcess } from './own-process';
import { ProgramWatch } from './program-watch';
import { RuleSet } from './rule-set';
import { TrafficWatch } from './traffic-watch';

/** Drafts kept for the next tick when writing failed (disk full), at most. */
const MAX_PENDING = 1000;

const kindTitle: Record<AlertRecord['kind'], string> = {
  'new-program': 'new program',
  'changed-program': 'changed program',
  'new-listener': 'new listener',
  'flood-remote': 'flood',
  'syn-flood': 'SYN flood',
  'traffic-volume': 'traffic',
};

/** The notifier's line for a new alert. */
export function notificationText(alert: AlertRecord): string {
  return `alert #${alert.id} (${kindTitle[alert.kind]}, ${alert.severity}): ${alert.message}`;
}

/** `ownPid`: netwatch's process, whose sockets raise no program, listener or traffic alerts. */
export function createAlertStage(ctx: ServiceContext, ownPid: number = process.pid): TickStage {
  const repository = new AlertRepository(ctx.store.db);
  const programs = new ProgramWatch({
    program: (id) => ctx.monitor.registry.get(id),
    alertState: (id) => repository.programAlertState(id),
  });
  const floods = new FloodWatch();
  const traffic = new TrafficWatch(ownPid);
  const listenerWatch = new ListenerWatch(ownPid);
  let rules = new RuleSet(repository.rules());
  let rulesSignature = repository.rulesSignature();
  let pending: { drafts: AlertDraft[]; listeners: ListenerSighting[] } = { drafts: [], listeners: [] };
  ctx.setUnreadAlerts(repository.unreadCount());

  const currentRules = (): RuleSet => {
    const signature = repository.rulesSignature();
    if (signature !== rulesSignature) {
      rules = new RuleSet(repository.rules());
      rulesSignature = signature;
    }
    return rules;
  };

  return {
    name: 'alerts',
    evaluate(changes) {
      const ruleSet = currentRules();
      const others = withoutOwnProcess(changes, ownPid);
      const found = programs.evaluate(others, ruleSet);
      const drafts = [
        ...pending.drafts,
        ...found.drafts,
        ...floods.evaluate(changes, ruleSet, ctx.settings()),
        ...traffic.evaluate(changes, ruleSet, ctx.settings()),
      ];
      const listeners = [...pending.listeners, ...listenerWatch.evaluate(changes, ruleSet)];
      const raised: AlertRecord[] = [];
      try {
        // IMMEDIATE: it reads before it writes, and the CLI may have committed a rule meanwhile.
        ctx.store.db
          .transaction(() => {
            for (const id of found.trusted) repository.markTrusted(id);
            const toRecord = [...drafts];
            for (const l of listeners) {
              if (repository.learnListener(l.owner, l.proto, l.port, changes.at) && l.draft)
                toRecord.push(l.draft);
            }
            for (const draft of toRecord) {
              const result = repository.record(draft);
              if (result === null && draft.kind === 'new-program' && draft.programId !== null) {
                programs.settle(draft.programId);
              } else if (result?.opened) {
                raised.push(result.alert);
              }
            }
          })
          .immediate();
      } catch (error) {
        // Kept for the next tick, bounded: a full disk must not lose the alerts of its ticks.
        pending = {
          drafts: drafts.slice(-MAX_PENDING),
          listeners: listeners.slice(-MAX_PENDING),
        };
        throw error;
      }
      pending = { drafts: [], listeners: [] };
      for (const alert of raised) {
        ctx.emit('alerts.onRaised', alert);
        ctx.notify(notificationText(alert));
      }
      // Also follows acknowledgements made by another process.
      ctx.setUnreadAlerts(repository.unreadCount());
    },
  };
}
