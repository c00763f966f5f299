// The main side of the IPC transport: every contract method on its nw: channel, answered only for
// the app's own windows showing the app's own content, with the payload size-checked and then
// validated by the contract's schema. The renderer is untrusted.
import { listMethods, methodChannel, CHANNEL_PREFIX } from '../../shared/contract';
import { MAX_FRAME_BYTES } from '../../shared/wire';
import type { CoreService } from '../core/core-service';
import { dispatchCall, type CallOutcome } from '../transport/contract-dispatch';
import { payloadSize } from './payload-size';

/** What ipcMain.handle's listener gets, as far as the guard looks at it. */
export interface IpcInvokeEvent {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcGuardOptions {
  /** BrowserWindow.fromWebContents(sender) is one of the app's windows. */
  isOwnSender(sender: unknown): boolean;
  /** The frame shows the app's own content (app://netwatch/...). */
  isAppUrl(url: string): boolean;
  /** Largest payload accepted, as JSON bytes; default the WebSocket frame limit. */
  maxPayloadBytes?: number;
  onRefused?(channel: string, reason: string): void;
}

/** The reply on every channel; the preload turns a failure into a rejected promise. */
export type IpcReply = CallOutcome | { ok: false; error: { code: 'forbidden'; message: string } };

/** The qualified method name for a channel, or null for anything that is not a method channel. */
const channelMethods = new Map<string, string>(
  listMethods().map(([service, method]) => [methodChannel(service, method), `${service}.${method}`]),
);

/** Checks who asks and on which channel; null when the call may go on, else the refusal. */
export function refuseSender(
  options: IpcGuardOptions,
  event: IpcInvokeEvent,
  channel: string,
): string | null {
  if (!channel.startsWith(CHANNEL_PREFIX) || !channelMethods.has(channel))
    return `unknown channel ${channel}`;
  if (!options.isOwnSender(event.sender)) return 'sender is not a netwatch window';
  const frame = event.senderFrame;
  if (!frame) return 'sender frame is gone';
  if (frame.parent !== null) return 'sender is a sub-frame';
  if (!options.isAppUrl(frame.url)) return 'sender frame does not show netwatch';
  return null;
}

/** One call from a renderer: guard, size, schema, core. Never throws. */
export async function handleIpcCall(
  options: IpcGuardOptions,
  core: Pick<CoreService, 'handlers'>,
  event: IpcInvokeEvent,
  channel: string,
  payload: unknown,
): Promise<IpcReply> {
  const refusal = refuseSender(options, event, channel);
  if (refusal) {
    options.onRefused?.(channel, refusal);
    return { ok: false, error: { code: 'forbidden', message: refusal } };
  }
  const limit = options.maxPayloadBytes ?? MAX_FRAME_BYTES;
  if (payloadSize(payload, limit) > limit) {
    options.onRefused?.(channel, 'payload too large');
    return { ok: false, error: { code: 'bad-request', message: `payload larger than ${limit} bytes` } };
  }
  return dispatchCall(core.handlers, channelMethods.get(channel), payload);
}

/** The part of ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, payload: unknown) => Promise<IpcReply>): void;
  removeHandler(channel: string): void;
}

/** Registers every method of the contract; returns the function that removes them again. */
export function registerContractHandlers(
  ipcMain: IpcMainLike,
  core: Pick<CoreService, 'handlers'>,
  options: IpcGuardOptions,
): () => void {
  const channels = [...channelMethods.keys()];
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload) => handleIpcCall(options, core, event, channel, payload));
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
