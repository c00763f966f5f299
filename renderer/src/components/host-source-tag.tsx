// Says where a host name came from, so a name the program asked for and the reverse DNS of a
// CDN's machine are never confused: reverse DNS gets a muted "reverse" tag, an asked name none.
import type { HostSource } from '../../../shared/model';

const REVERSE_HINT =
  'Reverse DNS of the address (or the hosts file): not the name the program asked for. ' +
  'With kernel events on, netwatch shows the name the program looked up instead.';

export function HostSourceTag({ host, source }: { host: string | null; source?: HostSource | null }) {
  if (host === null || host === '' || source === 'asked') return null;
  return (
    <span className="host-tag" title={REVERSE_HINT} data-testid="host-reverse">
      reverse
    </span>
  );
}
