/** Counts per key; a key whose count falls to zero is forgotten, so only keys in use take memory. */
export class Tally {
  private readonly counts = new Map<string, number>();

  get size(): number {
    return this.counts.size;
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  increment(key: string): void {
    this.counts.set(key, this.get(key) + 1);
  }

  decrement(key: string): void {
    const left = this.get(key) - 1;
    if (left > 0) {
      this.counts.set(key, left);
    } else {
      this.counts.delete(key);
    }
  }
}
