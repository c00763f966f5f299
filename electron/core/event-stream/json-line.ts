// One document as one JSON line that is safe to read in a terminal too: JSON.stringify already
// escapes quotes, newlines and C0 controls (terminal escapes), and lone surrogates; this also
// escapes C1 controls (U+0080-U+009F, which some terminals obey), bidi controls that reorder
// what a person reads, and U+2028/U+2029. JSON.parse gives every string back exactly.
const UNSAFE = /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
