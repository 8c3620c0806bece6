/**
 * A growable column of 32-bit whole numbers, one per log index: what the checking keeps for every
 * entry of every log (prefix hashes, terms). Four bytes an index, in one block the garbage collector
 * does not scan, where an array of numbers takes eight and is scanned at every collection; a long run
 * keeps one value per committed entry and node, so this is most of what the checking holds.
 */
const FIRST_CAPACITY = 64;

export class Int32Column {
  private values: Int32Array;
  private size = 0;

  constructor(initial: readonly number[] = []) {
    this.values = new Int32Array(Math.max(FIRST_CAPACITY, initial.length));
    for (const value of initial) this.push(value);
  }

  get length(): number {
    return this.size;
  }

  /** The value at `index`; undefined past the end, as an array gives. */
  get(index: number): number | undefined {
    return index >= 0 && index < this.size ? this.values[index] : undefined;
  }

  /** The value at `index`, which must be inside the column (where `get` would give undefined, this throws). */
  valueAt(index: number): number {
    this.checkInside(index);
    return this.values[index]!;
  }

  set(index: number, value: number): void {
    this.checkInside(index);
    this.values[index] = value;
  }

  push(value: number): void {
    if ((value | 0) !== value) throw new Error(`${value} is not a 32-bit whole number`);
    // Growing by half keeps the unused room of a long column at a third of it at most.
    if (this.size === this.values.length) this.resize(this.size + (this.size >> 1));
    this.values[this.size++] = value;
  }

  /** Keeps the first `length` values. */
  truncate(length: number): void {
    this.size = Math.min(this.size, Math.max(0, length));
  }

  /** The values from `start` up to (not including) `end`, as an array. */
  slice(start = 0, end = this.size): number[] {
    return Array.from(this.values.subarray(Math.max(0, start), Math.min(end, this.size)));
  }

  private checkInside(index: number): void {
    if (!(index >= 0 && index < this.size)) throw new Error(`index ${index} is outside the column's ${this.size} values`);
  }

  private resize(capacity: number): void {
    const values = new Int32Array(capacity);
    values.set(this.values.subarray(0, this.size));
    this.values = values;
  }
}
