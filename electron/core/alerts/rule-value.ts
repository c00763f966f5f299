// What a rule's value may be, per kind, and its normal form: an absolute executable path, an IP
// address or CIDR network, a port number, an alert kind (alone, or with the program it is muted
// for: "traffic-volume /usr/bin/rsync"), or an AS number (AS15169). A bad value is refused with a
// message that says what was expected, never stored.
import { alertKindSchema } from '../../../shared/contract';
import type { AlertKind, RuleKind } from '../../../shared/model';
import { parsePrefix } from './ip-prefix';

export class RuleValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleValueError';
  }
}

const MAX_PATH = 4096;

function quoted(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/** Kinds whose alerts name no program (an address, the machine): muted as a whole only. */
const WITHOUT_PROGRAM: ReadonlySet<AlertKind> = new Set(['flood-remote', 'syn-flood']);

/** A mute-kind rule's value as stored: the kind, then the executable path it is muted for, if any. */
export function parseMuteValue(value: string): { kind: string; exe: string | null } {
  const space = value.indexOf(' ');
  return space < 0
    ? { kind: value, exe: null }
    : { kind: value.slice(0, space), exe: value.slice(space + 1) };
}

function muteValue(value: string): string {
  // The kind is one word; whatever follows the spaces after it is a path, kept as written.
  const m = /^\s*(\S*)(?:\s+([^]*))?$/.exec(value)!;
  const parsed = alertKindSchema.safeParse(m[1]);
  if (!parsed.success) {
    throw new RuleValueError(`${quoted(m[1]!)} is not an alert kind (${alertKindSchema.options.join(', ')})`);
  }
  if (m[2] === undefined || m[2] === '') return parsed.data;
  if (WITHOUT_PROGRAM.has(parsed.data)) {
    throw new RuleValueError(`${parsed.data} alerts name no program: mute the kind alone`);
  }
  return `${parsed.data} ${normalizeRuleValue('trust-program', m[2])}`;
}

/** The value in its normal form, or a RuleValueError saying what is wrong with it. */
export function normalizeRuleValue(kind: RuleKind, value: string): string {
  switch (kind) {
    case 'trust-program': {
      if (value.includes('\0')) throw new RuleValueError('an executable path cannot contain a NUL character');
      if (value.length === 0 || value.length > MAX_PATH) {
        throw new RuleValueError(`an executable path is 1 to ${MAX_PATH} characters long`);
      }
      // Paths are compared as the OS reports them: absolute, POSIX or Windows.
      if (!value.startsWith('/') && !/^[A-Za-z]:\\/.test(value)) {
        throw new RuleValueError(`${quoted(value)} is not an absolute executable path`);
      }
      return value;
    }
    case 'ignore-address': {
      const parsed = parsePrefix(value.trim());
      if (!parsed.ok) throw new RuleValueError(parsed.message);
      return parsed.text;
    }
    case 'ignore-port': {
      const text = value.trim();
      const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
      if (!(port >= 0 && port <= 65535)) {
        throw new RuleValueError(`${quoted(value)} is not a port number (0 to 65535)`);
      }
      return String(port);
    }
    case 'ignore-as': {
      const m = /^(?:as)?(\d{1,10})$/i.exec(value.trim());
      const asn = m ? Number(m[1]) : NaN;
      if (!(asn >= 1 && asn <= 4294967295)) {
        throw new RuleValueError(`${quoted(value)} is not an AS number (AS15169, 1 to 4294967295)`);
      }
      return `AS${asn}`;
    }
    case 'mute-kind':
      return muteValue(value);
  }
}
