// What the CLI prints of a name anyone chooses: control and bidi characters as escape text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalText } from '../../../shared/terminal-text';

test('every bidi control is shown as \\uNNNN text, never applied', () => {
  const controls = [
    0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
  ];
  for (const code of controls) {
    const shown = terminalText(`a${String.fromCharCode(code)}b`);
    assert.equal(shown, `a\\u${code.toString(16).padStart(4, '0')}b`);
  }
  assert.equal(terminalText('x\u202efdp.exe'), 'x\\u202efdp.exe');
});
