// netstat -ano's state column is translated on localized Windows, and arrives in the console's OEM
// code page: German "ABHÖREN" reaches us as "ABH™REN" (cp850 read as cp1252) or with U+FFFD.
// Known words are matched with every non-ASCII run reduced to one "?", so all of those spellings
// meet; a listener is recognised from its numbers whatever the word; any other word gives null,
// never a guess (the caller shows UNKNOWN and reports the word once).

/**
 * Words seen in English and German netstat output, already reduced by `reduce`. French Windows
 * prints the English words (WithSecureLabs/FLAIR's capture: LISTENING under a French header). No
 * real Spanish, Italian, Portuguese or Russian capture was found: their words are not guessed; a
 * listener is still told by its numbers, and any other unknown word is reported once.
 */
const KNOWN: Record<string, string> = {
  LISTENING: 'LISTEN',
  LISTEN: 'LISTEN',
  ESTABLISHED: 'ESTABLISHED',
  SYN_SENT: 'SYN_SENT',
  SYN_RECEIVED: 'SYN_RECV',
  SYN_RCVD: 'SYN_RECV',
  FIN_WAIT_1: 'FIN_WAIT1',
  FIN_WAIT_2: 'FIN_WAIT2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  TIME_WAIT: 'TIME_WAIT',
  CLOSED: 'CLOSE',
  BOUND: 'CLOSE',
  DELETE_TCB: 'CLOSE',
  // German. ABHÖREN, HERGESTELLT, WARTEND, SCHLIESSEN_WARTEN and FIN_WARTEN_2 as a real Windows
  // 8.1 prints them (ChristianRe/CRWinNetDiag's README, tests/fixtures/win32/netstat-ano-de-win81.txt).
  'ABH?REN': 'LISTEN',
  ABHOEREN: 'LISTEN',
  HERGESTELLT: 'ESTABLISHED',
  WARTEND: 'TIME_WAIT',
  SCHLIESSEN_WARTEN: 'CLOSE_WAIT',
  FIN_WARTEN_2: 'FIN_WAIT2',
  SYN_GESENDET: 'SYN_SENT',
};

/** Upper-cased, every run of non-ASCII characters (however mis-decoded) as one "?". */
function reduce(word: string): string {
  return word
    .trim()
    .toUpperCase()
    .replace(/[^\x20-\x7e]+/g, '?');
}

export function localizedStateName(word: string, remote: { address: string; port: number }): string | null {
  const known = KNOWN[reduce(word)];
  if (known) return known;
  // A TCP socket whose remote end is all zeros can only be listening.
  if (remote.port === 0 && (remote.address === '0.0.0.0' || remote.address === '::')) return 'LISTEN';
  return null;
}
