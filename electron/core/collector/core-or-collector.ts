// One choice for every face (the app, serve, the CLI's reading commands): the system collector
// when its socket answers, else this user's own core, as before there was a collector. An
// explicit database (--db, NETWATCH_DB) names a file, so it means the user's own core.
import type { CoreOptions, CoreService } from '../core-service';
import { startCore } from '../service-host';
import {
  CollectorAbsentError,
  CollectorRefusedError,
  connectContractClient,
  type ContractClient,
} from '../../transport/unix-socket-client';
import { collectorAsCore, type CollectorCore } from './collector-as-core';
import { collectorPaths } from './collector-paths';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The collector's client, or null when none answers. A collector that refuses this user is said
 * once through `notice`, and the caller goes on with its own core.
 */
export async function connectCollector(
  env: Env,
  notice: (message: string) => void,
  dbPath?: string,
): Promise<ContractClient | null> {
  if (dbPath || env.NETWATCH_DB || env.NETWATCH_NO_COLLECTOR === '1') return null;
  const { socketPath, group } = collectorPaths({}, env);
  try {
    return await connectContractClient(socketPath, { group, connectTimeoutMs: 1500 });
  } catch (error) {
    if (error instanceof CollectorRefusedError) {
      notice(`${error.message}; using this user's own core instead`);
      return null;
    }
    if (error instanceof CollectorAbsentError) return null;
    throw error;
  }
}

export const isCollectorCore = (core: CoreService): core is CollectorCore => 'onReconnected' in core;

export async function startCoreOrCollector(
  options: CoreOptions & { onNotice: (message: string) => void },
  env: Env = process.env,
): Promise<CoreService> {
  const client = await connectCollector(env, options.onNotice, options.dbPath);
  if (!client) return startCore(options);
  options.onNotice(`using the system collector at ${client.socketPath}`);
  return collectorAsCore(client, options.onNotice);
}
