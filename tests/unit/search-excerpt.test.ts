import { describe, expect, it } from 'vitest';
import { excerptOf, matchSpans, type Excerpt, type Span } from '../../src/browser/excerpt.ts';
import { queryTokens } from '../../src/browser/search-engine.ts';

/** The marked pieces of a text, for short expectations. */
const marked = (text: string, spans: Span[]) => spans.map((s) => Array.from(text).slice(s.start, s.end).join(''));

describe('matchSpans', () => {
  const cases: Array<[string, string, string, string[]]> = [
    // [rule, Simplified body, query, the pieces of the body marked]
    ['a word wherever it occurs', '刘烁调研。刘烁强调', '刘烁', ['刘烁', '刘烁']],
    ["a long query's 3-character pieces merge where they meet", '萍乡经开区召开会议，经开区发展', '萍乡经开区', ['萍乡经开区', '经开区']],
    ['several words each', '市委书记陈敏主持会议', '陈敏 会议', ['陈敏', '会议']],
    ['pieces that touch are one mark', '萍乡发展', '萍乡 发展', ['萍乡发展']],
    ['Latin words whatever their case or width', 'GDP增长，ｇｄｐ总量', 'gdp', ['GDP', 'ｇｄｐ']],
    ['a number only whole, as the index holds it', '2023年增长2%，20230号', '2023', ['2023']],
    ['a word beside Han characters is whole', 'G20峰会', 'g20', ['G20']],
    ['characters outside the BMP count once', '𠀀刘烁', '刘烁', ['刘烁']],
    ['nothing where the query does not occur', '市委书记主持会议', '刘烁', []],
  ];
  it.each(cases)('%s: %s / %s', (_rule, body, query, expected) => {
    expect(marked(body, matchSpans(body, queryTokens(query)))).toEqual(expected);
  });

  it('finds matches in the Simplified text at the places of the text as written', () => {
    const hant = '市長劉爍在萍鄉經開區調研';
    const hans = '市长刘烁在萍乡经开区调研';
    expect(marked(hant, matchSpans(hans, queryTokens('刘烁')))).toEqual(['劉爍']);
    expect(marked(hant, matchSpans(hans, queryTokens('经开区')))).toEqual(['經開區']);
  });

  it('keeps places after a character that folds into several (① → 1)', () => {
    const body = '①刘烁';
    expect(matchSpans(body, ['刘烁'])).toEqual([{ start: 1, end: 3 }]);
    expect(matchSpans(body, ['1'])).toEqual([{ start: 0, end: 1 }]);
  });
});

describe('excerptOf', () => {
  const filler = (n: number) => '甲'.repeat(n);
  /** The excerpt as a reader sees it, matches in [brackets]. */
  const shown = (e: Excerpt) => (e.cutBefore ? '…' : '') + e.parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('') + (e.cutAfter ? '…' : '');

  const cases: Array<[string, string, string, number, number, string]> = [
    // [rule, body, query, size, context, excerpt]
    ['no match: the start of the body', `${filler(10)}。${filler(10)}`, '刘烁', 8, 3, '甲甲甲甲甲甲甲甲…'],
    ['the first match with a little before it', `${filler(20)}刘烁${filler(20)}`, '刘烁', 8, 3, '…甲甲甲[刘烁]甲甲甲…'],
    ['from the start of its sentence when one starts there', `${filler(20)}。乙刘烁${filler(20)}`, '刘烁', 8, 3, '…乙[刘烁]甲甲甲甲甲…'],
    ['the matches that follow closely too', `${filler(20)}刘烁甲刘烁${filler(20)}`, '刘烁', 10, 2, '…甲甲[刘烁]甲[刘烁]甲甲甲…'],
    ['near the end, earlier, to show as much', `${filler(20)}刘烁甲`, '刘烁', 8, 2, '…甲甲甲甲甲[刘烁]甲'],
    ['a match at the very start', `刘烁${filler(20)}`, '刘烁', 6, 3, '[刘烁]甲甲甲甲…'],
    ['a match longer than the excerpt whole', `${filler(5)}刘烁刘烁刘烁`, '刘烁', 3, 1, '…甲[刘烁刘烁刘烁]'],
    ['line breaks read as spaces', `刘烁在此\n第二段\n第三段`, '刘烁', 20, 5, '[刘烁]在此 第二段 第三段'],
    ['a paragraph is a sentence', `第一段\n我们刘烁${filler(20)}`, '刘烁', 8, 5, '…我们[刘烁]甲甲甲甲…'],
  ];
  it.each(cases)('%s', (_rule, body, query, size, context, expected) => {
    expect(shown(excerptOf(body, matchSpans(body, queryTokens(query)), size, context))).toBe(expected);
  });

  it('takes 120 characters from 30 before the first match by default', () => {
    const body = `${filler(200)}刘烁${filler(200)}`;
    const e = excerptOf(body, matchSpans(body, ['刘烁']));
    expect(e.parts.map((p) => p.text)).toEqual([filler(30), '刘烁', filler(88)]);
  });

  it('keeps hostile text as text: an excerpt is pieces of the body, nothing added', () => {
    const body = '会议<script>alert("x")</script>强调<img src=x onerror=alert(1)>';
    const e = excerptOf(body, matchSpans(body, queryTokens('强调')));
    expect(e.parts.map((p) => p.text).join('')).toBe(body);
    expect(e.parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['强调']);
  });
});
