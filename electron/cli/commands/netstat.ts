// The default command: a netstat-compatible listing of sockets (or -r routes, -s counters,
// -i interfaces), once or every interval, as a table or --json, from the platform's sampler.
import type { SocketRow } from '../../../shared/model';
import { createGeoEnricher, type GeoEnricher } from '../../core/monitor/geo-enricher';
import { NO_GEO, type GeoFields } from '../../core/monitor/live-connection';
import { ReverseDns } from '../../core/resolve/reverse-dns';
import { ServiceNames } from '../../core/resolve/service-names';
import type { Sampler } from '../../core/sampler/sampler';
import { EXIT, type CliCommand, type CliIo } from '../cli-command';
import { formatInterfaceBlocks, formatInterfaceTable } from '../interface-table';
import { parseNetstatArgs, type NetstatOptions } from '../netstat-options';
import { formatProtocolStats } from '../protocol-stats-text';
import { repeatUntilStopped } from '../repeat-until-stopped';
import { formatRouteTables } from '../route-table';
import { filterSockets } from '../socket-filter';
import { formatSocketTable, numericNames, socketJson, type EndpointNames } from '../socket-table';

/** How long a listing waits for host names it does not have yet; the rest show as numbers. */
const NAME_WAIT_MS = 300;

/** Names for a listing: services at once, host names from the cache after a short bounded wait. */
async function namesFor(
  rows: readonly SocketRow[],
  dns: ReverseDns,
  services: ServiceNames,
): Promise<EndpointNames> {
  const addresses = new Set<string>();
  for (const row of rows) {
    addresses.add(row.localAddress);
    addresses.add(row.remoteAddress);
  }
  await dns.resolveWithin(addresses, NAME_WAIT_MS);
  return {
    host: (address) => dns.peek(address) ?? address,
    service: (port, proto) => services.nameOf(port, proto) ?? String(port),
  };
}

interface Namers {
  dns: ReverseDns;
  services: ServiceNames;
}

async function listOnce(
  sampler: Sampler,
  options: NetstatOptions,
  io: CliIo,
  namers: Namers | null,
  geo: GeoEnricher | null,
): Promise<void> {
  switch (options.mode) {
    case 'routes': {
      const routes = await sampler.routes();
      const shown = options.family === null ? routes : routes.filter((r) => r.family === options.family);
      io.out(
        options.json
          ? JSON.stringify(shown) + '\n'
          : formatRouteTables(shown, options.numeric, options.family),
      );
      return;
    }
    case 'statistics': {
      const stats = await sampler.protocolStats();
      io.out(options.json ? JSON.stringify(stats) + '\n' : formatProtocolStats(stats));
      return;
    }
    case 'interfaces': {
      const stats = await sampler.interfaces();
      if (options.json) io.out(JSON.stringify(stats) + '\n');
      else
        io.out(
          options.extend
            ? formatInterfaceBlocks(stats, options.all)
            : formatInterfaceTable(stats, options.all),
        );
      return;
    }
    case 'sockets': {
      const snapshot = await sampler.sample();
      const rows = filterSockets(snapshot.sockets, options);
      if (options.json) {
        const geoOf = (address: string): GeoFields => geo?.geoOf(address) ?? NO_GEO;
        io.out(JSON.stringify(rows.map((row) => socketJson(row, geoOf(row.remoteAddress)))) + '\n');
        return;
      }
      const names = namers === null ? numericNames : await namesFor(rows, namers.dns, namers.services);
      if (io.signal.aborted) return;
      io.out(formatSocketTable(rows, options, names, snapshot.privileged));
      return;
    }
  }
}

export const netstatCommand: CliCommand = {
  name: 'netstat',
  stopsOnSignal: true,
  summary: 'list sockets, routes (-r), counters (-s) or interfaces (-i), like netstat (the default)',
  async run(args, io) {
    const options = parseNetstatArgs(args);
    const sampler = io.createSampler();
    const wantsNames = options.mode === 'sockets' && !options.numeric && !options.json;
    const namers = wantsNames ? { dns: new ReverseDns(), services: new ServiceNames() } : null;
    // country and AS are in the --json objects; the database loads (about 0.7 s) only for them
    const geo =
      options.mode === 'sockets' && options.json
        ? createGeoEnricher(undefined, (m) => io.err(m + '\n'))
        : null;
    try {
      if (options.interval === null) await listOnce(sampler, options, io, namers, geo);
      else
        await repeatUntilStopped(options.interval * 1000, io.signal, () =>
          listOnce(sampler, options, io, namers, geo),
        );
    } finally {
      sampler.close();
      namers?.dns.close();
    }
    return EXIT.ok;
  },
};
