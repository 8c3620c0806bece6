/**
 * Who can reach whom, rebuilt from a trace's network records (partition, isolate, cut, reconnect, heal) with the
 * Network's own rules: a partition puts every node not named into a group of its own, an isolated node
 * is alone, and a cut blocks one direction of a link until the network heals.
 */
/** Who can reach whom, as plain data: what a snapshot of the cluster fold holds. */
export interface LinksState {
  readonly group: readonly number[];
  readonly partitioned: boolean;
  readonly cuts: readonly number[];
}

export class Links {
  private group: number[];
  private partitioned = false;
  private readonly cuts = new Set<number>();

  constructor(private readonly nodeCount: number) {
    this.group = new Array<number>(nodeCount + 1).fill(0);
  }

  partition(groups: readonly (readonly number[])[]): void {
    let next = groups.length + 1;
    for (let node = 1; node <= this.nodeCount; node++) this.group[node] = next++;
    groups.forEach((members, index) => {
      for (const node of members) this.group[node] = index + 1;
    });
    this.partitioned = true;
  }

  isolate(node: number): void {
    if (!this.partitioned) this.group.fill(0);
    this.partitioned = true;
    this.group[node] = -node;
  }

  cut(from: readonly number[], to: readonly number[]): void {
    for (const sender of from) for (const receiver of to) if (sender !== receiver) this.cuts.add(sender * 100 + receiver);
  }

  /** A node reconnected (see Network.reconnect): back in `group`, with no cut to or from it. */
  reconnect(node: number, group: number): void {
    this.group[node] = group;
    for (const cut of [...this.cuts]) if (Math.floor(cut / 100) === node || cut % 100 === node) this.cuts.delete(cut);
  }

  heal(): void {
    this.group = this.group.map(() => 0);
    this.partitioned = false;
    this.cuts.clear();
  }

  bothWays(a: number, b: number): boolean {
    if (a === b) return true;
    if (this.partitioned && this.group[a] !== this.group[b]) return false;
    return !this.cuts.has(a * 100 + b) && !this.cuts.has(b * 100 + a);
  }

  copy(): Links {
    return Links.restore(this.nodeCount, this.state());
  }

  state(): LinksState {
    return { group: this.group.slice(), partitioned: this.partitioned, cuts: [...this.cuts] };
  }

  static restore(nodeCount: number, state: LinksState): Links {
    const links = new Links(nodeCount);
    links.group = state.group.slice();
    links.partitioned = state.partitioned;
    for (const cut of state.cuts) links.cuts.add(cut);
    return links;
  }
}
