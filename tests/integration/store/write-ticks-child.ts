// Child process for the kill -9 test: writes ticks into a real database as fast as it can and
// prints each tick number after its transaction committed. Stops by itself after 60 s.
import { openStore } from '../../../electron/core/store/open-store';
import { closed, tickWrite, tracked } from '../../unit/core/store/store-fixtures';

export const ROWS_PER_TICK = 200;
export const T0 = 1_700_000_000_000;

const file = process.argv[2];
if (file) {
  const store = openStore({ path: file });
  // Continue after the last whole tick an earlier (killed) run committed.
  let tick = (store.startState().nextConnectionId - 1) / ROWS_PER_TICK + 1;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const at = T0 + tick * 1000;
    const ids = Array.from({ length: ROWS_PER_TICK }, (_, i) => (tick - 1) * ROWS_PER_TICK + i + 1);
    const previous = ids.map((id) => id - ROWS_PER_TICK).filter((id) => id > 0);
    store.writeTick(
      tickWrite(at, {
        tick,
        opened: ids.map((id) => tracked(id, { firstSeen: at })),
        closed: previous.map((id) => closed(tracked(id, { firstSeen: at - 1000 }), at)),
      }),
    );
    process.stdout.write(`${tick}\n`);
    tick++;
  }
  store.close();
}
