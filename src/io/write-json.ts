import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * `JSON.stringify(value, null, 2)` in pieces, byte for byte the same text. One V8 string holds at
 * most ~512 M characters, and the export of 20,000 articles with their texts is longer than that
 * ("Invalid string length"): arrays and objects down to `depth` are written element by element,
 * anything deeper as one `JSON.stringify` each.
 */
export function* jsonPieces(value: unknown, depth = 2, indent = ''): Generator<string> {
  if (value !== null && typeof value === 'object' && depth > 0 && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    const inner = indent + '  ';
    if (Array.isArray(value)) {
      if (!value.length) return yield '[]';
      yield '[\n';
      for (let i = 0; i < value.length; i++) {
        yield inner;
        const v = value[i];
        // As JSON.stringify: what JSON cannot hold is null inside an array.
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
        else yield* jsonPieces(v, depth - 1, inner);
        yield i < value.length - 1 ? ',\n' : '\n';
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
