// What the service lends its handler modules and tick stages: the store, the monitor's live view,
// the sampler, settings, the loop's status, and the ways out (events, notifications).
import type { EventName, EventPayload } from '../../shared/contract';
import type { Settings, Status } from '../../shared/model';
import type { Monitor } from './monitor/monitor';
import type { Sampler } from './sampler/sampler';
import type { Store } from './store/store';

export interface ServiceContext {
  readonly store: Store;
  readonly monitor: Monitor;
  readonly sampler: Sampler;
  settings(): Settings;
  /** Persists and applies a settings change (a new interval takes effect at the next tick). */
  updateSettings(patch: Partial<Settings>): Settings;
  status(): Status;
  pause(): Status;
  resume(): Status;
  /** Pushes an event to every subscriber (alerts.onRaised, reports.onProgress, ...). */
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  /** A notification for a person (CoreOptions.notify: stderr in the CLI, native in Electron). */
  notify(message: string): void;
  /** The alert engine's unread count, shown in status (tray badge). Emits status.onChanged. */
  setUnreadAlerts(count: number): void;
  /** Reports a problem once per distinct message (stderr / log), without stopping the loop. */
  report(message: string): void;
}
