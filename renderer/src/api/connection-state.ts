// The link between the page and the core, as the interface shows it. `generation` grows each time
// the link (re)opens: everything the page shows is re-queried then, since it never holds the truth.

export type LinkState = 'connecting' | 'open' | 'closed';

export interface ConnectionInfo {
  state: LinkState;
  generation: number;
  /** Why the link is down, in words a person can act on; null while open. */
  problem: string | null;
}

export interface ConnectionSource {
  get(): ConnectionInfo;
  subscribe(listener: () => void): () => void;
}

/** A link that is always open: Electron's IPC through the preload. */
export const alwaysOpen: ConnectionSource = {
  get: (() => {
    const info: ConnectionInfo = { state: 'open', generation: 1, problem: null };
    return () => info;
  })(),
  subscribe: () => () => undefined,
};
