/**
 * The store behind a trace: records as runs of 32-bit words, written one after another into chunks
 * that are never copied or moved (no record straddles two chunks). Most records are ticks and messages
 * whose numbers are small or zero, so a record takes only the words it needs:
 *
 *   header   kind (bits 0–5; there are fewer than 64 kinds), form of its detail (bits 6–8), "wide ids"
 *            (bit 9), "a and b are 0" (bit 10), time mode (bits 11–12) and, in time mode 0, the time
 *            step (bits 13–31)
 *   time     the step from the previous record's time: in the header when it fits in 19 bits (mode 0,
 *            the usual case: it is 0 for every record of an event but the first), else one word (mode
 *            1), or, when it is not a 32-bit whole number that gives the time back exactly, the two
 *            words of the time's 64-bit float (mode 2)
 *   ids      node and peer as 16 bits each in one word, or as two words when either does not fit
 *   a, b     two words, left out when both are 0
 *   extra    by the form of the detail: six words for a message (its term and the fields of its type),
 *            one for a list (its length), for a message recorded before (that record's index) or for a
 *            message with fields or a type beyond the contract's (the hash of its JSON), none otherwise
 *
 * Every word is also the hash's input: the words say everything the record says, so folding them
 * covers it all. They are folded in batches (see FOLD_WORDS). A hash-only trace writes into one small
 * chunk over and over. A streamed trace keeps one chunk too: when it is full, its records are handed
 * out (drain) and the chunk is written again from its start, so a run of any length holds one chunk.
 */
import type { RunningHash } from './hash.js';

const MESSAGE_WORDS = 6;

/**
 * How a record's detail is kept: none; an object kept apart by the recorder (in record order); a
 * message, as six words; a list, whose items the recorder keeps apart and whose length is a word; a
 * message already recorded, as the index of that record; or a message carrying more than the contract's
 * fields or of a type the implementation declared, kept apart whole, with the hash of its JSON as a word.
 */
export const DetailForm = { none: 0, object: 1, message: 2, list: 3, recordedMessage: 4, extendedMessage: 5 } as const;
export type DetailForm = (typeof DetailForm)[keyof typeof DetailForm];
const EXTRA_WORDS: readonly number[] = [0, 0, MESSAGE_WORDS, 1, 1, 1];

const KIND_BITS = 0x3f;
const FORM_SHIFT = 6;
const FORM_BITS = 0x7;
const WIDE_IDS = 1 << 9;
const ZERO_A_B = 1 << 10;
const TIME_MODE_SHIFT = 11;
const TIME_IN_HEADER = 0;
const TIME_IN_WORD = 1;
const TIME_EXACT = 2;
const TIME_SHIFT = 13;
const ID_LIMIT = 1 << 16;

/** Header, exact time (two words), node and peer (two words), a, b and a message's words. */
const LONGEST_RECORD = 1 + 2 + 2 + 2 + MESSAGE_WORDS;
/**
 * Words are folded into the hash in batches of about this many: enough to let the hash mix four at a
 * time, few enough that the words are still in the processor's cache, and often enough that the
 * engine optimizes the folding loop as a whole (one long loop per chunk got compiled mid-loop, "on
 * stack", and that code bailed out at the end of every batch).
 */
const FOLD_WORDS = 2048;
/**
 * Words per chunk of a kept trace (64 KiB; the benchmark's minute-long run fills about 28). Small
 * enough that the C library's allocator hands a chunk out of memory it already holds: a block of
 * 128 KiB or more it maps from the operating system afresh, zeroed page by page and unmapped when
 * freed, and that made each chunk cost as much as recording a few thousand records.
 */
const KEPT_CHUNK_WORDS = 1 << 14;
/** The most records a kept chunk holds (every record takes a header and at least one word of ids): a streamed trace's bound. */
export const MOST_RECORDS_PER_CHUNK = KEPT_CHUNK_WORDS / 2;
/** Words in the chunk a hash-only trace reuses: small enough to stay in the processor's cache. */
const SCRATCH_CHUNK_WORDS = 1 << 12;

/** What forEach hands out for each record; one object, refilled for every record. */
export interface TapeRecord {
  kind: number;
  form: DetailForm;
  timeUs: number;
  node: number;
  peer: number;
  a: number;
  b: number;
  /** The extra words (a message's six, a list's length); stale beyond what the form has. */
  readonly words: Int32Array;
}

/** Receives the records of a chunk being drained, one at a time (see TraceTape.drain). */
export type TapeVisitor = (record: TapeRecord) => void;

