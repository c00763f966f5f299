// Geo lookups: the cost of loading the shipped databases and the memory they take, then the cost
// of one lookup first (uncached) and cached, on random public addresses; compared with one `ss -tan`
// run measured here, the price of listing the sockets whose remotes would be looked up.
import { spawnSync } from 'node:child_process';
import { GeoLookup } from '../../electron/core/resolve/geo/geo-lookup';

const ADDRESSES = 20_000;

function randomAddresses(n: number): string[] {
  const out: string[] = [];
  let seed = 12345;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < n; i++) {
    if (i % 4 === 3) out.push(`2a00:${(next() % 0xffff).toString(16)}:${(next() % 0xffff).toString(16)}::1`);
    else out.push(`${1 + (next() % 222)}.${next() % 256}.${next() % 256}.${next() % 256}`);
  }
  return out;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function runGeoBench(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const geo = new GeoLookup({ cacheSize: ADDRESSES });
  const loadMs = performance.now() - t0;
  gc?.();
  const after = process.memoryUsage();
  const data = geo.dataBytes;
  console.log(`geo: load ${loadMs.toFixed(0)} ms`);
  console.log(
    `geo: memory after load: heap +${mb(after.heapUsed - before.heapUsed)}, array buffers +${mb(after.arrayBuffers - before.arrayBuffers)}, rss +${mb(after.rss - before.rss)}` +
      ` (country mmdb ${mb(data.countryMmdb)}, AS range arrays ${mb(data.asnTables)})${gc ? '' : ' (run node with --expose-gc for settled figures)'}`,
  );

  const addresses = randomAddresses(ADDRESSES);
  let located = 0;
  const t1 = performance.now();
  for (const a of addresses) if (geo.lookup(a).country !== null) located++;
  const firstUs = ((performance.now() - t1) * 1000) / ADDRESSES;
  const t2 = performance.now();
  for (const a of addresses) geo.lookup(a);
  const cachedUs = ((performance.now() - t2) * 1000) / ADDRESSES;
  console.log(
    `geo: ${ADDRESSES} random addresses (${located} located): first ${firstUs.toFixed(2)} µs each, cached ${cachedUs.toFixed(3)} µs each (${(firstUs / cachedUs).toFixed(0)}x)`,
  );

  const t3 = performance.now();
  const ss = spawnSync('ss', ['-tan'], { encoding: 'utf8' });
  const ssMs = performance.now() - t3;
  const rows = ss.status === 0 ? ss.stdout.split('\n').length - 2 : 0;
  console.log(
    `geo: one \`ss -tan\` run (${rows} sockets) ${ssMs.toFixed(1)} ms = ${((ssMs * 1000) / firstUs).toFixed(0)} first lookups or ${((ssMs * 1000) / cachedUs).toFixed(0)} cached ones`,
  );
}
