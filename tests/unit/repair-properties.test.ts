import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RepairRule } from '../../src/ingest/repair/rule.ts';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { splitJoinedParagraphs } from '../../src/ingest/repair/paragraphs.ts';
import { stripPinyinGlosses } from '../../src/ingest/repair/pinyin-glosses.ts';
import { restoreFullwidthPunctuation } from '../../src/ingest/repair/punctuation.ts';
import { normalizeWhitespace } from '../../src/ingest/repair/whitespace.ts';

/** Pieces the seeds are made of: CJK, glosses (fitting and not), ASCII punctuation, spaces, URLs. */
const PIECES = [
  '發',
  '展',
  '衛',
  '生',
  '區',
  '域',
  '中',
  '文',
  '萍乡',
  '经济',
  '。',
  '，',
  '、',
  '“',
  '”',
  '…',
  '(fā)',
  '(wèi)',
  '(qū)',
  '(fēng)',
  '(shēng)',
  '(yù)',
  '(djwpxpd)',
  '(宜春)',
  '(',
  ')',
  ',',
  ':',
  ';',
  '!',
  '?',
  '.',
  '%',
  '-',
  '+',
  '0',
  '9',
  '09:04',
  '1,000',
  'a',
  'Z',
  'L',
  '^',
  ' ',
  '  ',
  '\u00a0',
  '\u3000',
  '\n',
  '\r\n',
  '\r',
  '\n\n\n\n',
  '\u200b',
  '\ufeff',
  '\t',
  '﹑',
  'http://x.cn/a?b=1,2',
  'www.aromanila.com',
  'a@b.com',
  '&nbsp;',
];

const fragment = fc.constantFrom(...PIECES);
/** Short mixed strings, plus long ones so the paragraph splitter's length gate is reached. */
const mixedText = fc.oneof(
  fc.array(fragment, { maxLength: 60 }).map((xs) => xs.join('')),
  fc.array(fc.oneof(fragment, fc.constantFrom('。 ', '！ ', '：', '發(fā)展', '經(jīng)濟(jì)')), { minLength: 150, maxLength: 400 }).map((xs) => xs.join('')),
  fc.string({ maxLength: 40 }),
);

const RULES: Array<[string, RepairRule]> = [
  ['pinyin-gloss', stripPinyinGlosses],
  ['punctuation', restoreFullwidthPunctuation],
  ['whitespace', normalizeWhitespace],
  ['paragraphs', splitJoinedParagraphs],
];

describe.each(RULES)('%s: properties', (name, rule) => {
  it('is replayable: replayRepairs(input, repairs) === text', () => {
    fc.assert(
      fc.property(mixedText, (input) => {
        const out = rule(input, {});
        expect(replayRepairs(input, out.repairs)).toBe(out.text);
      }),
      { numRuns: 400 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(mixedText, (input) => {
        const once = rule(input, {});
        const twice = rule(once.text, {});
        expect(twice.text).toBe(once.text);
        expect(twice.repairs).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('never changes text without a record, and every record is its own rule and a real change', () => {
    fc.assert(
      fc.property(mixedText, (input) => {
        const out = rule(input, {});
        if (out.repairs.length === 0) expect(out.text).toBe(input);
        for (const r of out.repairs) {
          expect(r.rule).toBe(name);
          expect(r.before).not.toBe(r.after);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('the four rules in pipeline order', () => {
  it('are replayable and idempotent together', () => {
    fc.assert(
      fc.property(mixedText, (input) => {
        let text = input;
        const repairs = [];
        for (const [, rule] of RULES) {
          const out = rule(text, {});
          repairs.push(...out.repairs);
          text = out.text;
        }
        expect(replayRepairs(input, repairs)).toBe(text);
        for (const [, rule] of RULES) expect(rule(text, {}).repairs).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
