import { describe, expect, it } from 'vitest';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { splitJoinedParagraphs } from '../../src/ingest/repair/paragraphs.ts';
import { stripPinyinGlosses } from '../../src/ingest/repair/pinyin-glosses.ts';
import { restoreFullwidthPunctuation } from '../../src/ingest/repair/punctuation.ts';
import { SEED_IDS, seedText } from './seed-texts.ts';

function split(text: string) {
  const out = splitJoinedParagraphs(text, {});
  expect(replayRepairs(text, out.repairs)).toBe(out.text);
  expect(splitJoinedParagraphs(out.text, {}).repairs).toEqual([]);
  for (const r of out.repairs) expect(r.rule).toBe('paragraphs');
  return out;
}

/** A paragraph of `n` characters of Chinese prose, ending in `end`. */
function para(n: number, end = '。'): string {
  const base = '全市上下迅速掀起学习贯彻全会精神的热潮，聆听各地抓落实谋发展的新思路新举措';
  let s = '';
  while (s.length < n) s += base;
  return s.slice(0, n) + end;
}

describe('splitJoinedParagraphs', () => {
  it.each([
    ['three joined paragraphs', [para(150), para(150), para(150)].join(' '), [para(150), para(150), para(150)].join('\n')],
    ['colon and exclamation joints', [para(150, '：'), para(150, '！'), para(150)].join(' '), [para(150, '：'), para(150, '！'), para(150)].join('\n')],
    ['joint before an opening quote', [para(150), '“' + para(150), para(150)].join(' '), [para(150), '“' + para(150), para(150)].join('\n')],
    ['trailing chrome goes to its own line', [para(150), para(150), para(150)].join(' ') + ' |', [para(150), para(150), para(150)].join('\n') + '\n|'],
  ])('%s', (_name, input, expected) => {
    expect(split(input).text).toBe(expected);
  });

  it.each([
    ['a short line', [para(20), para(20), para(20)].join(' ')],
    ['a long line with one joint (a byline tail)', para(400) + ' 记者 陈高飞'],
    ['English prose', 'This is a sentence. This is another. '.repeat(20)],
    ['spaces between words in Chinese', para(400).replace(/，/g, ' ')],
    ['already split paragraphs', [para(150), para(150), para(150)].join('\n')],
    ['a joint before Latin text', [para(150), 'ABC ' + para(150), 'DEF'].join(' ')],
    ['empty', ''],
  ])('leaves alone: %s', (_name, input) => {
    const out = split(input);
    expect(out.text).toBe(input);
    expect(out.repairs).toEqual([]);
  });

  it('splits seed 004 (glosses stripped, punctuation restored) at the documented raw offsets', () => {
    const raw = seedText('004');
    const glosses = stripPinyinGlosses(raw, {});
    const restored = restoreFullwidthPunctuation(glosses.text, {}).text;
    const out = split(restored);
    const removals = [...glosses.repairs].sort((a, b) => a.span[0] - b.span[0]);
    /** Offset in the raw file of an offset in the gloss-free text. */
    const toRaw = (p: number): number => {
      let at = p;
      for (const r of removals) {
        if (r.span[0] > at) break;
        at += r.before.length;
      }
      return at;
    };
    const joints = out.repairs
      .filter((r) => r.confidence === 'high')
      .map((r) => toRaw(r.span[0]))
      .sort((a, b) => a - b);
    expect(joints).toEqual([402, 765, 796, 1426, 1907]);
    for (const j of joints) expect(raw[j]).toBe(' ');
    const lines = out.text.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[2]).toBe('調研過程中，劉爍強調：');
    expect(lines[6]).toBe('|');
  });

  it.each(SEED_IDS.filter((id) => id !== '004'))('seed %s is not split', (id) => {
    const text = restoreFullwidthPunctuation(seedText(id), {}).text;
    expect(split(text).repairs).toEqual([]);
  });
});
