/** One challenge of a `WWW-Authenticate` header (RFC 7235 section 4.1). */
export interface Challenge {
  /** The auth scheme, lowercased: `bearer`, `basic`, … */
  scheme: string;
  /** Auth parameters by lowercased name, quoted strings unescaped. */
  params: Record<string, string>;
}

const tokenChars = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Every challenge of a `WWW-Authenticate` value, e.g.
 * `Bearer realm="https://auth.example/token",service="registry"`.
 * Several challenges may share one header, separated by commas, so a bare
 * token not followed by `=` starts the next challenge. A token68 (as
 * `Negotiate` sends) becomes a stray parameter: no scheme we answer uses one.
 */
export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  const reader = new Reader(header);

  while (reader.skipSeparators()) {
    const name = reader.token();
    if (name === '') {
      reader.skipUntilSeparator();
      continue;
    }

    reader.skipSpaces();
    const current = challenges.at(-1);
    if (reader.peek() === '=' && current) {
      reader.next();
      reader.skipSpaces();
      current.params[name.toLowerCase()] = reader.value();
      continue;
    }

    challenges.push({ scheme: name.toLowerCase(), params: {} });
  }

  return challenges;
}

class Reader {
  private index = 0;

  constructor(private readonly text: string) {}

  peek(): string | undefined {
    return this.text[this.index];
  }

  next(): string | undefined {
    return this.text[this.index++];
  }

  /** Skips commas and spaces; false at the end of the text. */
  skipSeparators(): boolean {
    while (this.peek() === ',' || this.peek() === ' ' || this.peek() === '\t') this.index++;
    return this.index < this.text.length;
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.index++;
  }

  skipUntilSeparator(): void {
    while (this.index < this.text.length && this.peek() !== ',') this.index++;
  }

  token(): string {
    const start = this.index;
    while (this.index < this.text.length && tokenChars.test(this.text[this.index] ?? '')) {
      this.index++;
    }
    return this.text.slice(start, this.index);
  }

  /** A token or a quoted string, unescaped. */
  value(): string {
    if (this.peek() !== '"') return this.token();

    this.index++;
    let result = '';
    while (this.index < this.text.length) {
      const char = this.next();
      if (char === '"') break;
      result += char === '\\' ? (this.next() ?? '') : char;
    }
    return result;
  }
}
