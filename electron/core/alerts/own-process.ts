// netwatch does not alert about itself: its own process (the core runs in a worker thread of it)
// looks names up over DNS and, as `netwatch serve`, listens on a new port each run. Those sockets
// stay in the history and the live table; the program watch gets the tick without them here, the
// listener watch leaves them out itself (listener-watch.ts: it also follows owners found late).
// Floods still count them: a flood at netwatch's port is a flood.
import type { Changes, TrackedConnection } from '../monitor/changes';

export function withoutOwnProcess(changes: Changes, pid: number): Changes {
  const notOwn = (t: TrackedConnection) => t.connection.pid !== pid;
  return {
    ...changes,
    opened: changes.opened.filter(notOwn),
    changed: changes.changed.filter(notOwn),
    programs: changes.programs.filter((p) => p.pid !== pid),
  };
}
