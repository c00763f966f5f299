// The bpftrace program behind asked names: a uprobe on the C library's getaddrinfo keeps the name
// and the result pointer per thread; the uretprobe prints the name and every address it returned.
// Lines (all numbers decimal unless hex is said):
//   Q <tid> <pid> <start ticks of the process> <monotonic ns> <return code> <name as %r>
//   A4 <tid> <address as the u32 word in memory, hex>
//   A6 <tid> <four u32 words of the address in memory, hex>
//   E <tid>
// The name is last on its line: it is whatever the program passed, and may hold spaces or newlines,
// so it is printed with %r (bytes outside printable ASCII as \xNN, then the NUL padding as \x00):
// a name with a newline in it cannot forge a line for another process.
import fs from 'node:fs';

/** At most this many addresses of one answer are printed (the verifier needs a bound). */
export const MAX_ADDRESSES_PER_ANSWER = 16;

/** Longest name bpftrace copies (its own ceiling for BPFTRACE_STRLEN); longer names are cut. */
export const MAX_NAME_BYTES = 200;

/** Printed once every probe is attached (bpftrace runs BEGIN after attaching). */
export const READY_LINE = 'READY';

const LIBC_CANDIDATES = [
  '/lib/x86_64-linux-gnu/libc.so.6',
  '/usr/lib/x86_64-linux-gnu/libc.so.6',
  '/lib/aarch64-linux-gnu/libc.so.6',
  '/usr/lib/aarch64-linux-gnu/libc.so.6',
  '/lib64/libc.so.6',
  '/usr/lib64/libc.so.6',
  '/lib/libc.so.6',
];

/** The C library programs load getaddrinfo from; null when none of the usual paths exists. */
export function findLibc(exists: (path: string) => boolean = fs.existsSync): string | null {
  return LIBC_CANDIDATES.find((p) => exists(p)) ?? null;
}

/** The program text for bpftrace; the library path is one of ours, never a process's text. */
export function getaddrinfoProgram(libcPath: string): string {
  if (!/^\/[\w./+-]+$/.test(libcPath)) throw new Error(`not a library path: ${JSON.stringify(libcPath)}`);
  const probe = `${libcPath}:getaddrinfo`;
  // struct addrinfo (glibc, LP64): ai_family at 4, ai_addr at 24, ai_next at 40;
  // sockaddr_in's address at 4, sockaddr_in6's at 8.
  return `
BEGIN
{
  printf("${READY_LINE}\\n");
}

uprobe:${probe}
{
  @gai_name[tid] = arg0;
  @gai_res[tid] = arg3;
  @gai_at[tid] = nsecs;
}

uretprobe:${probe}
/@gai_res[tid]/
{
  $name = str(@gai_name[tid]);
  printf("Q %d %d %llu %llu %d %r\\n", tid, pid, curtask->group_leader->start_boottime / 10000000,
    @gai_at[tid], retval, buf($name, ${MAX_NAME_BYTES}));
  if (retval == 0) {
    $ai = *(uint64 *)uptr(@gai_res[tid]);
    $i = 0;
    while ($i < ${MAX_ADDRESSES_PER_ANSWER} && $ai != 0) {
      $family = *(int32 *)uptr($ai + 4);
      $sa = *(uint64 *)uptr($ai + 24);
      if ($family == 2) {
        printf("A4 %d %x\\n", tid, *(uint32 *)uptr($sa + 4));
      }
      if ($family == 10) {
        printf("A6 %d %x %x %x %x\\n", tid, *(uint32 *)uptr($sa + 8), *(uint32 *)uptr($sa + 12),
          *(uint32 *)uptr($sa + 16), *(uint32 *)uptr($sa + 20));
      }
      $ai = *(uint64 *)uptr($ai + 40);
      $i++;
    }
  }
  printf("E %d\\n", tid);
  delete(@gai_name[tid]);
  delete(@gai_res[tid]);
  delete(@gai_at[tid]);
}
`;
}
