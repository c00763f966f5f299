// Network: what sysadmins ask netstat by hand during an attack, answered live (top remote
// addresses, top talkers by traffic, connections per state, SYN_RECV over time with the flood thresholds), then the
// interface, routing and protocol tables (netstat -i, -r, -s).
import { useSettings } from '../../store/settings-provider';
import { InterfacesPanel } from './interfaces-panel';
import { ProtocolStatsPanel } from './protocol-stats-panel';
import { RoutesPanel } from './routes-panel';
import { StatesPanel, SynRecvPanel } from './state-panels';
import { TopRemotesPanel } from './top-remotes-panel';
import { TopTalkersPanel } from './top-talkers-panel';

export function NetworkView() {
  const { settings } = useSettings();
  return (
    <section className="view" aria-label="Network">
      <div className="view-scroll">
        <div className="grid-2">
          <TopRemotesPanel threshold={settings?.floodRemoteThreshold ?? null} />
          <div className="stack">
            <StatesPanel />
            <SynRecvPanel threshold={settings?.synRecvThreshold ?? null} />
          </div>
        </div>
        <TopTalkersPanel />
        <InterfacesPanel />
        <RoutesPanel />
        <ProtocolStatsPanel />
      </div>
    </section>
  );
}
