// JSON text that is safe to read in a terminal too: JSON.stringify already escapes quotes,
// newlines and C0 controls (terminal escapes), and lone surrogates; this also escapes C1 controls
// (U+0080-U+009F, which some terminals obey), bidi controls that reorder what a person reads, and
// U+2028/U+2029. JSON.parse gives every string back exactly.
const UNSAFE = /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same set without the global flag: test() keeps no state between calls. */
const HAS_UNSAFE = /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const escapeUnsafe = (text: string): string =>
  HAS_UNSAFE.test(text)
    ? text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;

/** One string as a JSON string literal, quotes included. */
export function jsonString(value: string): string {
  return escapeUnsafe(JSON.stringify(value));
}

/** One document as one JSON line, newline included. */
export function jsonLine(value: unknown): string {
  return `${escapeUnsafe(JSON.stringify(value))}\n`;
}
