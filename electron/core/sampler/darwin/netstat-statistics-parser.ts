// Parses macOS `netstat -s` into ProtocolStats. BSD prints sentences, not key/value pairs:
//   tcp:
//   	6878757 packets sent
//   		1509288 data packets (741004496 bytes)
//   	Input histogram:
//   		echo reply: 12
// A counter's key is its sentence without the numbers ("data packets (bytes)"), prefixed by the
// line it is indented under ("packets sent / data packets (bytes)"); a second number in the same
// sentence gets its own key named by the word after it ("... [bytes]") when it stands in
// parentheses; a number elsewhere is part of the label ("timer drift less or equal to 10 ms",
// "time LRO coalesced 2 packets"), so each bucket keeps its own key. Groups are the section
// names capitalised like Linux's (tcp -> Tcp, ip6 -> Ip6). A line that holds a number yet reads as
// no sentence is counted, so the caller can say so.
import type { ProtocolStats } from '../../../../shared/model';

function groupName(section: string): string {
  return section.charAt(0).toUpperCase() + section.slice(1);
}

function depthOf(line: string): number {
  const lead = /^[\t ]*/.exec(line)?.[0] ?? '';
  let depth = 0;
  let spaces = 0;
  for (const ch of lead) {
    if (ch === '\t') depth++;
    else spaces++;
  }
  return depth + Math.floor(spaces / 4);
}

interface Sentence {
  key: string;
  values: Array<{ suffix: string; value: number }>;
}

/** "1509288 data packets (741004496 bytes)" -> key "data packets (bytes)", values 1509288 and [bytes]. */
function readSentence(text: string): Sentence | null {
  let first: number;
  let rest: string;
  const leading = /^(\d+)\s+(.*)$/.exec(text);
  // "echo reply: 12", and macOS ip6's per-interface "lo0= 1268".
  const trailing = /^(.*?)[:=]\s*(\d+)$/.exec(text);
  if (leading) {
    first = Number(leading[1]);
    rest = leading[2] ?? '';
  } else if (trailing) {
    first = Number(trailing[2]);
    rest = trailing[1] ?? '';
  } else return null;
  const values = [{ suffix: '', value: first }];
  // Only a number inside parentheses is a second counter: "(741004496 bytes)", "(0 delayed)".
  const counted = /\(([^()]*?)\b(\d+)\b\s*([A-Za-z-]*)([^()]*)\)/g;
  for (const m of rest.matchAll(counted)) {
    values.push({ suffix: ` [${m[3] || 'value'}]`, value: Number(m[2]) });
  }
  const key = rest
    .replace(
      counted,
      (_all, before: string, _n: string, word: string, after: string) => `(${before}${word}${after})`,
    )
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/\s+/g, ' ')
    .trim();
  if (key === '' || !values.every((v) => Number.isSafeInteger(v.value))) return null;
  return { key, values };
}

export interface NetstatStatistics {
  stats: ProtocolStats;
  /** Lines holding a number that read as no counter, and the first of them. */
  unread: number;
  firstUnread: string | null;
}

export function readNetstatStatistics(text: string): NetstatStatistics {
  const stats: ProtocolStats = {};
  let unread = 0;
  let firstUnread: string | null = null;
  let group: Record<string, number> | null = null;
  let parents: Array<{ depth: number; key: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const section = /^([A-Za-z][A-Za-z0-9_-]*):\s*$/.exec(line);
    if (section?.[1]) {
      const name = groupName(section[1]);
      group = stats[name] ?? {};
      stats[name] = group;
      parents = [];
      continue;
    }
    if (group === null) continue;
    const depth = depthOf(line);
    const text = line.trim();
    parents = parents.filter((p) => p.depth < depth);
    const parent = parents.at(-1);
    const sentence = readSentence(text);
    const ownKey = sentence ? sentence.key : text.replace(/:$/, '');
    const key = parent ? `${parent.key} / ${ownKey}` : ownKey;
    parents.push({ depth, key });
    if (!sentence) {
      if (/\d/.test(text) && !text.endsWith(':')) {
        unread++;
        firstUnread ??= text;
      }
      continue;
    }
    for (const { suffix, value } of sentence.values) {
      let name = key + suffix;
      for (let n = 2; Object.hasOwn(group, name); n++) name = `${key + suffix} #${n}`;
      if (name !== '__proto__') group[name] = value;
    }
  }
  return { stats, unread, firstUnread };
}
