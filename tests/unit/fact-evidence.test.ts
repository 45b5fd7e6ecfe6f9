import { describe, expect, it } from 'vitest';
import { type DateField, FieldSourceSchema, type Region } from '../../src/article.ts';
import { FOUND_IN, whyDate, whyField, whyRegion } from '../../src/site/fact-evidence.ts';

const region = (from: Region['from'], evidence: string): Region => ({ province: '江西省', city: '萍乡市', county: null, code: '360300', from, evidence });
const date = (over: Partial<DateField>): DateField => ({
  value: '--01-28',
  from: 'lede',
  evidence: '1月28日，市长在…',
  precision: 'month-day',
  year: null,
  month: 1,
  day: 28,
  suggestedYear: null,
  ...over,
});

describe('FOUND_IN', () => {
  it('says, Chinese first, how every kind of source the schema knows was used', () => {
    for (const from of FieldSourceSchema.options) expect(FOUND_IN[from].join(' '), from).toMatch(/^\p{Script=Han}.*[A-Z][a-z]/u);
  });
});

describe('why a fact is on the page', () => {
  const cases: Array<{ name: string; got: ReturnType<typeof whyField>; how: RegExp; evidence: string[]; reasoning?: string[]; inferred: boolean }> = [
    {
      name: 'an outlet read from a labelled line quotes it',
      got: whyField({ from: 'label', evidence: '（来源：萍乡日报）' }),
      how: /^取自带标签的一行/,
      evidence: ['（来源：萍乡日报）'],
      inferred: false,
    },
    { name: 'a missing fact says so, with nothing to quote', got: whyField(null), how: /^原文未见/, evidence: [], inferred: false },
    { name: 'a corrected one says it was corrected by hand', got: whyField({ from: 'override', evidence: 'meta.yml' }), how: /^人工更正/, evidence: ['meta.yml'], inferred: true },
    {
      name: 'a region found by counting place names names where they were counted, in Chinese',
      got: whyRegion(region('inference', 'post of 刘烁 萍乡×1; outlet 萍乡×1; body 萍乡×14; body 江西×4')),
      how: /^由地名出现次数推断/,
      evidence: [],
      reasoning: ['刘烁的职务 post of 刘烁: 萍乡×1', '媒体名 outlet: 萍乡×1', '正文 body: 萍乡×14', '正文 body: 江西×4'],
      inferred: true,
    },
    { name: 'a region stated in a line quotes that line', got: whyRegion(region('header', '萍乡市人民政府')), how: /^取自正文上方的信息行/, evidence: ['萍乡市人民政府'], inferred: false },
    { name: 'a date without a suggestion quotes its line', got: whyDate(date({})), how: /^取自导语首句/, evidence: ['1月28日，市长在…'], inferred: false },
    {
      name: 'a suggested year gives its reasoning, said to be a suggestion',
      got: whyDate(date({ suggestedYear: { year: 2023, reasoning: ['refers to 二十大 as past', '→ 2023'] } })),
      how: /^取自导语首句；年份为推测/,
      evidence: ['1月28日，市长在…'],
      reasoning: ['refers to 二十大 as past', '→ 2023'],
      inferred: false,
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(c.got.how).toMatch(c.how);
      expect(c.got.evidence).toEqual(c.evidence);
      expect(c.got.reasoning).toEqual(c.reasoning ?? []);
      expect(c.got.inferred).toBe(c.inferred);
    });
});
