// What the CLI's reading and rule commands call: the contract's methods, answered by the system
// collector when its socket answers, else by this user's history database in-process (read
// beside a running recorder; writes are short side writes). Commands see one API either way.
import type { ContractHandlers } from '../../shared/contract';
import { AlertRepository } from '../core/alerts/alert-repository';
import { normalizeRuleValue } from '../core/alerts/rule-value';
import { readReportContents } from '../core/report/report-contents';
import { connectCollector } from '../core/collector/core-or-collector';
import { resolveDbPath } from '../core/store/data-paths';
import { openSideWriter } from '../core/store/open-side-writer';
import { openStore } from '../core/store/open-store';
import type { Store } from '../core/store/store';
import type { CliIo } from './cli-command';

export interface ReadingApi {
  history: Pick<ContractHandlers['history'], 'query'>;
  programs: Pick<ContractHandlers['programs'], 'list'>;
  alerts: Pick<ContractHandlers['alerts'], 'list' | 'ack' | 'ackAll'>;
  rules: Pick<ContractHandlers['rules'], 'list' | 'add' | 'remove'>;
  reports: Pick<ContractHandlers['reports'], 'summary'>;
}

export interface ReadingSource {
  readonly api: ReadingApi;
  /** 'collector' when the system collector answers the calls. */
  readonly via: 'collector' | 'local';
  close(): Promise<void>;
}

function localApi(dbPath: string, store: () => Store): ReadingApi {
  const write = <T>(work: (alerts: AlertRepository) => T): T => {
    const writer = openSideWriter(dbPath);
    try {
      return work(new AlertRepository(writer.db));
    } finally {
      writer.close();
    }
  };
  return {
    history: {
      query: async ({ filter, cursor, limit }) => store().history(filter, cursor ?? null, limit ?? 100),
    },
    programs: { list: async () => store().programs() },
    alerts: {
      list: async ({ all, limit }) => new AlertRepository(store().db).list(all ?? false, limit),
      ack: async ({ id }) => write((alerts) => alerts.ack(id, Date.now())),
      ackAll: async () => write((alerts) => alerts.ackAll(Date.now())),
    },
    rules: {
      list: async () => new AlertRepository(store().db).rules(),
      add: async ({ kind, value, note }) =>
        write(
          (alerts) => alerts.addRule(kind, normalizeRuleValue(kind, value), note ?? null, Date.now()).rule,
        ),
      remove: async ({ id }) => write((alerts) => alerts.removeRule(id)),
    },
    reports: { summary: async ({ filter }) => readReportContents(store(), filter) },
  };
}

export async function openReadingSource(
  io: Pick<CliIo, 'err' | 'env'>,
  dbFlag?: string,
): Promise<ReadingSource> {
  const collector = await connectCollector(io.env, (m) => io.err(`netwatch: ${m}\n`), dbFlag);
  if (collector) return { api: collector.handlers, via: 'collector', close: () => collector.close() };
  const dbPath = resolveDbPath({ flag: dbFlag, env: io.env });
  // Opened on first read, so a write-only command never opens a reader beside its side writer.
  let store: Store | null = null;
  const reader = (): Store => (store ??= openStore({ path: dbPath, readonly: true }));
  return {
    api: localApi(dbPath, reader),
    via: 'local',
    close: async () => store?.close(),
  };
}
