// `netwatch trust PATH`, `netwatch ignore ADDRESS|CIDR|ASN|PORT` and `netwatch mute KIND [PROGRAM]`: add a rule to the history database
// (also while a recorder runs: a short write beside it, picked up at its next tick). The value is
// checked as the app checks it; a bad one is a usage error. Adding a rule acknowledges the open
// alerts it covers.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RuleKind } from '../../../shared/model';
import { normalizeRuleValue, RuleValueError } from '../../core/alerts/rule-value';
import { openReadingSource } from '../reading-api';
import { EXIT, UsageError, type CliCommand } from '../cli-command';
import { terminalText } from '../../../shared/terminal-text';

interface RuleCommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** Arguments taken at most (one at least). */
  maxArguments?: number;
  /** The rule kind and raw value for the arguments given. */
  ruleOf(argument: string, more: string[]): { kind: RuleKind; value: string };
}

function ruleCommand(spec: RuleCommandSpec): CliCommand {
  const help = `netwatch ${spec.name} --help`;
  return {
    name: spec.name,
    summary: spec.summary,
    async run(args, io) {
      let values: { note?: string; db?: string; help?: boolean };
      let positionals: string[];
      try {
        ({ values, positionals } = parseArgs({
          args,
          options: {
            note: { type: 'string' },
            db: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
          strict: true,
          allowPositionals: true,
        }));
      } catch (error) {
        throw new UsageError(`${spec.name}: ${error instanceof Error ? error.message : String(error)}`, help);
      }
      if (values.help) {
        io.out(spec.usage);
        return EXIT.ok;
      }
      const most = spec.maxArguments ?? 1;
      if (positionals.length < 1 || positionals.length > most)
        throw new UsageError(
          `${spec.name}: expected ${most === 1 ? 'one value' : `1 to ${most} values`}`,
          help,
        );
      const { kind, value: raw } = spec.ruleOf(positionals[0]!, positionals.slice(1));
      let value: string;
      try {
        value = normalizeRuleValue(kind, raw);
      } catch (error) {
        if (error instanceof RuleValueError) throw new UsageError(`${spec.name}: ${error.message}`, help);
        throw error;
      }
      if (values.note !== undefined && values.note.length > 1000) {
        throw new UsageError(`${spec.name}: --note: at most 1000 characters`, help);
      }
      const source = await openReadingSource(io, values.db);
      try {
        const rule = await source.api.rules.add({ kind, value, note: values.note });
        io.out(`rule #${rule.id}: ${rule.kind} ${terminalText(rule.value)}\n`);
        return EXIT.ok;
      } finally {
        await source.close();
      }
    },
  };
}

/** The path the kernel would report for a program: absolute, links resolved where it exists. */
function executablePath(argument: string): string {
  if (argument.includes('\0')) return argument; // refused by the rule check, with its message
  const absolute = path.resolve(argument);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

export const trustCommand = ruleCommand({
  name: 'trust',
  summary: 'trust a program by its executable path: no new-program or listener alerts for it',
  usage: `usage: netwatch trust EXE-PATH [--note TEXT] [--db PATH]

Adds a rule: the program at EXE-PATH raises no new-program or new-listener alerts, and its
open alerts are acknowledged. A binary that changes at that path is still alerted.

  --note TEXT   why (shown with the rule)
  --db PATH     history database (default: the per-user data folder; NETWATCH_DB overrides)
`,
  ruleOf: (argument) => ({ kind: 'trust-program', value: executablePath(argument) }),
});

export const ignoreCommand = ruleCommand({
  name: 'ignore',
  summary: 'ignore a remote address, a CIDR network, an AS or a port in alerts',
  usage: `usage: netwatch ignore ADDRESS|CIDR|ASN|PORT [--note TEXT] [--db PATH]

Adds a rule: connections to ADDRESS (203.0.113.7, 2001:db8::1), to a network (10.0.0.0/8,
2001:db8::/32), to an AS (AS15169: every address the shipped data puts in it) or on a PORT
(5353) raise no alerts, and open alerts they cover are acknowledged.

  --note TEXT   why (shown with the rule)
  --db PATH     history database (default: the per-user data folder; NETWATCH_DB overrides)
`,
  ruleOf: (argument) => ({
    kind: /^\d+$/.test(argument) ? 'ignore-port' : /^as\d+$/i.test(argument) ? 'ignore-as' : 'ignore-address',
    value: argument,
  }),
});

export const muteCommand = ruleCommand({
  name: 'mute',
  summary:
    'mute a kind of alert (new-program, changed-program, new-listener, flood-remote, syn-flood, traffic-volume), everywhere or for one program',
  usage: `usage: netwatch mute KIND [EXE-PATH] [--note TEXT] [--db PATH]

Adds a rule: no more alerts of KIND (with EXE-PATH: about that program only), and its open
ones are acknowledged. KIND is one of new-program, changed-program, new-listener, flood-remote,
syn-flood, traffic-volume (a program sent more than the threshold within the window; Settings).
\`netwatch mute traffic-volume /usr/bin/rsync\` keeps the backup quiet.
\`netwatch rules --remove ID\` takes it back.

  --note TEXT   why (shown with the rule)
  --db PATH     history database (default: the per-user data folder; NETWATCH_DB overrides)
`,
  maxArguments: 2,
  ruleOf: (argument, [exe]) => ({
    kind: 'mute-kind',
    value: exe === undefined ? argument : `${argument} ${executablePath(exe)}`,
  }),
});
