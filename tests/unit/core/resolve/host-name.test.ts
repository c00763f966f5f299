// Host names from DNS or a hosts file are untrusted: only well-formed names pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validHostName } from '../../../../electron/core/resolve/host-name';

describe('validHostName', () => {
  it('accepts ordinary names, lowercased, trailing dot dropped', () => {
    assert.equal(validHostName('Example.COM.'), 'example.com');
    assert.equal(validHostName('localhost'), 'localhost');
    assert.equal(validHostName('_sip._tcp.example.org'), '_sip._tcp.example.org');
    assert.equal(validHostName('1.0.0.127.in-addr.arpa'), '1.0.0.127.in-addr.arpa');
  });

  it('refuses markup, control characters, spaces, empty labels and oversized names', () => {
    for (const bad of [
      '',
      '.',
      'a..b',
      '<script>alert(1)</script>',
      'evil\nname',
      'with space.com',
      '=cmd|calc',
      '-lead.com',
      'trail-.com',
      'x'.repeat(64) + '.com',
      ('a'.repeat(63) + '.').repeat(4) + 'com',
      'ünicode.com',
      42,
      null,
    ]) {
      assert.equal(validHostName(bad), null, String(bad));
    }
  });
});
