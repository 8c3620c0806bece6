/**
 * The part of EDN (extensible data notation, as Clojure writes it) that Jepsen's histories use: maps,
 * vectors, lists, keywords, strings, integers and decimals, nil, true and false, with commas as
 * whitespace and `;` comments. Each value read says the line it began on. A tagged element (`#inst`,
 * `#jepsen.history.Op{…}`) is read as the value it tags.
 */

export type EdnValue = null | boolean | number | string | EdnKeyword | EdnValue[] | EdnMap;

export class EdnKeyword {
  constructor(readonly name: string) {}
}

export class EdnMap {
  constructor(readonly entries: Map<string, EdnValue>) {}
  /** The value under a keyword key, such as `get('type')` for `:type`. */
  get(keyword: string): EdnValue | undefined {
    return this.entries.get(`:${keyword}`);
  }
  has(keyword: string): boolean {
    return this.entries.has(`:${keyword}`);
  }
}

export class EdnError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const DELIMITERS = new Set(['{', '}', '[', ']', '(', ')', '"', ';']);
const MAX_DEPTH = 100;

export class EdnReader {
  private position = 0;
  line = 1;

  constructor(private readonly text: string) {}

  /** Skips whitespace, commas and comments; false at the end of the text. */
  more(): boolean {
    this.skipBlank();
    return this.position < this.text.length;
  }

  peek(): string | undefined {
    this.skipBlank();
    return this.text[this.position];
  }

  /** Steps over one character the caller has peeked. */
  skip(): void {
    this.position++;
  }

  read(depth = 0): EdnValue {
    if (depth > MAX_DEPTH) throw new EdnError(this.line, `nested deeper than ${MAX_DEPTH} levels`);
    this.skipBlank();
    const start = this.text[this.position];
    if (start === undefined) throw new EdnError(this.line, 'the text ends where a value should be');
    if (start === '{') return this.readMap(depth);
    if (start === '[' || start === '(') return this.readSequence(start === '[' ? ']' : ')', depth);
    if (start === '"') return this.readString();
    if (start === '#') {
      this.position++;
      if (this.text[this.position] !== '{') this.readToken();
      return this.read(depth + 1);
    }
    if (start === '}' || start === ']' || start === ')') throw new EdnError(this.line, `unexpected ${start}`);
    return this.atom(this.readToken());
  }

  private readMap(depth: number): EdnMap {
    const line = this.line;
    this.position++;
    const entries = new Map<string, EdnValue>();
    for (;;) {
      this.skipBlank();
      if (this.position >= this.text.length) throw new EdnError(line, 'a map { is never closed');
      if (this.text[this.position] === '}') {
        this.position++;
        return new EdnMap(entries);
      }
      const key = this.read(depth + 1);
      const value = this.read(depth + 1);
      entries.set(key instanceof EdnKeyword ? `:${key.name}` : JSON.stringify(key), value);
    }
  }

  private readSequence(end: string, depth: number): EdnValue[] {
    const line = this.line;
    this.position++;
    const items: EdnValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.position >= this.text.length) throw new EdnError(line, `a sequence is never closed with ${end}`);
      if (this.text[this.position] === end) {
        this.position++;
        return items;
      }
      items.push(this.read(depth + 1));
    }
  }

  private readString(): string {
    const line = this.line;
    let result = '';
    for (let index = this.position + 1; index < this.text.length; index++) {
      const character = this.text[index]!;
      if (character === '"') {
        this.position = index + 1;
        return result;
      }
      if (character === '\n') this.line++;
      if (character === '\\') {
        const escaped = this.text[++index];
        result += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : (escaped ?? '');
      } else {
        result += character;
      }
    }
    throw new EdnError(line, 'a string is never closed');
  }

  private readToken(): string {
    const start = this.position;
    while (this.position < this.text.length) {
      const character = this.text[this.position]!;
      if (/[\s,]/.test(character) || DELIMITERS.has(character)) break;
      this.position++;
    }
    return this.text.slice(start, this.position);
  }

  private atom(token: string): EdnValue {
    if (token === 'nil') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token.startsWith(':') && token.length > 1) return new EdnKeyword(token.slice(1));
    if (/^[+-]?\d+N?$/.test(token)) return Number(token.replace(/N$/, ''));
    if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?M?$/.test(token)) return Number(token.replace(/M$/, ''));
    if (token.length > 0) return token;
    throw new EdnError(this.line, `unexpected ${JSON.stringify(this.text[this.position] ?? '')}`);
  }

  private skipBlank(): void {
    while (this.position < this.text.length) {
      const character = this.text[this.position]!;
      if (character === '\n') {
        this.line++;
        this.position++;
      } else if (character === ';') {
        while (this.position < this.text.length && this.text[this.position] !== '\n') this.position++;
      } else if (/[\s,]/.test(character)) {
        this.position++;
      } else {
        return;
      }
    }
  }
}
