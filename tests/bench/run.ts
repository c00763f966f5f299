// `npm run bench` runs every part below in turn; `npm run bench -- sampler` runs the named ones.
// Adding a part: one line here (loaded only when run, so one part's dependencies never slow another).

const parts: Record<string, () => Promise<void>> = {
  sampler: () => import('./sampler-bench').then((m) => m.runSamplerBench()),
  store: () => import('./store-bench').then((m) => m.runStoreBench()),
  ui: () => import('./ui-bench').then((m) => m.runUiBench()),
  export: () => import('./export-bench').then((m) => m.runExportBench()),
  alerts: () => import('./alerts-bench').then((m) => m.runAlertsBench()),
  record: () => import('./record-bench').then((m) => m.runRecordBench()),
  geo: () => import('./geo-bench').then((m) => m.runGeoBench()),
  collector: () => import('./collector-bench').then((m) => m.runCollectorBench()),
  events: () => import('./events-bench').then((m) => m.runEventsBench()),
  'asked-names': () => import('./asked-names-bench').then((m) => m.runAskedNamesBench()),
  fleet: () => import('./fleet-bench').then((m) => m.runFleetBench()),
  traffic: () => import('./traffic-bench').then((m) => m.runTrafficBench()),
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((arg) => !arg.startsWith('--')); // --flags are the parts' own
  const unknown = asked.filter((name) => !(name in parts));
  if (unknown.length > 0) {
    console.error(`bench: no part named ${unknown.join(', ')}; parts: ${Object.keys(parts).join(', ')}`);
    process.exit(2);
  }
  for (const name of asked.length > 0 ? asked : Object.keys(parts)) {
    const started = performance.now();
    await parts[name]!();
    console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
}

void main();
