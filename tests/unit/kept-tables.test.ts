import { describe, expect, it, vi } from 'vitest';

/**
 * The repairs' per-character tables (script facts and t→cn of opencc-js, readings of pinyin-pro)
 * are made at once and kept between processes (src/ingest/repair/kept.ts). A process reading
 * them back must answer exactly as one asking the packages character by character; kept bytes
 * that are not a table are made again. Each case loads the modules afresh (a new process would
 * have nothing in memory either).
 */
type Bytes = Uint8Array | null;

function memoryStores(kept: Map<string, Bytes>, log: string[]) {
  return (name: string) => ({
    load: () => {
      log.push(`load ${name}`);
      return kept.get(name) ?? null;
    },
    save: (bytes: Uint8Array) => {
      log.push(`save ${name}`);
      kept.set(name, bytes);
    },
  });
}

async function freshModules(stores?: ReturnType<typeof memoryStores>) {
  vi.resetModules();
  const kept = await import('../../src/ingest/repair/kept.ts');
  kept.keepTablesIn(stores);
  return { gbk: await import('../../src/ingest/repair/gbk.ts'), pinyin: await import('../../src/ingest/repair/pinyin.ts') };
}

/** Every answer the tables hold, for every BMP code point from the CJK radicals on, and a few beyond. */
function answers(m: Awaited<ReturnType<typeof freshModules>>): string[] {
  const out: string[] = [];
  const chars = ['a', '。', '𠀀', '𪚥', '乾'];
  for (let code = 0x2e80; code < 0x10000; code++) if (code < 0xd800 || code > 0xdfff) chars.push(String.fromCharCode(code));
  for (const ch of chars) {
    const facts = `${m.gbk.isSimplifiedOnly(ch) ? 's' : ''}${m.gbk.isTraditionalOnly(ch) ? 't' : ''}`;
    out.push(`${ch} ${m.gbk.simplifiedOf(ch)} ${facts} ${m.pinyin.readingsOf(ch).join(',')}`);
  }
  out.push([...m.pinyin.tonedSyllables()].sort().join(' '));
  return out;
}

describe('the per-character tables kept between processes', () => {
  const kept = new Map<string, Bytes>();
  const log: string[] = [];
  const live = (async () => answers(await freshModules()))();

  it('are made once and kept, with the answers asked one by one', async () => {
    const made = answers(await freshModules(memoryStores(kept, log)));
    expect(log.filter((l) => l.startsWith('save')).sort()).toEqual(['save pinyin-table', 'save script-table']);
    expect(made).toEqual(await live);
  }, 60_000);

  it('are read back by the next process, which answers the same', async () => {
    log.length = 0;
    const read = answers(await freshModules(memoryStores(kept, log)));
    expect(log.sort()).toEqual(['load pinyin-table', 'load script-table']);
    expect(read).toEqual(await live);
  }, 60_000);

  it.each([
    ['empty', new Uint8Array(0)],
    ['another file', new TextEncoder().encode('{"format":"something else"}\n')],
  ])(
    'are made again, and answer the same, when the kept bytes are not a table (%s)',
    async (_, bytes) => {
      const damaged = new Map<string, Bytes>([...kept].map(([name, b]) => [name, name === 'script-table' ? bytes : b]));
      log.length = 0;
      const again = answers(await freshModules(memoryStores(damaged, log)));
      expect(log).toContain('save script-table');
      expect(log).not.toContain('save pinyin-table');
      expect(again).toEqual(await live);
    },
    60_000,
  );

  it('answer the same when their store can be neither read nor written (a read-only or full cache)', async () => {
    const broken = () => ({
      load: () => {
        throw new Error('EACCES');
      },
      save: () => {
        throw new Error('ENOSPC');
      },
    });
    expect(answers(await freshModules(broken))).toEqual(await live);
  }, 60_000);

  it('hold the Simplified forms beyond the BMP too, so a process that reads them back never asks pinyin-pro', async () => {
    // `readingsOf` asks for a character and its Simplified form; t→cn gives some BMP characters
    // one beyond it (𠮶 for 囉). Asked live, one such form loaded pinyin-pro into a rebuild.
    const m = await freshModules();
    const astral = new Set<string>();
    for (let code = 0x2e80; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const s = m.gbk.simplifiedOf(String.fromCharCode(code));
      if (s.codePointAt(0)! > 0xffff) astral.add(s);
    }
    expect(astral.size).toBeGreaterThan(0);
    const read = await freshModules(memoryStores(kept, []));
    const readingsOfAstral = [...astral].map((form) => read.pinyin.readingsOf(form));
    expect((await import('../../src/text/pinyin-pro.ts')).pinyinProLoaded()).toBe(false);
    expect(readingsOfAstral).toEqual([...astral].map((form) => m.pinyin.readingsOf(form)));
  }, 60_000);

  it('refuse a table cut short or with a character twice', async () => {
    const pinyin = kept.get('pinyin-table')!;
    const text = new TextDecoder().decode(pinyin);
    const [head, chars, ...lines] = text.split('\n');
    const cs = [...chars!];
    const twice = `${head}\n${cs.slice(0, -1).join('')}${cs[0]}\n${lines.join('\n')}`;
    for (const bad of [pinyin.subarray(0, pinyin.length - 200), new TextEncoder().encode(twice)]) {
      log.length = 0;
      const m = await freshModules(memoryStores(new Map([...kept, ['pinyin-table', bad]]), log));
      expect(m.pinyin.readingsOf('衛')).toEqual(['wèi']);
      expect(log).toContain('save pinyin-table');
    }
    const script = kept.get('script-table')!;
    log.length = 0;
    const m = await freshModules(memoryStores(new Map([...kept, ['script-table', script.subarray(0, script.length - 2)]]), log));
    expect(m.gbk.isSimplifiedOnly('钡')).toBe(true);
    expect(log).toContain('save script-table');
  }, 60_000);
});
