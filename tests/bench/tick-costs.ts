// Times each tick's sample and monitor.apply in one process under loopback load (not a test):
// which part of a tick grows with churn, without the store or a child process around it.
// Run: node --import tsx tests/bench/tick-costs.ts <held> <churnPerSecond> <ticks>
//      (NETWATCH_EVENTS=off: polling alone; add --cpu-prof before --import for a profile)
import { Monitor } from '../../electron/core/monitor/monitor';
import { createLinuxSampler } from '../../electron/core/sampler/linux/linux-sampler';
import { holdLoopbackConnections } from './hold-loopback-connections';
import { startChurn } from './start-loopback-churn';

async function main(): Promise<void> {
  const held = Number(process.argv[2] ?? 10_000);
  const churn = Number(process.argv[3] ?? 100);
  const ticks = Number(process.argv[4] ?? 30);
  const connections = await holdLoopbackConnections(held, ticks + 60);
  const churner = churn > 0 ? await startChurn(200, churn, ticks + 60) : null;
  const sampler = createLinuxSampler({
    events: process.env.NETWATCH_EVENTS !== 'off',
    onWarning: (m) => console.error(m),
  });
  await sampler.eventsReady?.();
  const monitor = new Monitor({});
  try {
    for (let i = 0; i < ticks; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const t0 = performance.now();
      const snapshot = await sampler.sample();
      const t1 = performance.now();
      const changes = monitor.apply(snapshot);
      const t2 = performance.now();
      console.log(
        [
          `tick ${i}: ${snapshot.sockets.length} rows (${sampler.tcpRowsFrom})`,
          `sample ${(t1 - t0).toFixed(1)} ms, apply ${(t2 - t1).toFixed(1)} ms`,
          `opened ${changes.opened.length}, changed ${changes.changed.length}, closed ${changes.closed.length}`,
          `flows ${snapshot.flows?.length ?? 0}, openers ${snapshot.openers?.length ?? 0}`,
          `fd tables read ${sampler.lastOwnerScan.fdTablesRead}, readlinks ${sampler.lastOwnerScan.readlinks}${sampler.lastOwnerScan.reusedFdPass ? ', stale-fd pass' : ''}`,
        ].join('; '),
      );
    }
  } finally {
    churner?.kill();
    sampler.close?.();
    await connections.close();
  }
}

void main().then(() => process.exit(0));
