import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A JSON array whose items are made one at a time as they are written, never all held: the
 * export of a build unpacks one article per item (src/packed-article.ts). `JSON.stringify`
 * sees the plain array.
 */
export class LazyList<T> {
  constructor(
    readonly length: number,
    readonly at: (i: number) => T,
  ) {}

  toJSON(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/**
 * `JSON.stringify(value, null, 2)` in pieces, byte for byte the same text. One V8 string holds at
 * most ~512 M characters, and the export of 20,000 articles with their texts is longer than that
 * ("Invalid string length"): arrays and objects down to `depth` are written element by element,
 * anything deeper as one `JSON.stringify` each.
 */
export function* jsonPieces(value: unknown, depth = 2, indent = ''): Generator<string> {
  const lazy = value instanceof LazyList && depth > 0;
  if (lazy || (value !== null && typeof value === 'object' && depth > 0 && typeof (value as { toJSON?: unknown }).toJSON !== 'function')) {
    const inner = indent + '  ';
    if (lazy || Array.isArray(value)) {
      const list = value as unknown[] | LazyList<unknown>;
      const item = lazy ? (i: number) => (list as LazyList<unknown>).at(i) : (i: number) => (list as unknown[])[i];
      if (!list.length) return yield '[]';
      yield '[\n';
      for (let i = 0; i < list.length; i++) {
        yield inner;
        const v = item(i);
        // As JSON.stringify: what JSON cannot hold is null inside an array.
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
        else yield* jsonPieces(v, depth - 1, inner);
        yield i < list.length - 1 ? ',\n' : '\n';
      }
      return yield `${indent}]`;
    }
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    if (!entries.length) return yield '{}';
    yield '{\n';
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      yield `${inner}${JSON.stringify(k)}: `;
      yield* jsonPieces(v, depth - 1, inner);
      yield i < entries.length - 1 ? ',\n' : '\n';
    }
    return yield `${indent}}`;
  }
  // JSON strings never hold a raw line break, so indenting every line is safe.
  const text = JSON.stringify(value, null, 2);
  yield indent ? text.replace(/\n/g, `\n${indent}`) : text;
}

/** Writes `value` as indented JSON plus a final newline, in pieces (see `jsonPieces`). */
export function writeJsonFile(path: string, value: unknown, depth = 2): void {
  const fd = openSync(path, 'w');
  try {
    let buffer = '';
    for (const piece of jsonPieces(value, depth)) {
      buffer += piece;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer + '\n');
  } finally {
    closeSync(fd);
  }
}
