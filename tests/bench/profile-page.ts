// Profiles the browser mode's page while it sits open and idle under a desktop load (not a test):
// what the page spends each second on script, style, layout and paint (Chromium's Performance
// metrics) and its functions with the most self time (a CDP CPU profile).
// Run: node --import tsx tests/bench/profile-page.ts [seconds] [held] [churnPerSecond]
// serve polls (NETWATCH_EVENTS=off) unless NETWATCH_EVENTS is set; SERVE_NODE_FLAGS="--cpu-prof
// --cpu-prof-dir=DIR" profiles serve and its core's worker thread too.
import { openIdlePage } from './idle-page';
import { startCpuMeter } from './process-tree-usage';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  process.env.NETWATCH_EVENTS ??= 'off';
  const [seconds = 30, held = 300, churnPerSecond = 5] = process.argv.slice(2, 5).map(Number);
  const { serve, page, chromiumRoots, close } = await openIdlePage(held, churnPerSecond, seconds + 180);
  try {
    await sleep(10_000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    const metrics = async (): Promise<Map<string, number>> =>
      new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const before = await metrics();
    const chromium = chromiumRoots();
    const chromiumCpu = startCpuMeter(() => chromium);
    const serveCpu = startCpuMeter(() => [serve.pid]);
    if (process.env.PROFILE_PAGE_JS !== 'off') await cdp.send('Profiler.start');
    await sleep(seconds * 1000);
    const cpu = { chromium: chromiumCpu.share(), serve: serveCpu.share() };
    const after = await metrics();
    const pct = (share: number): string => `${(share * 100).toFixed(2)}%`;
    console.log(
      `CPU of a core: chromium ${pct(cpu.chromium)}, serve ${pct(cpu.serve)} (PROFILE_PAGE_JS=off: without the profiler's own cost)`,
    );
    console.log(`page, ${seconds} s idle under ${held} held and ${churnPerSecond}/s churn, per second:`);
    for (const name of [
      'TaskDuration',
      'ScriptDuration',
      'RecalcStyleDuration',
      'LayoutDuration',
      'LayoutCount',
      'RecalcStyleCount',
      'JSHeapUsedSize',
    ]) {
      const delta = (after.get(name) ?? 0) - (before.get(name) ?? 0);
      const shown = name.endsWith('Duration')
        ? `${((delta / seconds) * 1000).toFixed(2)} ms`
        : name === 'JSHeapUsedSize'
          ? `${((after.get(name) ?? 0) / 1e6).toFixed(1)} MB (now)`
          : (delta / seconds).toFixed(1);
      console.log(`  ${name.padEnd(20)} ${shown}`);
    }
    if (process.env.PROFILE_PAGE_JS === 'off') return;
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)!.callFrame;
      const us = profile.timeDeltas[i] ?? 0;
      total += us;
      if (frame.functionName === '(idle)') return;
      const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1}`;
      self.set(name, (self.get(name) ?? 0) + us);
    });
    console.log('main thread self time (% of the window):');
    for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`  ${((us / total) * 100).toFixed(2).padStart(6)}%  ${name}`);
  } finally {
    await close();
  }
}

void main();
