import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingestCorpusSync } from '../../src/build/ingest.ts';

/**
 * Issue 6: ingestion never throws. Whatever the bytes, `ingestCorpus` returns, and the one input
 * ends as exactly one article or one skip with a reason, never an internal error. Runs are kept
 * small (≤ 200 per property) so `npm test` stays fast.
 */

/** 200 by default (fast `npm test`); FC_RUNS=5000 for a deeper hunt. */
const RUNS = Math.min(Number(process.env['FC_RUNS'] ?? 200), 100_000);

const NAMES = ['a.txt', 'page.html', 'noext', 'x.htm'];

function outcomeOf(name: string, bytes: Uint8Array) {
  const c = ingestCorpusSync([{ name, bytes }]);
  return { articles: c.articles, skipped: c.skipped };
}

function expectOneOutcome(name: string, bytes: Uint8Array): 'article' | 'skipped' {
  const { articles, skipped } = outcomeOf(name, bytes);
  expect(articles.length + skipped.length).toBe(1);
  for (const s of skipped) {
    expect(s.file).toBe(name);
    expect(s.reason).not.toMatch(/internal error/);
    expect(s.reason.length).toBeGreaterThan(0);
  }
  return articles.length ? 'article' : 'skipped';
}

// Text that looks like the damaged news this tool reads: common and rare ideographs, CJK and
// ASCII punctuation, pinyin-gloss-like fragments, lone and repeated `?`, spaces, line breaks,
// numbers, URLs and a bit of markup.
const han = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c));
const common = fc.constantFrom(
  ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质'.split(
    '',
  ),
);
const punct = fc.constantFrom('，', '。', '、', '：', '；', '！', '？', '“', '”', '（', '）', '《', '》', '…', '—', ',', '.', ':', ';', '!', '(', ')', '"', '%', '-', '/');
const gloss = fc.constantFrom('(wèi)', '(fēng)', '(dāng)', '(shù)', '(abc)', '(djwpxpd)', '(www.example.com)', '(2023)', '(qu)', '(lǚ)');
const piece = fc.oneof(
  { weight: 6, arbitrary: common },
  { weight: 2, arbitrary: han },
  { weight: 2, arbitrary: punct },
  { weight: 1, arbitrary: gloss },
  { weight: 1, arbitrary: fc.constantFrom('?', '??', '???', ' ', '  ', '\n', '\n\n', '\u3000', '\t') },
  { weight: 1, arbitrary: fc.constantFrom('2023年', '5月12日', '12345', 'http://www.example.cn/a?b=1', '</strong>', '<p>', '&nbsp;', '1+2+N', '5G+MEC') },
);
const chineseText = fc.tuple(common, fc.array(piece, { maxLength: 400 })).map(([first, rest]) => first + rest.join(''));

describe('ingestion never throws (property tests)', () => {
  it('random bytes: one article or one skip with a reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...NAMES), (bytes, name) => {
        expectOneOutcome(name, bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('random bytes behind a plausible start (BOMs, HTML heads, binary signatures)', () => {
    const heads = ['\ufeff', '<!DOCTYPE html><html><head><meta charset="gb2312">', '<html><body>', '%PDF-1.4\n', '本报讯（记者）', '\u00ff\u00fe'].map((h) =>
      h.startsWith('\u00ff') ? Buffer.from([0xff, 0xfe]) : Buffer.from(h),
    );
    fc.assert(
      fc.property(fc.constantFrom(...heads), fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...NAMES), (head, tail, name) => {
        expectOneOutcome(name, new Uint8Array(Buffer.concat([head, tail])));
      }),
      { numRuns: RUNS },
    );
  });

  it('random Chinese text in UTF-8 is always published', () => {
    fc.assert(
      fc.property(chineseText, (text) => {
        expect(expectOneOutcome('a.txt', new Uint8Array(Buffer.from(text)))).toBe('article');
      }),
      { numRuns: RUNS },
    );
  });

  it('random Chinese text in any supported encoding, as text or HTML: one outcome, never a crash', () => {
    const encodings = ['utf8', 'utf16le', 'utf16be', 'gb18030', 'gbk', 'big5'] as const;
    fc.assert(
      fc.property(chineseText, fc.constantFrom(...encodings), fc.boolean(), fc.boolean(), (text, enc, html, bom) => {
        const body = html ? `<html><head><meta charset="${enc === 'gbk' ? 'gb2312' : enc}"><title>${text.slice(0, 20)}</title></head><body><p>${text}</p></body></html>` : text;
        let bytes: Buffer;
        if (enc === 'utf16be') bytes = Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), Buffer.from(body, 'utf16le').swap16()]);
        else if (enc === 'utf16le') bytes = Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(body, 'utf16le')]);
        else if (enc === 'utf8') bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(body)]);
        else bytes = iconv.encode(body, enc);
        const outcome = expectOneOutcome(html ? 'page.html' : 'a.txt', new Uint8Array(bytes));
        // With a byte order mark the encoding is certain: the text must come through.
        if (bom && enc.startsWith('utf')) expect(outcome).toBe('article');
      }),
      { numRuns: RUNS },
    );
  });
});
