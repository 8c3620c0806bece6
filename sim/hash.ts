/**
 * A running 64-bit hash made of two independent 32-bit lanes (murmur3-style mixing). It hashes numbers,
 * not strings, so recording an event costs a few multiplications; the same inputs give the same hash on
 * every machine because only 32-bit integer arithmetic is used.
 */
export class RunningHash {
  private laneA = 0x2545f491;
  private laneB = 0x9e3779b9 | 0;

  /** Mixes a whole number (any safe integer) into the hash. */
  add(value: number): void {
    const low = value | 0;
    const high = Math.floor(value / 4294967296) | 0;
    this.laneA = mixLane(this.laneA, low ^ high);
    this.laneB = mixLane(this.laneB, Math.imul(low, 0x85ebca6b) ^ Math.imul(high + 0x165667b1, 0xc2b2ae35));
  }

  addString(text: string): void {
    this.add(text.length);
    for (let i = 0; i < text.length; i++) this.add(text.charCodeAt(i));
  }

  /** Sixteen hex digits. */
  hex(): string {
    return toHex(finalize(this.laneA)) + toHex(finalize(this.laneB ^ 0x5bd1e995));
  }
}

function mixLane(state: number, value: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = state ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalize(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function toHex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/** A 32-bit hash of a string (FNV-1a), for entries' commands. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Combines a prefix hash with one more value; used for the prefix hashes of logs. */
export function chainHash(previous: number, value: number): number {
  return finalize(mixLane(previous, value)) | 0;
}
