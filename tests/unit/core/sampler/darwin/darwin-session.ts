// The recorded macOS session every darwin test and the contract suite replay: which fixture answers
// which command line of the darwin backend.
import {
  LSOF_ARGS,
  NETSTAT_INTERFACE_ARGS,
  NETSTAT_ROUTE_ARGS,
  NETSTAT_STATISTICS_ARGS,
  NETSTAT_TCP_ARGS,
  NETSTAT_UDP_ARGS,
} from '../../../../../electron/core/sampler/darwin/darwin-sampler';
import { IFCONFIG_LIST_ARGS } from '../../../../../electron/core/sampler/darwin/interface-names';
import { PS_COMMAND_ARGS, PS_IDENTITY_ARGS } from '../../../../../electron/core/sampler/darwin/owner-lookup';
import { readRecording, stripLinePrefix } from '../contract/recorded-output';

export const commandLine = (file: string, args: readonly string[]): string => [file, ...args].join(' ');

export const DARWIN = {
  lsof: commandLine('lsof', LSOF_ARGS),
  netstatTcp: commandLine('netstat', NETSTAT_TCP_ARGS),
  netstatUdp: commandLine('netstat', NETSTAT_UDP_ARGS),
  netstatInterfaces: commandLine('netstat', NETSTAT_INTERFACE_ARGS),
  netstatRoutes: commandLine('netstat', NETSTAT_ROUTE_ARGS),
  netstatStatistics: commandLine('netstat', NETSTAT_STATISTICS_ARGS),
  psIdentities: commandLine('ps', PS_IDENTITY_ARGS),
  psCommands: commandLine('ps', PS_COMMAND_ARGS),
  ifconfigList: commandLine('ifconfig', IFCONFIG_LIST_ARGS),
} as const;

/** netstat -s as captured: lines found inside a Ruby comment, '#' and four spaces before each. */
export function recordedNetstatStatistics(): string {
  return stripLinePrefix(readRecording('darwin/netstat-s-p-tcp.txt'), /^# {4}/);
}

export function darwinSessionRecordings(): Record<string, string> {
  return {
    [DARWIN.lsof]: readRecording('darwin/lsof-F-session.txt'),
    [DARWIN.netstatTcp]: readRecording('darwin/netstat-anW-p-tcp-session.txt'),
    [DARWIN.netstatUdp]: readRecording('darwin/netstat-anW-p-udp-session.txt'),
    [DARWIN.netstatInterfaces]: readRecording('darwin/netstat-ib.txt'),
    [DARWIN.netstatRoutes]: readRecording('darwin/netstat-rnl.txt'),
    [DARWIN.netstatStatistics]: recordedNetstatStatistics(),
    [DARWIN.psIdentities]: readRecording('darwin/ps-identities-session.txt'),
    [DARWIN.psCommands]: readRecording('darwin/ps-commands-session.txt'),
    [DARWIN.ifconfigList]: readRecording('darwin/ifconfig-l-session.txt'),
  };
}
