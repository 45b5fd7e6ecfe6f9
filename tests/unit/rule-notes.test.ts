import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestCorpusSync } from '../../src/build/ingest.ts';
import { REPAIR_RULES } from '../../src/ingest/repair/index.ts';
import { readInputDir } from '../../src/io/read-input.ts';
import { unpackArticle } from '../../src/packed-article.ts';
import { DIAGNOSTIC_NOTES, REPAIR_NOTES } from '../../src/site/rule-notes.ts';
import { seedCorpus } from '../support/seeds.ts';

/**
 * Every rule the pipeline can emit has a plain-language note for the About page
 * (src/site/rule-notes.ts): a new rule without one fails here, and so does a note whose rule
 * is gone.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
/** The code that makes records: stages, corpus passes, reading input (not the site). */
const EMITTING = ['ingest', 'people', 'build', 'io'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/**
 * The rule of every diagnostic the source writes: `rule: 'decode'`, or `rule: RULE` with
 * `const RULE = 'gbk-shift'` in the same file. Repairs get their rule from `applyEdits`, so
 * every `rule:` key in this code is a diagnostic's.
 */
function diagnosticRulesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of EMITTING.flatMap((d) => sourceFiles(join(SRC, d)))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\brule:\s*(?:'([^']+)'|([A-Z][A-Z0-9_]*)\b)/g)) {
      const name = m[1] ?? new RegExp(`const ${m[2]} = '([^']+)'`).exec(text)?.[1];
      if (!name) throw new Error(`${file}: cannot tell which rule ${m[0]} names`);
      found.set(name, file.slice(SRC.length));
    }
  }
  return found;
}

describe('rule notes', () => {
  it('every repair rule has a note, in the order the pipeline runs them, and no note is left without its rule', () => {
    expect(Object.keys(REPAIR_NOTES)).toEqual(REPAIR_RULES.map(([name]) => name));
  });

  it('every diagnostic rule written in the source has a note, and every note names a rule the source writes', () => {
    const found = diagnosticRulesInSource();
    // The scan itself works: it finds rules written both ways.
    expect([...found.keys()]).toEqual(expect.arrayContaining(['decode', 'segment-truncated', 'gbk-shift', 'pinyin-gloss']));
    const missing = [...found].filter(([rule]) => !DIAGNOSTIC_NOTES[rule]).map(([rule, file]) => `${rule} (${file})`);
    expect(missing, 'add these to DIAGNOSTIC_NOTES in src/site/rule-notes.ts').toEqual([]);
    expect(Object.keys(DIAGNOSTIC_NOTES).filter((rule) => !found.has(rule))).toEqual([]);
  });

  it('every rule met when ingesting the seeds and the hostile and front-matter fixtures has a note', () => {
    const fixtures = ['hostile', 'front-matter'].map((d) => fileURLToPath(new URL(`../fixtures/${d}/`, import.meta.url)));
    const articles = [...seedCorpus().articles, ...fixtures.flatMap((dir) => ingestCorpusSync(readInputDir(dir).files).articles.map(unpackArticle))];
    const repairRules = new Set(articles.flatMap((a) => a.repairs.map((r) => r.rule)));
    const diagnosticRules = new Set(articles.flatMap((a) => a.diagnostics.map((d) => d.rule)));
    expect(repairRules.size).toBeGreaterThan(3);
    expect(diagnosticRules.size).toBeGreaterThan(2);
    expect([...repairRules].filter((rule) => !REPAIR_NOTES[rule])).toEqual([]);
    expect([...diagnosticRules].filter((rule) => !DIAGNOSTIC_NOTES[rule])).toEqual([]);
  });
});
