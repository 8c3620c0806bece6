/**
 * A running 64-bit hash of a stream of 32-bit words, built like xxHash32: four independent lanes, word
 * i of the stream going to lane i mod 4. A trace folds several words per record, and the lanes let the
 * processor mix four words at once instead of one after another. Only 32-bit integer arithmetic is
 * used, so the same words give the same hash on every machine.
 *
 * One lane round is a bijection of the lane for a fixed word, and of the word for a fixed lane: two
 * streams that differ in a single word always end with different lanes, and the folding in hex() keeps
 * that difference.
 */
const PRIME1 = 0x9e3779b1 | 0;
const PRIME2 = 0x85ebca77 | 0;
const PRIME3 = 0xc2b2ae3d | 0;
const PRIME4 = 0x27d4eb2f | 0;
const TWO_TO_THE_32 = 4294967296;

export class RunningHash {
  private readonly lanes = Int32Array.of((PRIME1 + PRIME2) | 0, PRIME2, 0, -PRIME1 | 0);
  /** The lane the next word goes to. */
  private nextLane = 0;

  /** Mixes words[from] up to (not including) words[to], in order. */
  addWordRange(words: Int32Array, from: number, to: number): void {
    let index = from;
    while (index < to && this.nextLane !== 0) this.addWord(words[index++]!);
    // Whole groups of four, with the lanes in local variables, so that the four rounds run side by side.
    const lanes = this.lanes;
    let a = lanes[0]!;
    let b = lanes[1]!;
    let c = lanes[2]!;
    let d = lanes[3]!;
    for (; index + 4 <= to; index += 4) {
      a = laneRound(a, words[index]!);
      b = laneRound(b, words[index + 1]!);
      c = laneRound(c, words[index + 2]!);
      d = laneRound(d, words[index + 3]!);
    }
    lanes[0] = a;
    lanes[1] = b;
    lanes[2] = c;
    lanes[3] = d;
    while (index < to) this.addWord(words[index++]!);
  }

  /** Mixes one 32-bit word (another number is taken modulo 2^32). */
  addWord(word: number): void {
    const lane = this.nextLane;
    this.lanes[lane] = laneRound(this.lanes[lane]!, word);
    this.nextLane = (lane + 1) & 3;
  }

  /** Mixes a whole number (any safe integer) into the hash, as its low and high 32-bit words. */
  add(value: number): void {
    this.addWord(value | 0);
    this.addWord(highWord(value));
  }

  addString(text: string): void {
    this.add(text.length);
    for (let i = 0; i < text.length; i++) this.add(text.charCodeAt(i));
  }

  /** Sixteen hex digits. */
  hex(): string {
    const a = rotateLeft(this.lanes[0]!, 1);
    const b = rotateLeft(this.lanes[1]!, 7);
    const c = rotateLeft(this.lanes[2]!, 12);
    const d = rotateLeft(this.lanes[3]!, 18);
    // Each half is a bijection of every single lane, so a difference in one lane shows in both halves.
    const high = finalize((a + b + c + d) | 0);
    const low = finalize(((a ^ c) + Math.imul(b ^ d, PRIME3) + PRIME4) | 0);
    return toHex(high) + toHex(low);
  }
}

/** The high 32 bits of a safe integer (negative numbers included, as two's complement). */
function highWord(value: number): number {
  return Math.floor(value / TWO_TO_THE_32) | 0;
}

function laneRound(lane: number, word: number): number {
  return Math.imul(rotateLeft((lane + Math.imul(word, PRIME2)) | 0, 13), PRIME1);
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
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
