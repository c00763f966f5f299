// Child process of the export bench: a recorder writing one tick (20 new connections) every 100 ms
// into the same database through the real store, printing each tick number once committed. Stops
// when stdin closes or after 10 minutes.
import { openStore } from '../../electron/core/store/open-store';
import { tickWrite, tracked } from '../unit/core/store/store-fixtures';

const file = process.argv[2];
if (file) {
  const store = openStore({ path: file });
  let nextId = store.startState().nextConnectionId;
  let tick = 1;
  const at0 = Date.UTC(2030, 0, 1);
  const timer = setInterval(() => {
    const at = at0 + tick * 1000;
    const opened = Array.from({ length: 20 }, () => tracked(nextId++, { firstSeen: at }));
    store.writeTick(tickWrite(at, { tick, opened }));
    process.stdout.write(`${tick++}\n`);
  }, 100);
  const stop = (): void => {
    clearInterval(timer);
    store.close();
  };
  process.stdin.on('close', stop);
  process.stdin.resume();
  setTimeout(stop, 600_000).unref();
}
