// The real sampler, narrowed to the sockets of the processes a test names. The machine is shared
// with other test runs: their programs must not add alerts to a test that counts them exactly.
import { createSampler } from '../../../electron/core/sampler';
import type { Sampler } from '../../../electron/core/sampler/sampler';

export function ownSocketsSampler(pids: ReadonlySet<number>): Sampler {
  const real = createSampler({ onWarning: () => undefined });
  return {
    platform: real.platform,
    async sample() {
      const snapshot = await real.sample();
      return {
        ...snapshot,
        sockets: snapshot.sockets.filter((row) => row.pid !== null && pids.has(row.pid)),
      };
    },
    routes: () => real.routes(),
    protocolStats: () => real.protocolStats(),
    interfaces: () => real.interfaces(),
    close: () => real.close(),
  };
}
