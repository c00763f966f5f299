// netwatch does not alert about itself: its own process (the core runs in a worker thread of it)
// listens for the browser mode and looks names up over DNS, and a restart of `netwatch serve`
// picks a new port. Those sockets stay in the history and the live table; only the program and
// listener watches leave them out. Floods still count them: a flood at netwatch's port is a flood.
import type { Changes, TrackedConnection } from '../monitor/changes';

export function withoutOwnProcess(changes: Changes, pid: number): Changes {
  const notOwn = (t: TrackedConnection) => t.connection.pid !== pid;
  return {
    ...changes,
    opened: changes.opened.filter(notOwn),
    changed: changes.changed.filter(notOwn),
    listenersOpened: changes.listenersOpened.filter(notOwn),
    programs: changes.programs.filter((p) => p.pid !== pid),
  };
}
