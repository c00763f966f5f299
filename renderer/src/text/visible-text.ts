// Makes untrusted text (process names, command lines, paths, host names) safe to read: control,
// bidirectional, invisible and unpaired-surrogate characters become visible escapes like ⟨U+202E⟩,
// so nothing can reorder, hide or fake what a person sees. Text only: never HTML.

/** A run of text: plain, or one escaped character shown as its code point. */
export interface TextPiece {
  text: string;
  escaped: boolean;
}

/**
 * Controls (C0, DEL, C1), format characters (bidi marks, embeddings, overrides and isolates,
 * zero-width characters, soft hyphen, BOM, tags), line and paragraph separators, unpaired
 * surrogates, and the invisible Hangul and Khmer fillers used to fake blank names.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]|\u17b4|\u17b5/gu;

/** Names for the escapes people recognise; the rest show their code point. */
const NAMES: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x00: '\\0', 0x1b: '\\e' };

export function escapeOf(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return NAMES[code] ?? `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** True when the text holds anything that would be escaped. */
export function hasHiddenCharacters(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}

/** Splits text into plain runs and escaped characters, in order. */
export function visiblePieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  HIDDEN.lastIndex = 0;
  for (let m = HIDDEN.exec(text); m !== null; m = HIDDEN.exec(text)) {
    if (m.index > last) pieces.push({ text: text.slice(last, m.index), escaped: false });
    pieces.push({ text: escapeOf(m[0]), escaped: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), escaped: false });
  return pieces;
}

/** The whole text as one string with every hidden character escaped (titles, copy, sort keys). */
export function visibleText(text: string): string {
  HIDDEN.lastIndex = 0;
  return text.replace(HIDDEN, escapeOf);
}
