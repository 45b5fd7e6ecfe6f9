import { describe, expect, it } from 'vitest';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { normalizeWhitespace } from '../../src/ingest/repair/whitespace.ts';
import { SEED_IDS, seedText } from './seed-texts.ts';

function normalize(text: string) {
  const out = normalizeWhitespace(text, {});
  expect(replayRepairs(text, out.repairs)).toBe(out.text);
  expect(normalizeWhitespace(out.text, {}).repairs).toEqual([]);
  for (const r of out.repairs) expect(r.rule).toBe('whitespace');
  return out;
}

const NB = '\u00a0';

describe('normalizeWhitespace: changes', () => {
  it.each([
    ['CRLF', '一\r\n二\r\n', '一\n二\n'],
    ['lone CR', '一\r二', '一\n二'],
    ['BOM', '\ufeff标题\n正文', '标题\n正文'],
    ['zero-width inside a word', '萍\u200b乡', '萍乡'],
    ['ideographic indentation', '\u3000\u3000乘风破浪闯新路', '乘风破浪闯新路'],
    ['folded two-space indentation', '标题\n\n  乘风破浪\n\n  迎难而上', '标题\n\n乘风破浪\n\n迎难而上'],
    ['trailing spaces and NBSP', '社会聚焦 \n来源' + NB + NB, '社会聚焦\n来源'],
    ['NBSP-padded dateline', `2022-07-20 11:04:16 ${NB} ${NB} 来源:萍乡日报`, '2022-07-20 11:04:16 来源:萍乡日报'],
    ['byline padding becomes one space', `…政治生态。 ${NB} ${NB} 记者 陈高飞`, '…政治生态。 记者 陈高飞'],
    ['byline padding with NBSP glued to the name', `…社会氛围。 ${NB} ${NB} ${NB}记者 张旭`, '…社会氛围。 记者 张旭'],
    ['single inner NBSP', `记者${NB}梁健`, '记者 梁健'],
    ['double space in pagination', '[1]  [2]  下一页', '[1] [2] 下一页'],
    ['three blank lines become two', '一\n\n\n\n二', '一\n\n\n二'],
    ['many blank lines with spaces become two', '一\n \n\u3000\n\n\n\n二', '一\n\n\n二'],
    ['tab inside a line', '一\t二', '一 二'],
  ])('%s', (_name, input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });
});

describe('normalizeWhitespace: unchanged', () => {
  it.each([
    ['heading with a semantic space', '加速转型升级 助推兴工强市'],
    ['title and name', '书记 韦峰'],
    ['date with an odd space', '2021年10月 01日'],
    ['two blank lines kept', '一\n\n\n二'],
    ['one blank line kept', '一\n\n二'],
    ['final newline kept', '一\n'],
    ['English', 'Hello world, this is fine.'],
    ['empty', ''],
  ])('%s', (_name, input) => {
    const out = normalize(input);
    expect(out.text).toBe(input);
    expect(out.repairs).toEqual([]);
  });
});

describe('normalizeWhitespace on the seeds', () => {
  it.each([
    ['000', 0],
    ['001', 0],
    ['004', 0],
  ] as const)('seed %s is already clean (%i changes)', (id, n) => {
    expect(normalize(seedText(id)).repairs).toHaveLength(n);
  });

  it.each(SEED_IDS)('seed %s: no NBSP, indentation or trailing space left', (id) => {
    const out = normalize(seedText(id));
    expect(out.text).not.toMatch(/\u00a0|^[ \u3000]|[ \u3000]$/mu);
  });

  it('seed 002 loses its two-space indentation and NBSP padding', () => {
    const out = normalize(seedText('002'));
    expect(out.text).toContain('\n乘风破浪闯新路');
    expect(out.text).toContain('加速转型升级 助推兴工强市');
    expect(out.repairs.length).toBeGreaterThan(20);
  });

  it('seed 003 keeps bylines separable after a single space', () => {
    const out = normalize(seedText('003'));
    expect(out.text).toMatch(/政治生态。 记者 陈高飞/);
    expect(out.text).toMatch(/社会氛围。 记者 张旭/);
    expect(out.text).toContain('书记 韦峰');
  });
});
