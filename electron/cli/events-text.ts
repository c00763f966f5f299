// The start line's word on kernel events: on, or off with the reason (polling alone then).
import type { EventFeedStatus } from '../../shared/model';
import { terminalText } from './terminal-text';

export function eventsText(events: EventFeedStatus | null): string {
  if (events === null) return 'kernel events off, polling alone';
  if (events.state === 'on') return 'kernel events on';
  return `kernel events off (${terminalText(events.reason ?? 'unknown reason')}), polling alone`;
}
