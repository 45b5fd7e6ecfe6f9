import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNgramPrior, type NgramPrior } from '../../src/ingest/prior.ts';
import { replayRepairs } from '../../src/ingest/repair/edits.ts';
import { realignGbkShift } from '../../src/ingest/repair/gbk-shift.ts';
import { isTonedSyllable } from '../../src/ingest/repair/pinyin.ts';
import { damageText } from '../../src/synth/damage.ts';

const root = new URL('../..', import.meta.url).pathname;
const seed = (n: string) => {
  const names: Record<string, string> = {
    '000': '000_df92d579d6d8ad85.txt',
    '001': '001_8100e753179c915b.txt',
    '002': '002_c554e1db008685c7.txt',
    '003': '003_fb3c97319014020c.txt',
    '004': '004_d8659d5c0ee6c233.txt',
  };
  return readFileSync(`${root}seeds/${names[n]}`, 'utf8');
};
const fixture = (f: string) => readFileSync(`${root}tests/fixtures/damage/${f}`, 'utf8');

let prior: NgramPrior;
beforeAll(() => {
  prior = buildNgramPrior(['000', '001', '002', '003', '004'].map(seed));
});

const line7of000 = () => seed('000').split('\n')[6]!;

// Excerpts of the damaged seeds (test data only; src/ knows no seed strings).
// [name, input, expected output, the signal that finds the run]
const RUNS: [string, () => string, () => string, string][] = [
  ['R1 lost lead byte at A3|A1 + eaten "<" (000 L7)', () => line7of000(), () => line7of000().replace('貢獻(xiàn)?!?/strong>', '貢獻(xiàn)。”</strong>'), 'missing its "<"'],
  [
    'R2 spurious straddle gloss (yàn) + orphan ^(qū) (000 L12)',
    () => '發(fā)力突破。堅(jiān)持以縣域?yàn)閰^(qū)域經(jīng)濟(jì)',
    () => '發(fā)力突破。堅(jiān)持以縣域為區(qū)域經(jīng)濟(jì)',
    'misfit gloss ^(qū)',
  ],
  ['R3 spurious (shù) + collateral scar ?yōu) (004)', () => '實(shí)干擔(dān)當(dāng)?shù)膬?yōu)良作風(fēng),', () => '實(shí)干擔(dān)當(dāng)的優(yōu)良作風(fēng),', 'scar ?shù)'],
  ['R5 spurious (fù) + collateral scar ?dān) (004)', () => '實(shí)”字當(dāng)先,勇挑重?fù)?dān)、攻堅克難,聚精會神', () => '實(shí)”字當(dāng)先,勇挑重擔(dān)、攻堅克難,聚精會神', 'scar ?fù)'],
];

