// Runs one OS command through the CommandRunner seam and turns every way it can go wrong into one
// clear Error that names the command and the first line the command said about it.
import type { CommandRunner } from './seams';

export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    readonly detail: string,
  ) {
    super(`${command} failed: ${detail}`);
    this.name = 'CommandFailedError';
  }
}

export interface CheckedRunOptions {
  timeoutMs?: number;
  /** Exit codes that still mean "here is the output" (lsof exits 1 when nothing matched). */
  okCodes?: readonly number[];
  /** With a non-zero ok code, stderr must be empty for the output to count (lsof: 1 = no match). */
  okCodesNeedQuietStderr?: boolean;
}

function firstLine(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed) return trimmed.length > 300 ? `${trimmed.slice(0, 300)}...` : trimmed;
  }
  return '';
}

/** The command's stdout, or a CommandFailedError. */
export async function runChecked(
  run: CommandRunner,
  file: string,
  args: readonly string[],
  options: CheckedRunOptions = {},
): Promise<string> {
  const command = [file, ...args].join(' ');
  let result;
  try {
    result = await run(
      file,
      [...args],
      options.timeoutMs === undefined ? undefined : { timeoutMs: options.timeoutMs },
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT')
      throw new CommandFailedError(command, `${file} was not found (is it installed and on PATH?)`);
    const message = error instanceof Error ? error.message : String(error);
    throw new CommandFailedError(command, `could not be started: ${firstLine(message) || 'unknown reason'}`);
  }
  const okCodes = options.okCodes ?? [0];
  if (result.code === 0) return result.stdout;
  if (result.code !== null && okCodes.includes(result.code)) {
    if (!options.okCodesNeedQuietStderr || firstLine(result.stderr) === '') return result.stdout;
  }
  const said = firstLine(result.stderr);
  const exit = result.code === null ? 'no exit code' : `exit code ${result.code}`;
  throw new CommandFailedError(command, said ? `${said} (${exit})` : exit);
}

/** A command ran but printed something this parser does not recognise (a new OS version, a cut-off run). */
export class UnrecognizedOutputError extends Error {
  constructor(
    readonly command: string,
    output: string,
  ) {
    const first = firstLine(output);
    super(
      `${command}: output not recognised${first ? ` (it starts with "${first.slice(0, 80)}")` : ' (it was empty)'}`,
    );
    this.name = 'UnrecognizedOutputError';
  }
}
