/**
 * A script converter over opencc-js's own dictionaries and configurations, giving exactly what
 * its `Converter` gives (tests/unit/dictionary-converter.test.ts compares them on every BMP
 * character, every dictionary key and real text), but made in a fraction of the time and memory.
 *
 * Why not opencc-js's converter itself: it puts every dictionary entry into a trie of `Map`s,
 * one per character of every phrase. For cn→t (70,000 phrases) that takes about 0.2 s and 22 MB
 * of heap in each process that converts anything: a rebuild that converts one article paid that
 * for it. Here each stage keeps its whole phrases in one `Map`, with, for every pair of
 * characters that begins a phrase, the lengths of the phrases it begins: about 60 ms and 5 MB.
 * Written by hand because opencc-js offers no other structure.
 */

/** One stage's dictionaries, highest priority first (opencc-js's "dictionary group"). */
type DictGroup = readonly string[];

/** What opencc-js's preset gives for a conversion (`configs.s2t`, `configs.t2s`). */
export interface ConverterConfig {
  normalizationChain?: readonly DictGroup[];
  conversionChain: readonly DictGroup[];
  segmentation?: unknown;
}

/** A conversion: each stage in turn over the whole text, as opencc-js chains them. */
export function dictionaryConverter(config: ConverterConfig): (text: string) => string {
  // Segmentation (used by the regional variants, not by s2t or t2s) is not reproduced here.
  if (config.segmentation) throw new Error('dictionaryConverter: configurations with segmentation are not supported');
  const stages = [...(config.normalizationChain ?? []), ...config.conversionChain].map(stageOf);
  return (text) => {
    let out = text;
    for (const stage of stages) out = stage(out);
    return out;
  };
}

interface FirstChar {
  /** The replacement of the character alone, if it has one. */
  single: string | undefined;
  /** Second character → bit mask of the lengths (UTF-16 units, bit n for n + 1) of the phrases the two begin. */
  next: Map<number, number> | undefined;
}

/**
 * One stage: at each place the longest phrase of its dictionaries that starts there is replaced;
 * where none does, one character (or one ideographic description sequence) is kept as it is.
 * This is opencc-js's trie walk: a phrase the trie holds has all its beginnings as nodes, so the
 * walk finds the longest one that starts at the place, which is what is looked up here.
 */
function stageOf(group: DictGroup): (text: string) => string {
  const firsts = new Map<number, FirstChar>();
  const phrases = new Map<string, string>();
  // opencc-js loads a group's dictionaries last to first, each line in order, each entry
  // replacing an earlier one of the same key: the first dictionary wins, and within a
  // dictionary its last line. Read in that order of precedence, an entry already present wins.
  for (const dict of group) {
    // Where each line ends, so that the lines are read last to first without an array of them.
    const ends: number[] = [];
    for (let at = dict.indexOf('|'); at >= 0; at = dict.indexOf('|', at + 1)) ends.push(at);
    ends.push(dict.length);
    for (let l = ends.length - 1; l >= 0; l--) {
      const start = l === 0 ? 0 : ends[l - 1]! + 1;
      const stop = ends[l]!;
      const space = dict.indexOf(' ', start);
      if (space <= start || space >= stop) throw new TypeError(`opencc dictionary entry without a replacement: ${dict.slice(start, stop)}`);
      const key = dict.slice(start, space);
      // "source replacement [more]": opencc-js takes the first replacement.
      const more = dict.indexOf(' ', space + 1);
      const value = dict.slice(space + 1, more >= 0 && more < stop ? more : stop);
      const c1 = key.codePointAt(0)!;
      const w1 = c1 > 0xffff ? 2 : 1;
      let first = firsts.get(c1);
      if (!first) firsts.set(c1, (first = { single: undefined, next: undefined }));
      if (key.length === w1) {
        first.single ??= value;
        continue;
      }
      if (phrases.has(key)) continue;
      phrases.set(key, value);
      const c2 = key.codePointAt(w1)!;
      first.next ??= new Map();
      first.next.set(c2, (first.next.get(c2) ?? 0) | (1 << (key.length - 1)));
    }
  }
  return (s) => {
    let out = '';
    let kept = 0; // where the text not replaced since the last replacement starts
    const n = s.length;
    for (let i = 0; i < n; ) {
      const c1 = s.codePointAt(i)!;
      const w1 = c1 > 0xffff ? 2 : 1;
      const first = firsts.get(c1);
      let value: string | undefined;
      let end = 0;
      if (first) {
        const lengths = first.next && i + w1 < n ? first.next.get(s.codePointAt(i + w1)!) : undefined;
        if (lengths !== undefined) {
          for (let len = 32 - Math.clz32(lengths); len > w1; len--) {
            if (!(lengths & (1 << (len - 1))) || i + len > n) continue;
            const last = s.charCodeAt(i + len - 1);
            if (last >= 0xd800 && last <= 0xdbff) continue; // would end inside a character
            const hit = phrases.get(s.slice(i, i + len));
            if (hit !== undefined) {
              value = hit;
              end = i + len;
              break;
            }
          }
        }
        if (!end && first.single !== undefined) {
          value = first.single;
          end = i + w1;
        }
      }
      if (end) {
        out += s.slice(kept, i) + value;
        i = kept = end;
      } else i += unmatchedLength(s, i);
    }
    return kept === 0 ? s : out + s.slice(kept);
  };
}

// Ideographic description sequences (⿰氵可) are stepped over whole where nothing matches, as
// opencc-js does, so that a phrase is never found inside one.

function codePointLength(s: string, i: number): number {
  return s.codePointAt(i)! > 0xffff ? 2 : 1;
}

function idsArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

function idsEnd(s: string, i: number): number {
  const arity = idsArity(s.codePointAt(i)!);
  if (arity === 0) return 0;
  let end = i + codePointLength(s, i);
  for (let k = 0; k < arity; k++) {
    if (end >= s.length) return 0;
    const inner = idsEnd(s, end);
    end = inner || end + codePointLength(s, end);
  }
  return end;
}

function unmatchedLength(s: string, i: number): number {
  const end = idsEnd(s, i);
  return end > i ? end - i : codePointLength(s, i);
}
