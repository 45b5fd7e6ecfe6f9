import { Locale } from 'opencc-js';
import type { Script } from '../article.ts';
import { dictionaryConverter, type ConverterConfig } from './dictionary-converter.ts';

// OpenCC's conversions, by opencc-js's dictionaries and configurations (its `Converter` gives the
// same; see src/text/dictionary-converter.ts for why it is not used): each made once, when first used.
let t2s: ((s: string) => string) | undefined;
let s2t: ((s: string) => string) | undefined;

/** Traditional (any variant) → Simplified (mainland). Reliable; a no-op on Simplified text. */
export function toSimplified(text: string): string {
  t2s ??= dictionaryConverter(Locale.configs.t2s as unknown as ConverterConfig);
  return t2s(text);
}

/**
 * Simplified → Traditional. Known to err (头发生→頭髮生, 了解了→瞭解瞭): whatever it produces
 * must be labelled machine-converted wherever it is shown.
 */
export function toTraditional(text: string): string {
  s2t ??= dictionaryConverter(Locale.configs.s2t as unknown as ConverterConfig);
  return s2t(text);
}

const HAN = /\p{Script=Han}/u;

/** Per character: 1 Traditional-only, 2 Simplified-only, 0 shared (the converters are pure). */
const charClass = new Map<string, 0 | 1 | 2>();

function classify(ch: string): 0 | 1 | 2 {
  let c = charClass.get(ch);
  if (c === undefined) {
    c = toSimplified(ch) !== ch ? 1 : toTraditional(ch) !== ch ? 2 : 0;
    charClass.set(ch, c);
  }
  return c;
}

/**
 * Counts Han characters that the t→cn converter changes (Traditional-only) and those that the
 * cn→t converter changes (Simplified-only). Characters the two scripts share count for neither.
 */
export function scriptEvidence(text: string): { han: number; traditionalOnly: number; simplifiedOnly: number } {
  let han = 0;
  let traditionalOnly = 0;
  let simplifiedOnly = 0;
  for (const ch of text) {
    if (!HAN.test(ch)) continue;
    han++;
    const c = classify(ch);
    if (c === 1) traditionalOnly++;
    else if (c === 2) simplifiedOnly++;
  }
  return { han, traditionalOnly, simplifiedOnly };
}

/**
 * Machine-converted Traditional text keeps a few Simplified leftovers (干 后 范 采 占…), so a
 * script is "mixed" only when neither side clearly dominates.
 */
export function detectScript(text: string): Script {
  const { traditionalOnly, simplifiedOnly } = scriptEvidence(text);
  const marked = traditionalOnly + simplifiedOnly;
  if (marked === 0) return 'hans';
  const share = traditionalOnly / marked;
  if (share >= 0.8) return 'hant';
  if (share <= 0.2) return 'hans';
  return 'mixed';
}