describe('realignGbkShift: the five seed runs', () => {
  it.each(RUNS)('%s', (_name, input, expected, signal) => {
    const src = input();
    const out = realignGbkShift(src, { prior });
    expect(out.text).toBe(expected());
    expect(out.repairs).toHaveLength(1);
    const r = out.repairs[0]!;
    expect(r.rule).toBe('gbk-shift');
    expect(r.evidence.join('\n')).toContain(signal);
    expect(replayRepairs(src, out.repairs)).toBe(out.text);
    expect(realignGbkShift(out.text, { prior }).text).toBe(out.text);
  });

  it('R2/R3/R5 are forced by the straddle readings: high confidence', () => {
    for (const [, input] of RUNS.slice(1)) {
      const r = realignGbkShift(input(), { prior }).repairs[0]!;
      expect(r.confidence).toBe('high');
      expect(r.candidates).toBeUndefined();
    }
    const r3 = realignGbkShift(RUNS[2]![1](), {}).repairs[0]!;
    expect(r3.evidence.join('\n')).toMatch(/straddle 94\|B5 must read shù → 數/);
    expect(r3.evidence.join('\n')).toMatch(/優/);
  });

  it('R1 is restored by typographic priors with medium confidence', () => {
    const r = realignGbkShift(line7of000(), {}).repairs[0]!;
    expect(r.after).toContain('。”<');
    expect(r.confidence).toBe('medium');
    expect(r.evidence.join('\n')).toMatch(/closes the open “/);
    expect(r.evidence.join('\n')).toMatch(/ends the quoted sentence/);
  });

  const r4 = '區(qū)管委會主任劉建中陪同。 春節(jié)期間“兩不!钡臒岢比绱猴L(fēng)在萍鄉(xiāng)經(jīng)';
  it('R4 with a corpus prior containing 两不停 → 停 (low/medium) with candidates', () => {
    const out = realignGbkShift(r4, { prior });
    expect(out.text).toBe('區(qū)管委會主任劉建中陪同。 春節(jié)期間“兩不停”的熱潮如春風(fēng)在萍鄉(xiāng)經(jīng)');
    const r = out.repairs[0]!;
    expect(['low', 'medium']).toContain(r.confidence);
    expect(r.candidates?.[0]).toMatchObject({ char: '停', bytes: 'cda3' });
    expect(r.evidence.join('\n')).toMatch(/orphan gloss \(fēng\) fits 風 after realignment/);
  });

  it('R4 without a prior → U+FFFD placeholder, low, candidates listed', () => {
    const out = realignGbkShift(r4, {});
    expect(out.text).toBe('區(qū)管委會主任劉建中陪同。 春節(jié)期間“兩不\uFFFD”的熱潮如春風(fēng)在萍鄉(xiāng)經(jīng)');
    const r = out.repairs[0]!;
    expect(r.confidence).toBe('low');
    expect(r.candidates!.length).toBeGreaterThan(3);
    expect(realignGbkShift(out.text, {}).text).toBe(out.text);
  });

  it('R4 prior that only has the damaged document itself picks nothing (no self-evidence)', () => {
    const selfOnly = buildNgramPrior([seed('004')]);
    expect(realignGbkShift(r4, { prior: selfOnly }).text).toContain('兩不\uFFFD”');
  });

  it.each([
    ['000', ['貢獻(xiàn)。”</strong>', '以縣域為區(qū)域']],
    ['004', ['當(dāng)的優(yōu)良', '兩不停”的熱潮如春風(fēng)', '重擔(dān)']],
  ])('whole seed %s: every run repaired, nothing else touched', (n, expected) => {
    const src = seed(n);
    const out = realignGbkShift(src, { prior });
    for (const e of expected) expect(out.text).toContain(e);
    expect(out.repairs).toHaveLength(expected.length);
    expect(out.diagnostics).toEqual([]);
    expect(replayRepairs(src, out.repairs)).toBe(out.text);
    expect(realignGbkShift(out.text, { prior }).text).toBe(out.text);
    // Against the clean reconstruction (full-width, no glosses): fold it the way the pages were
    // folded and drop the glosses the next rule strips; the texts must then agree.
    const fold = (t: string) => t.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u00a0/g, '?');
    const noGloss = out.text.replace(/\(([^\s()]{1,7})\)/g, (m, py: string) => (isTonedSyllable(py) ? '' : m));
    expect(noGloss.replace('<strong>', '')).toBe(fold(fixture(`${n}_reconstructed_original.txt`)).replace('<strong>', ''));
  });
});

describe('realignGbkShift: signals', () => {
  it.each([
    ['scar ?py)', '當(dāng)?shù)膬?yōu)良', /scar \?shù\)/],
    ['misfit gloss', '以縣域?yàn)閰^(qū)域', /misfit gloss \^\(qū\)/],
    ['ASCII sandwiched in CJK', '以縣域?yàn)閰^(qū)域', /ASCII \^ sandwiched/],
    ['rare-character cluster', '“兩不!钡臒岢比绱猴L(fēng)在', /rare-character cluster/],
    ['? before /tag>', '“我們將作出新的更大貢獻(xiàn)?!?/strong>\n', /missing its "<"/],
  ])('%s', (_n, input, re) => {
    const r = realignGbkShift(input, {}).repairs[0];
    expect(r).toBeDefined();
    expect(r!.evidence.join('\n')).toMatch(re);
  });

  it('an unrepairable strong signal leaves a diagnostic and no change', () => {
    const src = '這是?xyzq)測試';
    const out = realignGbkShift(src, {});
    expect(out.text).toBe(src);
  });
});

