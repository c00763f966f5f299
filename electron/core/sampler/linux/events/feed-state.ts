// The feed's state as status shows it: on, or off with the reason, and the events dropped so far.
// A change of state is told once per distinct reason, so a feed that keeps dying says so once.
import type { EventFeedStatus } from '../../../../../shared/model';

export class FeedState {
  private state: 'on' | 'off' = 'off';
  private reason: string | null = 'bpftrace is still starting';
  private told = new Set<string>();
  /** Someone was told it is still starting (a start line): say when it comes on. */
  private late = false;
  drops = 0;

  constructor(private readonly tell: (message: string) => void) {}

  on(): void {
    if (this.state === 'on') return;
    const wasDown = this.told.size > 0;
    this.state = 'on';
    this.reason = null;
    if (wasDown) this.once('kernel events on again');
    else if (this.late) this.once('kernel events on');
  }

  /** The start line went out before the feed was on. */
  toldStarting(): void {
    if (this.state === 'off' && this.told.size === 0) this.late = true;
  }

  off(reason: string): void {
    const changed = this.state !== 'off' || this.reason !== reason;
    this.state = 'off';
    this.reason = reason;
    if (changed) this.once(`kernel events off: ${reason}`);
  }

  get status(): EventFeedStatus {
    return { state: this.state, reason: this.reason, drops: this.drops };
  }

  private once(message: string): void {
    if (this.told.has(message) || this.told.size >= 32) return;
    this.told.add(message);
    this.tell(message);
  }
}
