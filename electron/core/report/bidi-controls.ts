// Bidi controls (embeddings, overrides, isolates, marks) reorder the text around them: a program
// named `x\u202efdp.exe` would read as `xexe.pdf` and reverse its whole row. In a report they are
// shown as the escape text `\u202e`, never applied.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
