// Untrusted text keeps every visible character and shows every hidden one as an escape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasHiddenCharacters, visiblePieces, visibleText } from '../../../../renderer/src/text/visible-text';

test('markup stays as the characters it is made of', () => {
  const markup = '<img src=x onerror=alert(1)><script>alert(2)</script>&amp;"\'';
  assert.equal(visibleText(markup), markup);
  assert.equal(hasHiddenCharacters(markup), false);
});

test('bidirectional overrides, isolates and marks become visible escapes', () => {
  assert.equal(visibleText('evil\u202Etxt.exe'), 'evil⟨U+202E⟩txt.exe');
  assert.equal(visibleText('\u2066a\u2069\u200F\u200E\u061C'), '⟨U+2066⟩a⟨U+2069⟩⟨U+200F⟩⟨U+200E⟩⟨U+061C⟩');
  assert.equal(hasHiddenCharacters('x\u202Dy'), true);
});

test('controls show as their usual escapes or code points', () => {
  assert.equal(visibleText('a\tb\nc\rd\u0000e\u001bf\u007f\u0085'), 'a\\tb\\nc\\rd\\0e\\ef⟨U+007F⟩⟨U+0085⟩');
});

test('invisible characters used to fake names are shown', () => {
  assert.equal(
    visibleText('\u200Bfire\u200Dfox\uFEFF\u00AD\u3164'),
    '⟨U+200B⟩fire⟨U+200D⟩fox⟨U+FEFF⟩⟨U+00AD⟩⟨U+3164⟩',
  );
  assert.equal(visibleText('a\u2028b\u2029c'), 'a⟨U+2028⟩b⟨U+2029⟩c');
  assert.equal(visibleText('tag\u{E0041}'), 'tag⟨U+E0041⟩');
});

test('unpaired surrogates are shown, real pairs (emoji, CJK, RTL letters) are kept', () => {
  assert.equal(visibleText('a\uD800b\uDC00c'), 'a⟨U+D800⟩b⟨U+DC00⟩c');
  const fine = 'café 😀 北京 مرحبا שלום';
  assert.equal(visibleText(fine), fine);
});

test('pieces alternate plain text and escapes, in order, and join back to visibleText', () => {
  const text = '<b>\u202Eexe\u0000';
  const pieces = visiblePieces(text);
  assert.deepEqual(pieces, [
    { text: '<b>', escaped: false },
    { text: '⟨U+202E⟩', escaped: true },
    { text: 'exe', escaped: false },
    { text: '\\0', escaped: true },
  ]);
  assert.equal(pieces.map((p) => p.text).join(''), visibleText(text));
  // The pattern is global: calling twice gives the same answer (no leftover lastIndex).
  assert.deepEqual(visiblePieces(text), pieces);
  assert.equal(hasHiddenCharacters(text), hasHiddenCharacters(text));
});
