// Where a connection lives, as the system collector tags it: its network namespace (none: the
// host's) and the container or systemd unit of its owner, "nsname · docker:0123abcd".

export function whereText(c: { netns?: string | null; unit?: string | null }): string | null {
  const parts = [c.netns, c.unit].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(' · ') : null;
}
