// Top talkers now: the remote addresses of the live connections by traffic, rates first (what is
// busy now), then totals of their open connections; addresses without any counts are left out.
import type { TopTalker } from '../../../shared/contract';
import type { LiveConnection } from '../../../shared/model';

const plus = (a: number | null, b: number | null | undefined): number | null =>
  b === null || b === undefined ? a : (a ?? 0) + b;

export function topTalkers(connections: Iterable<LiveConnection>, limit: number): TopTalker[] {
  const byAddress = new Map<string, TopTalker>();
  for (const c of connections) {
    if (c.remotePort === 0 || (c.bytesSent == null && c.bytesReceived == null)) continue;
    let t = byAddress.get(c.remoteAddress);
    if (!t) {
      t = {
        address: c.remoteAddress,
        host: null,
        connections: 0,
        sendRate: null,
        receiveRate: null,
        bytesSent: null,
        bytesReceived: null,
      };
      byAddress.set(c.remoteAddress, t);
    }
    t.connections++;
    t.host ??= c.remoteHost;
    t.sendRate = plus(t.sendRate, c.sendRate);
    t.receiveRate = plus(t.receiveRate, c.receiveRate);
    t.bytesSent = plus(t.bytesSent, c.bytesSent);
    t.bytesReceived = plus(t.bytesReceived, c.bytesReceived);
  }
  const rate = (t: TopTalker) => (t.sendRate ?? 0) + (t.receiveRate ?? 0);
  const total = (t: TopTalker) => (t.bytesSent ?? 0) + (t.bytesReceived ?? 0);
  return [...byAddress.values()]
    .sort((a, b) => rate(b) - rate(a) || total(b) - total(a) || a.address.localeCompare(b.address))
    .slice(0, limit);
}
