import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as engine from '../../src/browser/search-engine.ts';
import { BROWSER_SCRIPTS, browserScripts, engineScript } from '../../src/site/browser-scripts.ts';

describe('browserScripts (src/browser bundled by esbuild)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'na-browser-scripts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes the scripts the templates load, as ES modules with nothing of TypeScript left', () => {
    const scripts = browserScripts();
    expect([...scripts.keys()].sort()).toEqual(Object.keys(BROWSER_SCRIPTS).sort());
    for (const [name, text] of scripts) {
      // ES modules (the engine exports, the search page imports; the article page's scripts do neither), not wrapped in a function.
      if (name !== 'cite.js' && name !== 'script-choice.js') expect(text, name).toMatch(/^(export|import) \{/m);
      expect(text, name).not.toMatch(/^\(\(\) => \{|\brequire\(/m);
      expect(text, name).not.toMatch(/\bdeclare const\b|\binterface \w+ \{|: (string|number|boolean)\b[,)]/);
      // Names its source relative to the project, never by an absolute path.
      expect(text, name).toContain(`// ${BROWSER_SCRIPTS[name]}\n`);
      expect(text, name).not.toContain(process.cwd());
    }
    expect(engineScript()).toBe(scripts.get('search-engine.js'));
    expect(engineScript()).toMatch(/^export \{/m);
  });

  it('keeps the engine a file of its own that the page script imports as ./search-engine.js', () => {
    const page = browserScripts().get('search.js')!;
    expect(page).toMatch(/^import \{[^}]*\bopenIndex\b[^}]*\} from "\.\/search-engine\.js";$/m);
    expect(page).not.toContain('function openIndex');
    // Text the reader sees stays readable UTF-8, not \u escapes.
    expect(page).toContain('搜索出错 Search failed');
  });

  it('ships an engine that gives what the build computes with the TypeScript module', async () => {
    const file = join(dir, 'search-engine.mjs');
    writeFileSync(file, engineScript());
    const shipped = (await import(pathToFileURL(file).href)) as typeof engine;
    expect(Object.keys(shipped).sort()).toEqual(Object.keys(engine).sort());
    expect(shipped.INDEX_VERSION).toBe(engine.INDEX_VERSION);
    const text = '萍乡经开区建设 GDP增长５.２% 𠀀𠀁 劉爍';
    expect([...shipped.textTokens(text)]).toEqual([...engine.textTokens(text)]);
    for (const q of ['萍乡经开区', '"萍乡 经开区"', 'GDP 2023']) expect(shipped.queryTokens(q)).toEqual(engine.queryTokens(q));
    for (const token of ['经开区', 'gdp', '𠀀']) expect(shipped.bucketOf(token, 97)).toBe(engine.bucketOf(token, 97));
    expect(shipped.encodePosting([0, 2, 48], [3, 1, 1])).toBe(engine.encodePosting([0, 2, 48], [3, 1, 1]));
    expect(shipped.decodePosting('0.3,2,1a')).toEqual(engine.decodePosting('0.3,2,1a'));
  });
});
