import { describe, expect, it } from 'vitest';
import { findGlossTokens, stripPinyinGlosses } from '../../src/ingest/repair/pinyin-glosses.ts';
import { damageText, decodeGbkPairConsuming, findA3A1Straddles, mulberry32, replaceBytes, toDbc } from '../../src/synth/damage.ts';
import { fixtureText, seedText } from './seed-texts.ts';

/** The seed's own table: every gloss that fits its host (plus, for 004, 數 and 負, seen only in straddles). */
function seedTable(id: '000' | '004'): Map<string, string> {
  const table = new Map<string, string>();
  for (const t of findGlossTokens(seedText(id))) if (t.fits) table.set(t.host, t.syllable);
  if (id === '004') {
    table.set('數', 'shù');
    table.set('負', 'fù');
  }
  return table;
}

describe('damageText reproduces the seeds byte for byte', () => {
  it.each([
    ['000', 'question', 50, 215],
    ['004', 'drop', 52, 292],
  ] as const)('seed %s (straddle damage: %s)', (id, straddle, tableSize, insertions) => {
    const original = fixtureText(`damage/${id}_reconstructed_original.txt`);
    const table = seedTable(id);
    expect(table.size).toBe(tableSize);
    const { damaged, truth } = damageText(original, 1, { traditional: true, table, straddle });
    expect(damaged).toBe(seedText(id));
    expect(truth.insertions).toBe(insertions);
    expect(truth.straddles).toHaveLength(1);
    expect(truth.original).toBe(original);
  });

  it('the order matters: descending code order does not reproduce 004', () => {
    const original = fixtureText('damage/004_reconstructed_original.txt');
    const { damaged } = damageText(original, 1, { traditional: true, table: seedTable('004'), straddle: 'drop', order: 'descending' });
    expect(damaged).not.toBe(seedText('004'));
  });
});

describe('damage model parts', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it.each([
    ['valid pair', [0xb7, 0xa2], '发'],
    ['lead + printable invalid byte: one ?', [0xb1, 0x3c, 0x2f], '?/'],
    ['lead + ( eaten as a pair', [0xf2, 0x28, 0x79], '?y'],
    ['lead before a control byte keeps the control byte', [0xb1, 0x0a], '?\n'],
    ['dangling lead at the end', [0x41, 0xb1], 'A?'],
  ])('decodeGbkPairConsuming: %s', (_name, bytes, expected) => {
    expect(decodeGbkPairConsuming(Uint8Array.from(bytes))).toBe(expected);
  });

  it('toDbc folds full-width ASCII and U+3000 only', () => {
    expect(toDbc('，：！？（）ＡＢ１\u3000…﹑\u00a0')).toBe(',:!?()AB1 …﹑\u00a0');
  });

  it('replaceBytes is str_replace: non-overlapping, left to right', () => {
    const r = replaceBytes(Buffer.from('aaaa'), Buffer.from('aa'), Buffer.from('b'));
    expect(r.bytes.toString()).toBe('bb');
    expect(r.count).toBe(2);
  });

  it('finds the A3|A1 straddle of 停” and 。”', () => {
    expect(findA3A1Straddles('兩不停”')).toEqual([4]);
    expect(findA3A1Straddles('貢獻。”')).toEqual([4]);
    expect(findA3A1Straddles('停，')).toEqual([]);
  });
});

describe('damageText on clean Simplified text', () => {
  const clean = fixtureText('damage/000_reconstructed_original.txt');

  it('is deterministic for a seed', () => {
    expect(damageText('我们将坚决推进发展，为实现经济社会高质量发展作出贡献。', 7)).toEqual(damageText('我们将坚决推进发展，为实现经济社会高质量发展作出贡献。', 7));
  });

  it.each([1, 2, 3])('seed %i: table of Traditional-only, toned characters; glosses strip back', (seed) => {
    const simplified = '全市上下要全面深入学习贯彻党的二十大精神，坚决落实中央经济工作会议精神。'.repeat(3) + '发展态势和质效持续站稳全省第一方阵，建设区域中心城市。';
    const { damaged, truth } = damageText(simplified, seed, { tableSize: 12, straddle: 'none' });
    expect(truth.table.length).toBeGreaterThan(0);
    expect(truth.table.length).toBeLessThanOrEqual(12);
    for (const e of truth.table) expect(e.reading).toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/);
    expect(damaged).not.toMatch(/[，：]/);
    // Without straddles, removing the glosses gives the folded original back.
    const stripped = stripPinyinGlosses(damaged, {}).text;
    if (!damaged.includes('?')) expect(stripped).toBe(toDbc(truth.original));
  });

  it('NBSP becomes ? and is counted', () => {
    const { damaged, truth } = damageText('标题\u00a0\n正文', 1, { traditional: true, table: {}, straddle: 'none' });
    expect(damaged).toBe('标题?\n正文');
    expect(truth.unencodable).toBe(1);
  });

  it('variants: doubled gloss and a space after the gloss', () => {
    const table = { 發: 'fā' };
    expect(damageText('發展', 1, { traditional: true, table, doubleGloss: true }).damaged).toBe('發(fā)(fā)展');
    expect(damageText('發展', 1, { traditional: true, table, spaceAfterGloss: true }).damaged).toBe('發(fā) 展');
  });

  it('the reconstruction itself is long enough to sample a 50-character table', () => {
    const { truth } = damageText(clean, 5, { traditional: true });
    expect(truth.table).toHaveLength(50);
    const codes = truth.table.map((e) => e.gbk);
    expect(codes).toEqual([...codes].sort());
  });
});
