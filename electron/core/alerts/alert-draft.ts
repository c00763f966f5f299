// An alert as a detector proposes it, before the repository folds it into an open alert of the
// same kind and subject or writes it as a new one.
import type { AlertRecord } from '../../../shared/model';

export type AlertSeverity = AlertRecord['severity'];

export interface AlertDraft extends Omit<
  AlertRecord,
  'id' | 'createdAt' | 'lastAt' | 'count' | 'acknowledged'
> {
  /** What one open alert is kept per, within its kind: a program id, a path, an owner, an address. */
  subject: string;
  at: number;
  /** Occurrences it adds to an open alert of the same kind and subject (0: only refreshes its text). */
  repeats: number;
  /** Folds into an open alert only, never opens one (later connections of a program already alerted). */
  onlyIfOpen: boolean;
  /** Replaces the open alert's details and text with its own (a flood's new peak). */
  refresh: boolean;
}

const rank: Record<AlertSeverity, number> = { low: 0, medium: 1, high: 2 };

export function moreSevere(a: AlertSeverity, b: AlertSeverity): boolean {
  return rank[a] > rank[b];
}
