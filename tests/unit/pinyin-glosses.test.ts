import { describe, expect, it } from 'vitest';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { findGlossTokens, glossGate, stripPinyinGlosses } from '../../src/ingest/repair/pinyin-glosses.ts';
import { realignedSeed, SEED_IDS, seedText } from './seed-texts.ts';

/** Five fitting glosses: just enough to switch annotation mode on. */
const FIVE = '建設(shè)區(qū)域經(jīng)濟(jì)發(fā)展。';
/** Ten fitting glosses: one misfit more still leaves ≥90% fitting. */
const ANNOTATED = FIVE + '實(shí)現(xiàn)產(chǎn)業(yè)鄉(xiāng)村。';
const CLEAN = '建設區域經濟發展。實現產業鄉村。';

function strip(text: string) {
  const out = stripPinyinGlosses(text, {});
  expect(replayRepairs(text, out.repairs)).toBe(out.text);
  expect(stripPinyinGlosses(out.text, {}).repairs).toEqual([]);
  return out;
}

describe('stripPinyinGlosses: removal in annotation mode', () => {
  it.each([
    ['plain annotated sentence', ANNOTATED, CLEAN],
    ['Latin in parentheses survives', ANNOTATED + '中国江西网萍乡频道(djwpxpd)和江西新闻(jxrb_jxnews)', CLEAN + '中国江西网萍乡频道(djwpxpd)和江西新闻(jxrb_jxnews)'],
    ['URL in parentheses survives', ANNOTATED + '掌中九江(www.aromanila.com)所有', CLEAN + '掌中九江(www.aromanila.com)所有'],
    ['Han in parentheses survives', ANNOTATED + '各縣(宜春)、(四期)', CLEAN + '各縣(宜春)、(四期)'],
    ['nested gloss inside a Han parenthesis', ANNOTATED + '(來源:江西日報(bào))', CLEAN + '(來源:江西日報)'],
    ['doubled gloss', ANNOTATED + '發(fā)(fā)展', CLEAN + '發展'],
    ['gloss at line end', ANNOTATED + '\n衛(wèi)\n', CLEAN + '\n衛\n'],
    ['misfit gloss is left for the realigner', ANNOTATED + '春L(fēng)在', CLEAN + '春L(fēng)在'],
    ['orphan gloss on a symbol is left', ANNOTATED + '閰^(qū)域', CLEAN + '閰^(qū)域'],
    ['context-free reading accepted (調 diào in 协调)', ANNOTATED + '協(xié)調(diào)', CLEAN + '協調'],
    ['gloss after a space is not a gloss', ANNOTATED + '說 (shuō)', CLEAN + '說 (shuō)'],
    ['untoned syllable is not a gloss', ANNOTATED + '們(men)', CLEAN + '們(men)'],
  ])('%s', (_name, input, expected) => {
    expect(strip(input).text).toBe(expected);
  });

  it('a space after every gloss, when that is the habit, goes with the gloss', () => {
    const input = '建設(shè) 區(qū) 域經(jīng) 濟(jì) 發(fā) 展。';
    expect(strip(input).text).toBe('建設區域經濟發展。');
  });

  it('a single space after one gloss is kept when it is not the habit', () => {
    expect(strip(ANNOTATED + '發(fā) 展').text).toBe(CLEAN + '發 展');
  });

  it('records one repair per gloss, with the reading as evidence', () => {
    const out = strip('江西衛(wèi)視' + ANNOTATED);
    expect(out.repairs).toHaveLength(11);
    const wei = out.repairs.find((r) => r.before === '(wèi)')!;
    expect(wei.rule).toBe('pinyin-gloss');
    expect(wei.after).toBe('');
    expect(wei.confidence).toBe('high');
    expect(wei.evidence[0]).toBe('wèi is a reading of 衛');
  });

  it('reports a misfit gloss as a diagnostic', () => {
    const out = strip(ANNOTATED + '春L(fēng)');
    expect(out.diagnostics).toHaveLength(1);
    expect(out.diagnostics[0]!.message).toMatch(/fēng/);
  });
});

describe('stripPinyinGlosses: the document gate keeps legitimate glosses', () => {
  it.each([
    ['a lone legitimate gloss', '“金”字读作金(jīn),意思是金属。'],
    ['four glosses are not enough', '建設(shè)區(qū)域經(jīng)濟(jì)發展。'],
    ['fewer than 90% fit', FIVE + '好(fēng)'],
    ['clean Simplified prose', '市委书记陈敏主持会议并讲话,市长刘烁讲话。'],
    ['English with parentheses', 'The mayor (Liu Shuo) spoke (briefly).'],
    ['an unbalanced parenthesis', '评论('],
    ['empty', ''],
  ])('%s', (_name, input) => {
    const out = strip(input);
    expect(out.text).toBe(input);
    expect(out.repairs).toEqual([]);
  });

  it('glossGate counts fitting and candidate tokens', () => {
    expect(glossGate(findGlossTokens(FIVE + '好(fēng)'))).toEqual({ candidates: 6, fitting: 5, annotationMode: false });
  });
});

describe('stripPinyinGlosses on the seeds', () => {
  it.each([
    // Before the realigner: 000 has 214 tokens, `^(qū)` misfits; 004 has 288, `L(fēng)` misfits.
    ['000', 213, 1],
    ['001', 0, 0],
    ['002', 0, 0],
    ['003', 0, 0],
    ['004', 287, 1],
  ] as const)('raw seed %s: %i glosses removed, %i misfits kept', (id, removed, misfits) => {
    const text = seedText(id);
    const out = strip(text);
    expect(out.repairs).toHaveLength(removed);
    expect(out.diagnostics).toHaveLength(misfits);
    if (removed === 0) expect(out.text).toBe(text);
  });

  it.each([
    ['000', 214],
    ['004', 290],
  ] as const)('seed %s after the realigner: %i glosses removed, none left', (id, removed) => {
    const out = strip(realignedSeed(id));
    expect(out.repairs).toHaveLength(removed);
    expect(out.diagnostics).toEqual([]);
    expect(findGlossTokens(out.text)).toEqual([]);
  });

  it('keeps the nested source line and the URL of seed 000', () => {
    const out = strip(realignedSeed('000'));
    expect(out.text).toContain('(來源:江西日報)');
    expect(out.text).toContain('掌中九江(www.aromanila.com)所有');
  });

  it('seed 002 keeps its Latin parentheses', () => {
    expect(seedText('002')).toContain('(djwpxpd)');
    expect(SEED_IDS).toHaveLength(5);
  });
});
