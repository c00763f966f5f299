// A program's trust state in one word: trusted (a rule says so), known (seen on the first run),
// or new (neither: alerts fire for it).
import type { ProgramRecord } from '../../../shared/model';

export function trustState(
  p: Pick<ProgramRecord, 'trusted' | 'baseline'>,
): 'trusted' | 'baseline' | 'unknown' {
  return p.trusted ? 'trusted' : p.baseline ? 'baseline' : 'unknown';
}

const words = { trusted: 'Trusted', baseline: 'Known', unknown: 'New' } as const;
const hints = {
  trusted: 'A trust rule covers this program: it raises no new-program alerts.',
  baseline: 'Running when netwatch first started: recorded as known, not alerted.',
  unknown: 'Neither trusted nor known from the first run.',
} as const;

export function TrustBadge({ program }: { program: Pick<ProgramRecord, 'trusted' | 'baseline'> }) {
  const state = trustState(program);
  return (
    <span className={`trust trust-${state}`} title={hints[state]}>
      {words[state]}
    </span>
  );
}
