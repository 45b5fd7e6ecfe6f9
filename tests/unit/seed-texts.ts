import { readFileSync } from 'node:fs';

/** Seed articles and fixtures for the repair-rule tests (never ../shared). */
const SEEDS = new URL('../../seeds/', import.meta.url);
const FIXTURES = new URL('../fixtures/', import.meta.url);

export const SEED_FILES = {
  '000': '000_df92d579d6d8ad85.txt',
  '001': '001_8100e753179c915b.txt',
  '002': '002_c554e1db008685c7.txt',
  '003': '003_fb3c97319014020c.txt',
  '004': '004_d8659d5c0ee6c233.txt',
} as const;
export type SeedId = keyof typeof SEED_FILES;
export const SEED_IDS = Object.keys(SEED_FILES) as SeedId[];

export function seedText(id: SeedId): string {
  return readFileSync(new URL(SEED_FILES[id], SEEDS), 'utf8');
}

export function fixtureText(path: string): string {
  return readFileSync(new URL(path, FIXTURES), 'utf8');
}

/**
 * The seeds as the GBK realigner leaves them: the five byte-shift runs R1–R5 of the forensic
 * analysis replaced by their recovered text, glosses kept.
 */
const REALIGNED: Record<'000' | '004', Array<[string, string]>> = {
  '000': [
    ['貢獻(xiàn)?!?/strong>', '貢獻(xiàn)。”</strong>'],
    ['以縣域?yàn)閰^(qū)域', '以縣域為區(qū)域'],
  ],
  '004': [
    ['當(dāng)?shù)膬?yōu)良', '當(dāng)的優(yōu)良'],
    ['兩不!钡臒岢比绱猴L(fēng)', '兩不停”的熱潮如春風(fēng)'],
    ['重?fù)?dān)', '重擔(dān)'],
  ],
};

export function realignedSeed(id: '000' | '004'): string {
  let text = seedText(id);
  for (const [garbled, fixed] of REALIGNED[id]) {
    if (!text.includes(garbled)) throw new Error(`fixture drift: ${garbled} not in seed ${id}`);
    text = text.replace(garbled, fixed);
  }
  return text;
}
