// The main thread's side of the core: starts service-worker in a worker thread and offers it as a
// CoreService, forwarding calls and events over the worker's port. The Electron main process and
// `netwatch serve` use startCore(); the main thread never samples or touches SQLite.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { listMethods, type ContractHandlers, type EventName, type EventPayload } from '../../shared/contract';
import type { CoreEventListener, CoreOptions, CoreService } from './core-service';
import { parseWorkerMessage, type HostMessage, type WorkerStartData } from './service-protocol';

export interface StartCoreOptions extends CoreOptions {
  /** The worker's entry: service-worker.cjs beside the bundle, or the .ts file under tsx. */
  workerPath?: string;
  /** Messages a person should read; default stderr. */
  onNotice?: (message: string) => void;
  /** How long close() waits for the worker to finish its last write before terminating it. */
  closeTimeoutMs?: number;
}

export function defaultWorkerPath(dir: string = __dirname): string {
  const candidates = [path.join(dir, 'service-worker.cjs'), path.join(dir, 'service-worker.ts')];
  return candidates.find((file) => existsSync(file)) ?? candidates[0]!;
}

export function startCore(options: StartCoreOptions = {}): Promise<CoreService> {
  const { workerPath = defaultWorkerPath(), onNotice, closeTimeoutMs = 10_000, notify, ...rest } = options;
  const data: WorkerStartData = { options: rest, notify: notify !== undefined };
  const worker = workerPath.endsWith('.ts')
    ? // Under tsx (tests, development) the worker runs the TypeScript source through tsx's require
      // hook; Node 20 does not apply `--import tsx` to a worker's entry.
      new Worker(`require('tsx/cjs'); require(${JSON.stringify(workerPath)});`, {
        eval: true,
        workerData: data,
      })
    : new Worker(workerPath, { workerData: data });
  const notice = onNotice ?? ((m: string) => process.stderr.write(`netwatch: ${m}\n`));
  const listeners = new Set<CoreEventListener>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited = false;
  let closed: (() => void) | null = null;

  const post = (message: HostMessage): void => worker.postMessage(message);
  const failAll = (reason: string): void => {
    for (const p of pending.values()) p.reject(new Error(reason));
    pending.clear();
  };

  return new Promise<CoreService>((resolveStart, rejectStart) => {
    let started = false;
    worker.on('message', (raw: unknown) => {
      const message = parseWorkerMessage(raw);
      if (!message) return;
      switch (message.type) {
        case 'ready':
          started = true;
          resolveStart(core);
          return;
        case 'failed':
          rejectStart(new Error(message.message));
          return;
        case 'result': {
          const call = pending.get(message.id);
          if (!call) return;
          pending.delete(message.id);
          if (message.ok) call.resolve(message.value);
          else call.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
          return;
        }
        case 'event':
          for (const listener of listeners) {
            // Event names come from our own worker; the listener narrows by name.
            listener(message.name as EventName, message.payload as EventPayload<EventName>);
          }
          return;
        case 'notify':
          notify?.(message.message);
          return;
        case 'notice':
          notice(message.message);
          return;
        case 'closed':
          closed?.();
          return;
      }
    });
    worker.on('error', (error) => {
      if (!started) rejectStart(error);
      else notice(`the core stopped: ${error.message}`);
    });
    worker.on('exit', (code) => {
      exited = true;
      failAll(`the core has stopped (exit code ${code})`);
      if (!started) rejectStart(new Error(`the core could not start (exit code ${code})`));
      closed?.();
    });

    const call = (service: string, method: string, input: unknown): Promise<unknown> => {
      if (exited) return Promise.reject(new Error('the core has stopped'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'call', id, service, method, input });
      });
    };
    const handlers: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
    for (const [service, method] of listMethods()) {
      (handlers[service] ??= {})[method] = (input) => call(service, method, input);
    }
    let closing: Promise<void> | null = null;
    const core: CoreService = {
      // Built from the contract's own method list, so every ContractHandlers member is present.
      handlers: handlers as unknown as ContractHandlers,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: () =>
        (closing ??= new Promise<void>((resolve) => {
          if (exited) return resolve();
          const timer = setTimeout(() => void worker.terminate(), closeTimeoutMs);
          closed = () => {
            clearTimeout(timer);
            listeners.clear();
            resolve();
          };
          post({ type: 'close' });
        })),
    };
  });
}
