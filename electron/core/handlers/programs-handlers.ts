// programs.*: every program seen with a connection, with counts; one program's recent history.
import type { ContractHandlers } from '../../../shared/contract';
import type { ServiceContext } from '../service-context';

const RECENT = 50;
const REMOTES = 20;
const FIRSTS = 20;

export function createProgramsHandlers(ctx: ServiceContext): ContractHandlers['programs'] {
  return {
    list: async () => {
      const open = ctx.monitor.openByProgram();
      return ctx.store.programs().map((p) => ({ ...p, connectionsNow: open.get(p.id) ?? 0 }));
    },
    get: async ({ id }) => {
      const program = ctx.store.program(id);
      if (!program) return null;
      return {
        program: { ...program, connectionsNow: ctx.monitor.openByProgram().get(id) ?? 0 },
        recent: ctx.store.programRecent(id, RECENT),
        remotes: ctx.store.programRemotes(id, REMOTES),
        firsts: ctx.store.programFirsts(id, FIRSTS),
      };
    },
  };
}
