// Text from processes and DNS shown in native menus and notifications: one line, bounded, and
// with '&' doubled so Windows does not read it as a menu accelerator.

export function oneLine(text: string, max: number): string {
  const line = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function menuLabel(text: string, max = 60): string {
  return oneLine(text, max).replace(/&/g, '&&');
}
