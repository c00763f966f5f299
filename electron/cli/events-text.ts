// The start line's word on kernel events: on, or off with the reason (polling alone then), and
// whether the names programs ask for are seen (else host names are reverse DNS).
import type { EventFeedStatus } from '../../shared/model';
import { terminalText } from '../../shared/terminal-text';

function askedText(events: EventFeedStatus): string {
  const asked = events.askedNames;
  if (asked === undefined) return '';
  if (asked.state === 'on') return ', host names as programs asked for them';
  return ` (asked names off: ${terminalText(asked.reason ?? 'unknown reason')})`;
}

export function eventsText(events: EventFeedStatus | null): string {
  if (events === null) return 'kernel events off, polling alone';
  if (events.state === 'on') return `kernel events on${askedText(events)}`;
  return `kernel events off (${terminalText(events.reason ?? 'unknown reason')}), polling alone`;
}
