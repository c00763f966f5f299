// Parses Windows `netstat -ano`, the fallback when PowerShell is missing. Rows:
//   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712
//   UDP    [fe80::1%9]:1900       *:*                                    8844
// The title and header lines are translated on localized Windows and are ignored; the state may
// be translated (and be more than one word), so it is everything between the remote end and the
// pid. PID 0 (TIME_WAIT and the like) means no owner.
import type { Family, Proto } from '../../../../shared/model';
import { type Endpoint, parseColonEndpoint } from '../endpoint-text';
import { localizedStateName } from './localized-tcp-state';

export interface NetstatAnoRow {
  proto: Extract<Proto, 'tcp' | 'udp'>;
  family: Family;
  local: Endpoint;
  remote: Endpoint;
  state: string | null;
  pid: number | null;
}

export interface NetstatAnoTable {
  rows: NetstatAnoRow[];
  skipped: number;
  firstSkipped: string | null;
  /** State words no table knows (shown as UNKNOWN): translations to add. */
  unknownStates: Set<string>;
}

export function parseNetstatAno(text: string): NetstatAnoTable {
  const rows: NetstatAnoRow[] = [];
  const unknownStates = new Set<string>();
  let skipped = 0;
  let firstSkipped: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/);
    const protoWord = tokens[0]?.toUpperCase();
    if (protoWord !== 'TCP' && protoWord !== 'UDP') continue;
    const proto = protoWord === 'TCP' ? 'tcp' : 'udp';
    const [, localText = '', remoteText = ''] = tokens;
    const pidText = tokens.at(-1) ?? '';
    const stateWords = tokens.slice(3, -1).join(' ');
    const family: Family = localText.startsWith('[') ? 6 : 4;
    const local = parseColonEndpoint(localText, family);
    const remote = parseColonEndpoint(remoteText, family);
    const pidOk = tokens.length >= 4 && /^\d+$/.test(pidText);
    if (
      !local ||
      !remote ||
      !pidOk ||
      (proto === 'tcp' && stateWords === '') ||
      (proto === 'udp' && tokens.length !== 4)
    ) {
      skipped++;
      firstSkipped ??= line.trim();
      continue;
    }
    const pid = Number(pidText);
    let state: string | null = null;
    if (proto === 'tcp') {
      state = localizedStateName(stateWords, remote);
      if (state === null) {
        unknownStates.add(stateWords);
        state = 'UNKNOWN';
      }
    }
    rows.push({
      proto,
      family,
      local,
      remote,
      state,
      pid: pid === 0 ? null : pid,
    });
  }
  return { rows, skipped, firstSkipped, unknownStates };
}
