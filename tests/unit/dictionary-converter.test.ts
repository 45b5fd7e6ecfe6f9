import { readdirSync, readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { ConverterFactory } from 'opencc-js/core';
import { describe, expect, it } from 'vitest';
import { dictionaryConverter, type ConverterConfig } from '../../src/text/dictionary-converter.ts';
import { toSimplified, toTraditional } from '../../src/text/script.ts';
import { SEED_IDS, seedText } from './seed-texts.ts';

/**
 * The archive converts scripts with its own structure over opencc-js's dictionaries
 * (src/text/dictionary-converter.ts): it must give exactly what opencc-js's `Converter` gives.
 */
const openccOf = {
  s2t: OpenCC.Converter({ from: 'cn', to: 't' }),
  t2s: OpenCC.Converter({ from: 't', to: 'cn' }),
};
const ours = { s2t: toTraditional, t2s: toSimplified };
const dictsOf = (name: 's2t' | 't2s') => {
  const c = OpenCC.Locale.configs[name] as unknown as ConverterConfig;
  return [...(c.normalizationChain ?? []), ...c.conversionChain].flat();
};

/** Every BMP character from the CJK radicals on, in runs (so phrases form across them too). */
function bmpRuns(): string[] {
  const runs: string[] = [];
  let run = '';
  for (let code = 0x2e80; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    run += String.fromCharCode(code);
    if (run.length === 4096) runs.push(run), (run = '');
  }
  return [...runs, run];
}

const REAL = new URL('../real/pages/', import.meta.url);
function realTexts(): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(REAL, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(html?|txt)$/.test(entry.name)) out.push(readFileSync(`${entry.parentPath ?? entry.path}/${entry.name}`, 'latin1'));
  }
  return out;
}

describe('dictionaryConverter', () => {
  it.each(['s2t', 't2s'] as const)(
    '%s gives what opencc-js gives: every BMP character, every dictionary key, seeds and text around them',
    (name) => {
      const theirs = openccOf[name];
      const mine = ours[name];
      const keys = dictsOf(name).flatMap((d) => d.split('|').map((line) => line.split(' ')[0]!));
      const texts = [
        ...bmpRuns(),
        ...SEED_IDS.map(seedText),
        // Keys end to end, with a character between them, and backwards: phrases that overlap,
        // phrases that begin inside another, each key where the previous one ends.
        keys.join(''),
        keys.join('之'),
        [...keys].reverse().join(''),
        keys.map((k) => `${k}${k.slice(0, 1)}`).join(''),
        // Ideographic description sequences (stepped over whole), characters beyond the BMP,
        // lone surrogates, and text with nothing to convert.
        '⿰氵可⿱艹⿰氵可河 ⿲ ⿰⿰⿰ 𠮶囉𪚥乾隆 \ud800x\udc00 plain ASCII, 123.',
        '',
      ];
      let differ = 0;
      const firstDiffering: string[] = [];
      for (const text of texts) {
        if (mine(text) === theirs(text)) continue;
        differ++;
        if (firstDiffering.length < 3) firstDiffering.push(text.slice(0, 80));
      }
      expect(firstDiffering).toEqual([]);
      expect(differ).toBe(0);
    },
    60_000,
  );

  it('gives what opencc-js gives on the real saved pages of the tests', () => {
    const pages = realTexts();
    expect(pages.length).toBeGreaterThan(50);
    for (const raw of pages) {
      // Read as Latin-1 the bytes are no Chinese: decoded as UTF-8 where they are, or left as is.
      const text = Buffer.from(raw, 'latin1').toString('utf8');
      expect(toTraditional(text)).toBe(openccOf.s2t(text));
      expect(toSimplified(text)).toBe(openccOf.t2s(text));
    }
  }, 60_000);

  it.each([
    ['头发生长', 's2t'],
    ['了解了', 's2t'],
    ['后来的发展', 's2t'],
    ['頭髮', 't2s'],
    ['衛生', 't2s'],
  ] as const)('converts %s (%s) as opencc-js does', (text, name) => {
    expect(ours[name](text)).toBe(openccOf[name](text));
    expect(ours[name](text)).not.toBe(text);
  });

  // opencc-js's installed dictionaries never give one key two replacements, so which entry wins
  // is checked on made-up groups against its own factory.
  it.each([
    ['the first dictionary of a group wins', ['甲 一|甲乙 二', '甲 三|甲乙丙 四|乙 五'], '甲乙丙甲乙甲丁乙'],
    ['within a dictionary, its last line wins', ['甲 一|甲 二|甲乙 三|甲乙 四'], '甲乙甲'],
    ['the longest phrase wins, then the next place', ['甲乙 一|乙丙丁 二|甲 三|丁 四'], '甲乙丙丁甲丙丁'],
    ['phrases of characters beyond the BMP', ['𠮶 一|𠮶𪚥 二|乾𠮶𪚥 三'], '乾𠮶𪚥𠮶𪚥𠮶乾'],
    ['a replacement followed by others takes the first', ['甲 一 二|乙丙 三 四'], '甲乙丙'],
  ])('%s, as in opencc-js', (_, group, text) => {
    const theirs = ConverterFactory(group as never);
    const mine = dictionaryConverter({ conversionChain: [group] });
    expect(mine(text)).toBe(theirs(text));
  });

  it('refuses a configuration it does not reproduce (segmentation)', () => {
    expect(() => dictionaryConverter({ segmentation: ['a b'], conversionChain: [['a b']] })).toThrow(/segmentation/);
  });
});