export class TraceTape {
  /** Chunks holding kept records, and how many words of each are written (the last one's: `cursor`). */
  private readonly keptChunks: Int32Array[] = [];
  private readonly keptLengths: number[] = [];
  private chunk = new Int32Array(0);
  private keeping = true;
  private cursor = 0;
  /** Words of the current chunk before this index are folded into the hash. */
  private foldedTo = 0;
  /** The cursor may reach this before makeRoom must run: a batch is due to be folded or the chunk is full. */
  private roomUntil = 0;
  private lastTimeUs = 0;
  /** Reinterprets a time as the two words of its 64-bit float. */
  private readonly exactTime = new Float64Array(1);
  private readonly exactTimeWords = new Int32Array(this.exactTime.buffer);
  /** The time of the last record drained: records hold time steps, and the next chunk's first step starts here. */
  private drainedTimeUs = 0;

  /**
   * With `whenFull`, the trace is streamed: a full chunk is not kept beside a new one but handed to
   * `whenFull`, which must drain it (see drain); the chunk is then written again from its start.
   */
  constructor(
    private readonly hash: RunningHash,
    private readonly whenFull: (() => void) | null = null,
  ) {}

  /**
   * Appends a record with no extra words (forms none and object). With `keep` false the record only
   * reaches the hash. Written out in one function, with no calls on the common path: this runs for every event.
   */
  append(keep: boolean, kind: number, form: DetailForm, timeUs: number, node: number, peer: number, a: number, b: number): void {
    if (this.cursor >= this.roomUntil || keep !== this.keeping) this.makeRoom(keep);
    const chunk = this.chunk;
    const headerAt = this.cursor;
    let at = headerAt + 1;
    let header = kind | (form << FORM_SHIFT);
    const timeStep = timeUs - this.lastTimeUs;
    // Shifting into the header and back gives the step unchanged only for a whole number in [0, 2^19);
    // the sum checks that the step gives the time back exactly (it may not, for fractions).
    if ((timeStep << TIME_SHIFT) >>> TIME_SHIFT === timeStep && this.lastTimeUs + timeStep === timeUs) {
      header |= timeStep << TIME_SHIFT;
    } else if ((timeStep | 0) === timeStep && this.lastTimeUs + timeStep === timeUs) {
      header |= TIME_IN_WORD << TIME_MODE_SHIFT;
      chunk[at++] = timeStep;
    } else {
      header |= TIME_EXACT << TIME_MODE_SHIFT;
      this.exactTime[0] = timeUs;
      chunk[at++] = this.exactTimeWords[0]!;
      chunk[at++] = this.exactTimeWords[1]!;
    }
    this.lastTimeUs = timeUs;
    // Likewise, node and peer come back from their 16-bit halves only when both are whole numbers in [0, 2^16).
    const ids = node | (peer << 16);
    if ((ids & (ID_LIMIT - 1)) === node && ids >>> 16 === peer) {
      chunk[at++] = ids;
    } else {
      header |= WIDE_IDS;
      chunk[at++] = node;
      chunk[at++] = peer;
    }
    if (a === 0 && b === 0) {
      header |= ZERO_A_B;
    } else {
      chunk[at++] = a;
      chunk[at++] = b;
    }
    chunk[headerAt] = header;
    this.cursor = at;
  }

  /** Appends a record with one extra word: a list's length, or the index of a message's earlier record. */
  appendWithWord(keep: boolean, kind: number, form: DetailForm, timeUs: number, node: number, peer: number, a: number, b: number, word: number): void {
    this.append(keep, kind, form, timeUs, node, peer, a, b);
    this.chunk[this.cursor++] = word;
  }

  /** Appends a message's record: the common words, then its own six. */
  appendMessage(
    keep: boolean,
    kind: number,
    timeUs: number,
    node: number,
    peer: number,
    a: number,
    b: number,
    word0: number,
    word1: number,
    word2: number,
    word3: number,
    word4: number,
    word5: number,
  ): void {
    this.append(keep, kind, DetailForm.message, timeUs, node, peer, a, b);
    const chunk = this.chunk;
    let at = this.cursor;
    chunk[at++] = word0;
    chunk[at++] = word1;
    chunk[at++] = word2;
    chunk[at++] = word3;
    chunk[at++] = word4;
    chunk[at++] = word5;
    this.cursor = at;
  }

  /** Folds every word written since the last fold into the hash. */
  fold(): void {
    this.hash.addWordRange(this.chunk, this.foldedTo, this.cursor);
    this.foldedTo = this.cursor;
  }

