// Which of the owner map's walks last saw each socket inode among the sample's rows: alive now
// when it is this walk, closed since the walk before when it is that one (an fd cached on it was
// closed, and its number may hold a new socket). One map kept in place: setting 20,000 inodes
// again each walk costs half of building a new set of them each walk beside the last one.

export class WalkedInodes {
  private readonly lastSeen = new Map<number, number>();
  private walk = 0;

  /** A new walk: these rows' sockets are the ones alive now. */
  begin(rows: readonly { inode: number }[]): void {
    const walk = ++this.walk;
    for (const row of rows) if (row.inode !== 0) this.lastSeen.set(row.inode, walk);
  }

  alive(inode: number): boolean {
    return this.lastSeen.get(inode) === this.walk;
  }

  /** Among the rows of the walk before this one, not of this one. */
  closedSinceLastWalk(inode: number): boolean {
    return inode > 0 && this.lastSeen.get(inode) === this.walk - 1;
  }

  /** Forgets inodes seen by neither walk, once they outnumber the rows. */
  forgetGone(rows: number): void {
    if (this.lastSeen.size <= rows * 2 + 1024) return;
    for (const [inode, walk] of this.lastSeen) if (walk < this.walk - 1) this.lastSeen.delete(inode);
  }
}
