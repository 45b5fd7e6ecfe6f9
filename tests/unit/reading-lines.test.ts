import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/article.ts';
import { extractBylines } from '../../src/ingest/extract/bylines.ts';
import { extractDate } from '../../src/ingest/extract/date.ts';
import { readingLines } from '../../src/ingest/extract/lines.ts';
import { extractSource } from '../../src/ingest/extract/source.ts';
import { extractTitle } from '../../src/ingest/extract/title.ts';
import { BODY, seg } from '../support/extract.ts';

const HEADLINE = '某市召开工作会议';
/** kind, text, line and the continued flag of every segment. */
const brief = (segs: readonly Segment[]) => segs.map((s) => [s.kind, s.text, s.line, s.continued ?? false]);

describe('segmentation: a bare label and its value on the next line', () => {
  it.each<[string, string, string, string]>([
    ['来源：', '某某日报', 'source', '来源：某某日报'],
    ['來源：', '某某日報', 'source', '來源：某某日報'],
    ['发布日期：', '2023-05-11', 'dateline', '发布日期：2023-05-11'],
    ['作者：', '张三', 'byline', '作者：张三'],
    ['责任编辑：', '王五', 'credit', '责任编辑：王五'],
  ])('%s / %s → both %s, read as %s', (label, value, kind, joined) => {
    const a = seg(`${HEADLINE}\n${label}\n${value}\n${BODY}`);
    expect(brief(a.segments)).toEqual([
      ['title', HEADLINE, 1, false],
      [kind, label, 2, true],
      [kind, value, 3, false],
      ['body', BODY, 4, false],
    ]);
    expect(a.segments[1]!.reason).toMatch(/label and value on two lines/);
    expect(readingLines(a.segments).map((s) => [s.kind, s.text, s.line])).toEqual([
      ['title', HEADLINE, 1],
      [kind, joined, 2],
      ['body', BODY, 4],
    ]);
  });

  it('blank lines between the label and its value stay blank and are skipped', () => {
    const a = seg(`${HEADLINE}\n来源：\n\n某某日报\n${BODY}`);
    expect(brief(a.segments)).toEqual([
      ['title', HEADLINE, 1, false],
      ['source', '来源：', 2, true],
      ['blank', '', 3, false],
      ['source', '某某日报', 4, false],
      ['body', BODY, 5, false],
    ]);
    expect(readingLines(a.segments).map((s) => s.text)).toEqual([HEADLINE, '来源：某某日报', BODY]);
  });

  it('a value of 40 characters is still joined', () => {
    const value = '某某日报'.repeat(10);
    const a = seg(`${HEADLINE}\n来源：\n${value}\n${BODY}`);
    expect(brief(a.segments).slice(1, 3)).toEqual([
      ['source', '来源：', 2, true],
      ['source', value, 3, false],
    ]);
  });

  it('a long value (over 40 characters) is not joined: the label stands alone', () => {
    const value = '某某日报'.repeat(11);
    const a = seg(`${HEADLINE}\n来源：\n${value}\n${BODY}`);
    expect(brief(a.segments).slice(1, 3)).toEqual([
      ['source', '来源：', 2, false],
      ['chrome', value, 3, false],
    ]);
    expect(readingLines(a.segments)).toEqual(a.segments);
  });

  it('a bare label is not joined with another label; that label is joined with its own value', () => {
    const a = seg(`${HEADLINE}\n来源：\n发布日期：\n2023-05-11\n${BODY}`);
    expect(brief(a.segments)).toEqual([
      ['title', HEADLINE, 1, false],
      ['source', '来源：', 2, false],
      ['dateline', '发布日期：', 3, true],
      ['dateline', '2023-05-11', 4, false],
      ['body', BODY, 5, false],
    ]);
    expect(readingLines(a.segments).map((s) => s.text)).toEqual([HEADLINE, '来源：', '发布日期：2023-05-11', BODY]);
  });

  it('a bare label whose joined line is nothing joinable (a counter) is not marked', () => {
    const a = seg(`${HEADLINE}\n浏览次数：\n100\n${BODY}`);
    expect(a.segments.some((s) => s.continued)).toBe(false);
    expect(readingLines(a.segments)).toEqual(a.segments);
  });

  it('an unjoined bare label is not the headline', () => {
    const a = seg(`${HEADLINE}\n浏览次数：\n100\n${BODY}`);
    expect(extractTitle(a).value).toBe(HEADLINE);
  });

  it('a label at the end of the text has nothing to join', () => {
    const a = seg(`${HEADLINE}\n${BODY}\n来源：`);
    expect(a.segments.some((s) => s.continued)).toBe(false);
  });
});

describe('extractors read the joined line', () => {
  it('来源： / 某某日报 → outlet 某某日报', () => {
    expect(extractSource(seg(`${HEADLINE}\n来源：\n某某日报\n${BODY}`)).outlet).toEqual({ value: '某某日报', from: 'label', evidence: '来源：某某日报' });
  });

  it('发布日期： / 2023-05-11 → the header date', () => {
    expect(extractDate(seg(`${HEADLINE}\n发布日期：\n2023-05-11\n${BODY}`)).date).toMatchObject({
      value: '2023-05-11',
      precision: 'date',
      from: 'header',
      evidence: '发布日期：2023-05-11',
    });
  });

  it('责任编辑： / 王五 → chief editor 王五', () => {
    expect(extractBylines(seg(`${HEADLINE}\n${BODY}\n责任编辑：\n王五`)).chiefEditors).toEqual(['王五']);
  });
});

describe('readingLines', () => {
  const s = (kind: Segment['kind'], text: string, line: number, continued = false): Segment => ({ kind, text, line, ...(continued ? { continued: true as const } : {}) });

  it.each<[string, Segment[], Array<[string, string, number]>]>([
    [
      'no continued segment: unchanged',
      [s('title', '标题', 1), s('body', BODY, 2)],
      [
        ['title', '标题', 1],
        ['body', BODY, 2],
      ],
    ],
    ['joined, both halves trimmed', [s('source', ' 来源： ', 1, true), s('source', '\u3000某某日报 ', 2)], [['source', '来源：某某日报', 1]]],
    [
      'blanks between are dropped with the value',
      [s('source', '来源：', 1, true), s('blank', '', 2), s('blank', ' ', 3), s('source', '某某日报', 4), s('body', BODY, 5)],
      [
        ['source', '来源：某某日报', 1],
        ['body', BODY, 5],
      ],
    ],
    [
      'the next line of another kind is not joined',
      [s('source', '来源：', 1, true), s('blank', '', 2), s('dateline', '2023-05-11', 3)],
      [
        ['source', '来源：', 1],
        ['blank', '', 2],
        ['dateline', '2023-05-11', 3],
      ],
    ],
    [
      'continued at the end: kept as it is',
      [s('body', BODY, 1), s('credit', '编辑：', 2, true)],
      [
        ['body', BODY, 1],
        ['credit', '编辑：', 2],
      ],
    ],
    [
      'two pairs in a row',
      [s('source', '来源：', 1, true), s('source', '某某日报', 2), s('dateline', '日期：', 3, true), s('dateline', '2023-05-11', 4)],
      [
        ['source', '来源：某某日报', 1],
        ['dateline', '日期：2023-05-11', 3],
      ],
    ],
  ])('%s', (_label, input, expected) => {
    expect(readingLines(input).map((x) => [x.kind, x.text, x.line])).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = [s('source', '来源：', 1, true), s('source', '某某日报', 2)];
    const copy = structuredClone(input);
    readingLines(input);
    expect(input).toEqual(copy);
  });
});
