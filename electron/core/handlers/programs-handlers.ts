// programs.*: every program seen with a connection, with counts; one program's recent history.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';
import type { TrafficTotals } from '../../../shared/model';
import { programSeriesKey } from '../monitor/series-metrics';

const DAY_MS = 86_400_000;
const NONE: TrafficTotals = { sent: 0, received: 0 };

/** Per program id: bytes today (since local midnight), over 7 and over 30 days. */
function trafficOf(ctx: ServiceContext, now: number) {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const today = ctx.store.programTraffic(midnight.getTime(), now + 1);
  const week = ctx.store.programTraffic(now - 7 * DAY_MS, now + 1);
  const month = ctx.store.programTraffic(now - 30 * DAY_MS, now + 1);
  return (id: number) => {
    const key = programSeriesKey(id, null);
    const m = month.get(key);
    if (!m) return undefined;
    return { today: today.get(key) ?? NONE, week: week.get(key) ?? NONE, month: m };
  };
}

const RECENT = 50;
const REMOTES = 20;
const FIRSTS = 20;

export function createProgramsHandlers(ctx: ServiceContext): ContractHandlers['programs'] {
  return {
    list: async () => {
      const open = ctx.monitor.openByProgram();
      const traffic = trafficOf(ctx, Date.now());
      return ctx.store
        .programs()
        .map((p) => ({ ...p, connectionsNow: open.get(p.id) ?? 0, traffic: traffic(p.id) }));
    },
    get: async ({ id }) => {
      const program = ctx.store.program(id);
      if (!program) return null;
      return {
        program: {
          ...program,
          connectionsNow: ctx.monitor.openByProgram().get(id) ?? 0,
          traffic: trafficOf(ctx, Date.now())(id),
        },
        recent: ctx.store.programRecent(id, RECENT),
        remotes: ctx.store.programRemotes(id, REMOTES),
        firsts: ctx.store.programFirsts(id, FIRSTS),
      };
    },
  };
}
