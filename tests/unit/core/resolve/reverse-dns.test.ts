// The reverse-DNS cache: answers at once from the cache, looks up in the background a few at a
// time, caches failures, times out, stays bounded, and passes on only valid names. The lookup
// itself is the seam here (a controllable function), so timing and concurrency can be observed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ReverseDns } from '../../../../electron/core/resolve/reverse-dns';

interface Call {
  address: string;
  answer(names: string[]): void;
  fail(code: string): void;
}

function controlledLookup() {
  const calls: Call[] = [];
  let total = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const lookup = (address: string): Promise<string[]> =>
    new Promise((resolve, reject) => {
      inFlight++;
      total++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => inFlight--;
      calls.push({
        address,
        answer: (names) => {
          done();
          resolve(names);
        },
        fail: (code) => {
          done();
          reject(Object.assign(new Error(code), { code }));
        },
      });
    });
  return { calls, lookup, maxInFlight: () => maxInFlight, total: () => total };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ReverseDns', () => {
  it('never waits: peek answers undefined at once, then the name once looked up', async () => {
    const c = controlledLookup();
    const dns = new ReverseDns({ lookup: c.lookup, etcRoot: null });
    assert.equal(dns.peek('192.0.2.7'), undefined);
    const done = dns.request('192.0.2.7');
    assert.equal(dns.peek('192.0.2.7'), undefined);
    await tick();
    c.calls[0]!.answer(['Host.Example.']);
    await done;
    assert.equal(dns.peek('192.0.2.7'), 'host.example');
  });

  it('caches "no name" and does not ask again', async () => {
    const c = controlledLookup();
    const dns = new ReverseDns({ lookup: c.lookup, etcRoot: null });
    const done = dns.request('192.0.2.8');
    await tick();
    c.calls[0]!.fail('ENOTFOUND');
    await done;
    assert.equal(dns.peek('192.0.2.8'), null);
    await dns.request('192.0.2.8');
    assert.equal(c.calls.length, 1);
  });

  it('keeps at most `concurrency` lookups in flight and asks each address once', async () => {
    const c = controlledLookup();
    const dns = new ReverseDns({ lookup: c.lookup, etcRoot: null, concurrency: 3 });
    const addresses = Array.from({ length: 10 }, (_, i) => `192.0.2.${i + 1}`);
    const all = Promise.all([...addresses, ...addresses].map((a) => dns.request(a)));
    for (let i = 0; i < 100 && !addresses.every((a) => dns.peek(a) !== undefined); i++) {
      await tick();
      for (const call of c.calls.splice(0)) call.answer([`h${call.address.split('.')[3]}.test`]);
    }
    await all;
    assert.equal(c.maxInFlight(), 3);
    assert.equal(c.total(), 10);
    assert.equal(dns.peek('192.0.2.10'), 'h10.test');
  });

  it('gives up after the timeout and remembers the address as unnamed', async () => {
    const c = controlledLookup();
    const dns = new ReverseDns({ lookup: c.lookup, etcRoot: null, timeoutMs: 30 });
    await dns.request('192.0.2.9'); // the lookup never answers
    assert.equal(dns.peek('192.0.2.9'), null);
  });

  it('waits for a listing at most waitMs', async () => {
    const c = controlledLookup();
    const dns = new ReverseDns({ lookup: c.lookup, etcRoot: null, timeoutMs: 60_000 });
    const started = Date.now();
    await dns.resolveWithin(['192.0.2.10', '192.0.2.11'], 50);
    assert.ok(Date.now() - started < 5000);
    assert.equal(dns.peek('192.0.2.10'), undefined);
    dns.close();
  });

  it('passes on only a valid name', async () => {
    const c = controlledLookup();
    const dns = new ReverseDns({ lookup: c.lookup, etcRoot: null });
    const done = dns.request('192.0.2.12');
    await tick();
    c.calls[0]!.answer(['<img src=x onerror=alert(1)>', 'bad name', 'good.example']);
    await done;
    assert.equal(dns.peek('192.0.2.12'), 'good.example');
    const done2 = dns.request('192.0.2.13');
    await tick();
    c.calls[1]!.answer(['evil\u001b[31m']);
    await done2;
    assert.equal(dns.peek('192.0.2.13'), null);
  });

  it('keeps at most maxEntries names', async () => {
    const c = controlledLookup();
    const dns = new ReverseDns({ lookup: c.lookup, etcRoot: null, maxEntries: 16, concurrency: 64 });
    const addresses = Array.from({ length: 40 }, (_, i) => `198.51.100.${i + 1}`);
    const all = Promise.all(addresses.map((a) => dns.request(a)));
    await tick();
    for (const call of c.calls) call.answer(['x.test']);
    await all;
    const kept = addresses.filter((a) => dns.peek(a) !== undefined).length;
    assert.equal(kept, 16);
    assert.equal(dns.peek(addresses[39]!), 'x.test', 'the newest stay');
  });

  it('answers from the hosts file first, for v4-mapped addresses too, and not for wildcards', () => {
    const etc = fs.mkdtempSync(path.join(os.tmpdir(), 'netwatch-etc-'));
    try {
      fs.writeFileSync(
        path.join(etc, 'hosts'),
        '127.0.0.1 localhost\n::1 ip6-localhost # comment\n10.0.0.5 <bad>\n',
      );
      const dns = new ReverseDns({ lookup: () => Promise.reject(new Error('no DNS here')), etcRoot: etc });
      assert.equal(dns.peek('127.0.0.1'), 'localhost');
      assert.equal(dns.peek('::ffff:127.0.0.1'), 'localhost');
      assert.equal(dns.peek('::1'), 'ip6-localhost');
      assert.equal(dns.peek('10.0.0.5'), undefined);
      assert.equal(dns.peek('0.0.0.0'), null);
      assert.equal(dns.peek('::'), null);
    } finally {
      fs.rmSync(etc, { recursive: true });
    }
  });
});
