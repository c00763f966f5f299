// What a process's /proc/<pid>/fd says: the socket inode behind each fd link ("socket:[N]") and,
// on Linux 6.2+, how many fds are open (the size of the directory), each read without throwing.
import fs from 'node:fs';

const SOCKET_PREFIX = 'socket:[';

const PROC_SUPER_MAGIC = 0x9fa0;

/** `dir` is a real procfs (a recorded tree in a test is not: its fd counts mean nothing). */
export function isProcfs(dir: string): boolean {
  try {
    return fs.statfsSync(dir).type === PROC_SUPER_MAGIC;
  } catch {
    return false;
  }
}

/** Open fds of a process as the size of its /proc/<pid>/fd (Linux 6.2+); 0 when unknown or gone. */
export function fdCount(dir: string): number {
  try {
    return fs.statSync(dir).size;
  } catch {
    return 0;
  }
}

/** fds value for an fd whose link cannot be read (EACCES on a protected process): not retried. */
export const UNREADABLE = -1;
/** fds value for an fd that closed between readdir and readlink. */
export const GONE = -2;

/** The socket inode an fd points at, 0 for other files, UNREADABLE or GONE when readlink fails. */
export function fdTarget(file: string): number {
  try {
    return socketInode(fs.readlinkSync(file));
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    return code === 'EACCES' || code === 'EPERM' ? UNREADABLE : GONE;
  }
}

/** The inode of a "socket:[N]" link; 0 for any other target. */
export function socketInode(link: string): number {
  if (!link.startsWith(SOCKET_PREFIX) || !link.endsWith(']')) return 0;
  const inode = Number(link.slice(SOCKET_PREFIX.length, -1));
  return Number.isSafeInteger(inode) && inode > 0 ? inode : 0;
}
