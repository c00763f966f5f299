// Names the container or systemd unit a process runs in, from its /proc/<pid>/cgroup text: the
// last path segment that says docker, podman (libpod), systemd-nspawn, a Kubernetes pod, or a
// *.service. Untrusted text (a unit name is chosen by whoever starts it): kept short, as text.

const MAX_NAME = 128;
const short = (id: string) => id.slice(0, 12);

/** "docker:0123456789ab", "podman:…", "nspawn:web", "k8s:pod-uid/0123456789ab", "unit:nginx.service" */
export function cgroupUnit(cgroupText: string): string | null {
  // cgroup v2 is one "0::/path" line; v1 lists controllers: the name=systemd (or any) path will do.
  let cgroupPath = '';
  for (const line of cgroupText.split('\n')) {
    const parts = line.split(':');
    if (parts.length < 3) continue;
    const p = parts.slice(2).join(':');
    if (parts[0] === '0' || parts[1] === 'name=systemd' || !cgroupPath) cgroupPath = p;
    if (parts[0] === '0') break;
  }
  if (!cgroupPath) return null;
  const segments = cgroupPath.split('/').filter(Boolean);
  let pod: string | null = null;
  let tag: string | null = null;
  for (const segment of segments) {
    let m: RegExpMatchArray | null;
    if (
      (m = segment.match(/^kubepods(?:-[a-z]+)?-pod([0-9a-f_-]+)\.slice$/)) ||
      (m = segment.match(/^pod([0-9a-f-]{8,})$/))
    )
      pod = m[1]!.replace(/_/g, '-');
    else if ((m = segment.match(/^(?:docker-|)([0-9a-f]{64})(?:\.scope)?$/)) && segments.includes('docker'))
      tag = `docker:${short(m[1]!)}`;
    else if ((m = segment.match(/^docker-([0-9a-f]{12,64})\.scope$/))) tag = `docker:${short(m[1]!)}`;
    else if ((m = segment.match(/^libpod-(?:conmon-)?([0-9a-f]{12,64})(?:\.scope)?$/)))
      tag = `podman:${short(m[1]!)}`;
    else if ((m = segment.match(/^(?:cri-containerd|crio|containerd)-([0-9a-f]{12,64})\.scope$/)))
      tag = `container:${short(m[1]!)}`;
    else if ((m = segment.match(/^systemd-nspawn@(.+)\.service$/))) tag = `nspawn:${m[1]!}`;
    else if ((m = segment.match(/^machine-(.+)\.scope$/))) tag = `nspawn:${m[1]!.replace(/\\x2d/g, '-')}`;
    else if (/^[^/]+\.service$/.test(segment) && tag === null && !/^user@\d+\.service$/.test(segment))
      tag = `unit:${segment}`;
  }
  if (pod !== null) tag = `k8s:${pod}${tag ? `/${tag.slice(tag.indexOf(':') + 1)}` : ''}`;
  if (tag === null) return null;
  const clean = tag.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > MAX_NAME ? clean.slice(0, MAX_NAME) : clean;
}