  /** Calls `visit` for every record kept, in order. The record handed over is reused: `visit` copies what it keeps. */
  forEach(visit: TapeVisitor): void {
    const record = emptyTapeRecord();
    let timeUs = 0;
    this.keptChunks.forEach((chunk, chunkIndex) => {
      const length = chunk === this.chunk ? this.cursor : this.keptLengths[chunkIndex]!;
      timeUs = this.decode(chunk, length, timeUs, record, visit);
    });
  }

  /** Words held in memory now: the kept chunks' (a streamed trace keeps one). */
  get heldWords(): number {
    return this.keptChunks.length * KEPT_CHUNK_WORDS;
  }

  /**
   * Streaming: hands every record written since the last drain to `visit`, in order, and empties the
   * chunk for the records to come. The hash has folded every word by then.
   */
  drain(visit: TapeVisitor): void {
    this.fold();
    this.drainedTimeUs = this.decode(this.chunk, this.cursor, this.drainedTimeUs, emptyTapeRecord(), visit);
    this.cursor = 0;
    this.foldedTo = 0;
    // The next append finds no room and calls makeRoom, which measures the room afresh.
    this.roomUntil = 0;
  }

  /** Decodes the records in chunk[0, length), the first one's time step counted from `timeUs`; returns the last record's time. */
  private decode(chunk: Int32Array, length: number, startUs: number, record: TapeRecord, visit: TapeVisitor): number {
    let timeUs = startUs;
    for (let at = 0; at < length; ) {
      const header = chunk[at++]!;
      switch ((header >>> TIME_MODE_SHIFT) & 3) {
        case TIME_IN_HEADER:
          timeUs += header >>> TIME_SHIFT;
          break;
        case TIME_IN_WORD:
          timeUs += chunk[at++]!;
          break;
        default:
          this.exactTimeWords[0] = chunk[at++]!;
          this.exactTimeWords[1] = chunk[at++]!;
          timeUs = this.exactTime[0]!;
      }
      record.kind = header & KIND_BITS;
      record.form = ((header >>> FORM_SHIFT) & FORM_BITS) as DetailForm;
      record.timeUs = timeUs;
      if ((header & WIDE_IDS) === 0) {
        const ids = chunk[at++]!;
        record.node = ids & (ID_LIMIT - 1);
        record.peer = ids >>> 16;
      } else {
        record.node = chunk[at++]!;
        record.peer = chunk[at++]!;
      }
      record.a = (header & ZERO_A_B) === 0 ? chunk[at++]! : 0;
      record.b = (header & ZERO_A_B) === 0 ? chunk[at++]! : 0;
      const extraWords = EXTRA_WORDS[record.form]!;
      for (let word = 0; word < extraWords; word++) record.words[word] = chunk[at++]!;
      visit(record);
    }
    return timeUs;
  }

  /** Folds a batch of words when one is due, and moves to another chunk when this one is full or `keep` changed. */
  private makeRoom(keep: boolean): void {
    if (this.cursor - this.foldedTo >= FOLD_WORDS) this.fold();
    if (keep !== this.keeping || this.cursor + LONGEST_RECORD > this.chunk.length) this.changeChunk(keep);
    this.roomUntil = Math.min(this.foldedTo + FOLD_WORDS, this.chunk.length - LONGEST_RECORD + 1);
  }

  /**
   * Folds what the current chunk holds and moves to a fresh kept chunk, or back to the start of the
   * scratch chunk; a streamed trace drains its full chunk instead and writes it again.
   */
  private changeChunk(keep: boolean): void {
    this.fold();
    if (this.whenFull !== null && this.cursor > 0) {
      this.whenFull();
      return;
    }
    if (this.keeping && this.keptChunks.length > 0) this.keptLengths[this.keptLengths.length - 1] = this.cursor;
    if (keep) {
      this.chunk = new Int32Array(KEPT_CHUNK_WORDS);
      this.keptChunks.push(this.chunk);
      this.keptLengths.push(0);
    } else if (this.keeping || this.chunk.length === 0) {
      this.chunk = new Int32Array(SCRATCH_CHUNK_WORDS);
    }
    this.keeping = keep;
    this.cursor = 0;
    this.foldedTo = 0;
  }
}

function emptyTapeRecord(): TapeRecord {
  return { kind: 0, form: 0, timeUs: 0, node: 0, peer: 0, a: 0, b: 0, words: new Int32Array(MESSAGE_WORDS) };
}
