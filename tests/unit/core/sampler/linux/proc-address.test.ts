// IPv6 text against libuv's inet_ntop (what net.SocketAddress prints), on many generated
// addresses with zero runs in every place, and the kernel's byte order against hand-worked words.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { ipv4FromWord, ipv6Groups, ipv6Text } from '../../../../../electron/core/sampler/linux/proc-address';

function canonical(groups: number[]): string {
  return new net.SocketAddress({ address: groups.map((g) => g.toString(16)).join(':'), family: 'ipv6' })
    .address;
}

describe('proc-address', () => {
  it('prints IPv6 like inet_ntop for generated addresses', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      // Mostly zeros so runs of every length and position appear.
      const groups = Array.from({ length: 8 }, () => (random(3) === 0 ? random(65536) : 0));
      if (random(10) === 0) groups.splice(0, 6, 0, 0, 0, 0, 0, 0xffff);
      assert.equal(ipv6Text(groups), canonical(groups), groups.join(','));
    }
  });

  it('keeps v4-mapped and v4-compatible forms', () => {
    assert.equal(ipv6Text([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]), '::ffff:127.0.0.1');
    assert.equal(ipv6Text([0, 0, 0, 0, 0, 0, 0x0a00, 1]), '::10.0.0.1');
    assert.equal(ipv6Text([0, 0, 0, 0, 0, 0, 0, 0]), '::');
    assert.equal(ipv6Text([0, 0, 0, 0, 0, 0, 0, 1]), '::1');
  });

  it('reads kernel words as little-endian bytes (and big-endian when told)', () => {
    assert.equal(ipv4FromWord(0x0100007f, true), '127.0.0.1');
    assert.equal(ipv4FromWord(0x7f000001, false), '127.0.0.1');
    // 2001:db8::1 as /proc/net/tcp6 prints it on x86: B80D0120 00000000 00000000 01000000
    assert.equal(ipv6Text(ipv6Groups([0xb80d0120, 0, 0, 0x01000000], true)), '2001:db8::1');
    assert.equal(ipv6Text(ipv6Groups([0x20010db8, 0, 0, 1], false)), '2001:db8::1');
  });
});
