// A stage of the loop that runs after each tick is written: the seam the alert engine plugs into.
// Stages run in order, on the service's thread, with the tick's Changes and the service context.
import type { Changes } from './monitor/changes';
import type { ServiceContext } from './service-context';

export interface TickStage {
  /** For messages: "alerts". */
  readonly name: string;
  /**
   * Called once per tick after the store wrote it (also when the write was queued because the
   * disk is full: `written` says which). May write its own rows with ctx.store.transaction().
   * A throw is reported once by the service and does not stop the loop.
   */
  evaluate(changes: Changes, ctx: ServiceContext, written: boolean): void | Promise<void>;
  /** Called when the service closes, before the database does. */
  close?(): void | Promise<void>;
}
