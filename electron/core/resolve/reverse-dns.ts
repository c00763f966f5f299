// Reverse DNS with a cache that never makes a caller wait: `peek` answers from the cache at once,
// `request` starts a lookup in the background (a few at a time, each with a timeout), and a
// failure is cached too, so an address without a name costs one lookup per negativeTtlMs.
import dns from 'node:dns';
import type { Clock } from '../sampler/seams';
import { systemClock } from '../sampler/seams';
import { validHostName } from './host-name';
import { readHosts } from './hosts-file';

export interface ReverseDnsOptions {
  /** The PTR lookup; default: node's resolver with one try and timeoutMs. A seam for tests. */
  lookup?: (address: string) => Promise<string[]>;
  timeoutMs?: number;
  concurrency?: number;
  /** Cache entries kept; the oldest go first. */
  maxEntries?: number;
  /** Waiting lookups beyond this are dropped (asked again later), so a flood of addresses is bounded. */
  maxQueued?: number;
  positiveTtlMs?: number;
  negativeTtlMs?: number;
  /** Where hosts is; null to skip the hosts file. */
  etcRoot?: string | null;
  clock?: Clock;
}

interface Entry {
  name: string | null;
  expiresAt: number;
}

/** Addresses that name no host: nothing to ask. */
function unnamed(address: string): boolean {
  return address === '0.0.0.0' || address === '::' || address === '';
}

export class ReverseDns {
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly waiters = new Map<string, () => void>();
  /** Ends the wait of each lookup in flight (close() must leave no timer behind). */
  private readonly inFlight = new Set<() => void>();
  private closed = false;
  private readonly queue: string[] = [];
  private active = 0;
  private hosts: Map<string, string> | null = null;
  private readonly lookup: (address: string) => Promise<string[]>;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly maxEntries: number;
  private readonly maxQueued: number;
  private readonly positiveTtlMs: number;
  private readonly negativeTtlMs: number;
  private readonly resolver: dns.promises.Resolver | null;

  constructor(private readonly options: ReverseDnsOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxEntries = Math.max(16, options.maxEntries ?? 4096);
    this.maxQueued = options.maxQueued ?? 1024;
    this.positiveTtlMs = options.positiveTtlMs ?? 60 * 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5 * 60_000;
    this.clock = options.clock ?? systemClock;
    if (options.lookup) {
      this.resolver = null;
      this.lookup = options.lookup;
    } else {
      const resolver = new dns.promises.Resolver({ timeout: this.timeoutMs, tries: 1 });
      this.resolver = resolver;
      this.lookup = (address) => resolver.reverse(address);
    }
  }

  /** The cached name: a string, null when known to have none, undefined when not known yet. */
  peek(address: string): string | null | undefined {
    if (unnamed(address)) return null;
    const local = this.fromHosts(address);
    if (local !== undefined) return local;
    const entry = this.cache.get(address);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.clock.monotonic()) {
      this.cache.delete(address);
      return undefined;
    }
    return entry.name;
  }

  /** Starts a lookup unless the answer is cached or on its way; the promise settles when it is done. */
  request(address: string): Promise<void> {
    if (this.closed || this.peek(address) !== undefined) return Promise.resolve();
    const pending = this.pending.get(address);
    if (pending !== undefined) return pending;
    if (this.queue.length >= this.maxQueued) return Promise.resolve();
    const done = new Promise<void>((resolve) => {
      this.queue.push(address);
      this.waiters.set(address, resolve);
    });
    this.pending.set(address, done);
    this.pump();
    return done;
  }

  /** Requests every address and waits for them, but never longer than waitMs. */
  async resolveWithin(addresses: Iterable<string>, waitMs: number): Promise<void> {
    const all = Promise.all([...new Set(addresses)].map((a) => this.request(a)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
  }

  /** Stops: queued and in-flight lookups settle at once (uncached), and no timer is left behind. */
  close(): void {
    this.closed = true;
    for (const address of this.queue.splice(0)) {
      this.pending.delete(address);
      this.waiters.get(address)?.();
      this.waiters.delete(address);
    }
    for (const stop of [...this.inFlight]) stop();
    this.resolver?.cancel();
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const address = this.queue.shift()!;
      this.active++;
      void this.run(address).finally(() => {
        this.active--;
        this.pending.delete(address);
        this.waiters.get(address)?.();
        this.waiters.delete(address);
        this.pump();
      });
    }
  }

  private async run(address: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let stop = (): void => undefined;
    const gaveUp = new Promise<'timeout' | 'closed'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
      stop = () => resolve('closed');
    });
    this.inFlight.add(stop);
    try {
      const names = await Promise.race([this.lookup(address), gaveUp]);
      if (names === 'closed') return;
      if (names === 'timeout') return this.remember(address, null);
      const valid = names.map(validHostName).find((n) => n !== null) ?? null;
      this.remember(address, valid);
    } catch (error) {
      // ENOTFOUND / ENODATA mean "no name": cache that. Cancelled or broken resolvers: ask again later.
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      if (code !== 'ECANCELLED' && code !== 'EDESTRUCTION') this.remember(address, null);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(stop);
    }
  }

  private remember(address: string, name: string | null): void {
    const ttl = name === null ? this.negativeTtlMs : this.positiveTtlMs;
    this.cache.delete(address);
    this.cache.set(address, { name, expiresAt: this.clock.monotonic() + ttl });
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  private fromHosts(address: string): string | undefined {
    if (this.options.etcRoot === null) return undefined;
    this.hosts ??= readHosts(this.options.etcRoot ?? '/etc');
    const key = address.toLowerCase();
    const mapped = key.startsWith('::ffff:') && key.includes('.') ? key.slice(7) : null;
    return this.hosts.get(key) ?? (mapped === null ? undefined : this.hosts.get(mapped));
  }
}
