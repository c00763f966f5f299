// Pushes the core's events to the app's windows on their nw:event: channels. Windows that are
// hidden still receive them: the renderer's view stays current while the app sits in the tray.
import { eventChannel, type EventName, type EventPayload } from '../../shared/contract';
import type { CoreService } from '../core/core-service';

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Subscribes to the core; returns the unsubscribe function. */
export function relayEvents(
  core: Pick<CoreService, 'subscribe'>,
  targets: () => Iterable<EventTarget>,
): () => void {
  return core.subscribe((name, payload) => {
    const channel = eventChannel(name);
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(channel, payload);
    }
  });
}

/** Listens to one event of the core, with its payload typed; returns the unsubscribe function. */
export function onCoreEvent<N extends EventName>(
  core: Pick<CoreService, 'subscribe'>,
  name: N,
  listener: (payload: EventPayload<N>) => void,
): () => void {
  return core.subscribe((event, payload) => {
    // The core's listener is generic over every event; equal names mean equal payload types.
    if ((event as string) === name) listener(payload as EventPayload<N>);
  });
}
