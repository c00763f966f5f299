// Reads a recorded command output from tests/fixtures/: the first line names where it came from
// ("# source: ..." for a real capture, "# adapted: ..." for one built from documented real formats)
// and is not part of the output.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const fixturesRoot = path.resolve(__dirname, '../../../../fixtures');

export function readRecording(relativePath: string): string {
  const text = readFileSync(path.join(fixturesRoot, relativePath), 'utf8');
  const newline = text.indexOf('\n');
  const first = newline < 0 ? text : text.slice(0, newline);
  if (!/^# (source|adapted):/.test(first))
    throw new Error(`${relativePath}: first line must name its source`);
  return newline < 0 ? '' : text.slice(newline + 1);
}

/** The header line itself, for tests that check provenance is stated. */
export function recordingHeader(relativePath: string): string {
  const text = readFileSync(path.join(fixturesRoot, relativePath), 'utf8');
  return text.split('\n', 1)[0] ?? '';
}

/** Captures found inside source code carry its indentation on every line (see the fixture header). */
export function stripLinePrefix(text: string, prefix: RegExp): string {
  return text
    .split('\n')
    .map((line) => line.replace(prefix, ''))
    .join('\n');
}