describe('realignGbkShift: clean text stays unchanged', () => {
  it.each(['001', '002', '003'])('seed %s', (n) => {
    const src = seed(n);
    const out = realignGbkShift(src, { prior });
    expect(out.text).toBe(src);
    expect(out.repairs).toEqual([]);
  });

  it.each(['000_reconstructed_original.txt', '004_reconstructed_original.txt'])('clean reconstruction %s', (f) => {
    const src = fixture(f);
    expect(realignGbkShift(src, { prior }).text).toBe(src);
  });

  it.each([
    '宜春鹍远科技有限公司落户,鹍远二期开工。',
    '邗江区委书记张耀武,邗江区',
    '踔厉奋发勇争先——萍乡市经济社会发展综述',
    '堅決按照省委擘畫的藍圖,咬定奮力奪取',
    '堅持干字當頭,春節後的首個工作日,範圍擴大,采取措施,后勁十足。',
    '鵾遠電子落戶,踔厲奮發!擘畫藍圖?',
    '太好了!我們贏了!',
    '如何深入貫徹落實省委全會精神?宜春市委',
    '中国江西网萍乡频道(djwpxpd)',
    '江西新闻(jxrb_jxnews)',
    '“1+2+N”模式,5G+MEC应用,AA+信用',
    '詳見http://www.example.com/index.php?aid=100108&x=1頁面',
    '衛(wèi)生院建設(shè)',
    '金(jīn)是一种金属',
    'Hello? World! a^b [x] {y} |z|',
  ])('%s', (src) => {
    const out = realignGbkShift(src, { prior });
    expect(out.text).toBe(src);
    expect(out.repairs).toEqual([]);
  });
});

describe('realignGbkShift: lost lead bytes anywhere', () => {
  it.each([
    ['a lone ASCII letter between CJK is a trail byte whose lead was lost (環 = AD 68)', '優化營商軟h境，推動高質量發展', '優化營商軟環境，推動高質量發展'],
    ['a lead byte the decoder showed as "?" before an ASCII trail byte (設 = D4 4F)', '項目的綠化情況及車道等配套?O施也均與承諾相差甚遠', '項目的綠化情況及車道等配套設施也均與承諾相差甚遠'],
    ['a scar with a lost lead byte: the gloss names the character, the dictionary picks it', '造成最直观(guān)的影?xiǎng)。\n注意', '造成最直观(guān)的影响(xiǎng)。\n注意'],
  ])('%s', (_name, input, expected) => {
    const out = realignGbkShift(input, {});
    expect(out.text).toBe(expected);
    expect(replayRepairs(input, out.repairs)).toBe(out.text);
    expect(realignGbkShift(out.text, {}).text).toBe(out.text);
  });

  it('a damaged run in Simplified text is found and realigned', () => {
    const { damaged, truth } = damageText('大力实施“链长制”，每个产业链都明确一名市领导牵头负责。', 3, { keepScript: true, lostLeads: 1, table: {} });
    expect(truth.events).toHaveLength(1);
    const out = realignGbkShift(damaged, {});
    expect(out.repairs.length).toBeGreaterThan(0);
    expect(out.text).not.toBe(damaged);
  });
});

describe('realignGbkShift: synthetic runs (damage model of src/synth/damage.ts)', () => {
  it('follows a run past rare characters and a user-defined (PUA) pair to the end of the line', () => {
    const { damaged } = damageText('目标，向实处发力，向深处拓展，努力交出一份合格答卷。', 1, { table: { 幫: 'bāng' }, straddle: 'none' });
    expect(damaged).toMatch(/[\uE000-\uF8FF]/u);
    const out = realignGbkShift(damaged).text;
    // 拓's lost lead byte is put back by the dictionary (拓展 is a word); 。's trail byte, eaten
    // at the end of the line, has nothing to tell it from other punctuation: a placeholder.
    expect(out).toBe('目標,向實處發力,向深處拓展，努力交出一份合格答卷\uFFFD');
  });

  it('a lone 0x80 trail byte shown as "?" is put back (個 = 82 80) and its gloss validates it', () => {
    const { damaged } = damageText('大力实施“链长制”，每个产业链都明确一名市领导。', 1, { table: { 總: 'zǒng', 個: 'gè' }, straddle: 'none' });
    expect(damaged).toContain('每?zǒng)?(gè)');
    expect(realignGbkShift(damaged).text).toContain('每個(gè)產業鏈');
  });
});
