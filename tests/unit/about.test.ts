import { resolvePeople } from '../../src/people/resolve.ts';
import { describe, expect, it } from 'vitest';
import type { Article, Corpus, DateField, Diagnostic, Repair, Skipped } from '../../src/article.ts';
import { packArticle } from '../../src/packed-article.ts';
import { aboutView, type AboutOptions, LISTED_PER_DIAGNOSTIC, LISTED_SKIPPED } from '../../src/site/about.ts';
import { citationsOf } from '../../src/site/citation.ts';
import { describeDate } from '../../src/site/date-label.ts';
import { REPAIR_NOTES } from '../../src/site/rule-notes.ts';
import { buildSiteData } from '../../src/site/site-data.ts';
import { makeArticle } from '../site/support/corpus.ts';
import { seedCorpus } from '../support/seeds.ts';

const OPTIONS: AboutOptions = { origin: '', base: '/', pipelineDigest: 'f'.repeat(64), articleUrl: (a) => `/articles/${a.id}/` };

/** People resolved as a build does: journalists (reporters, editors) are counted from them. */
const corpusOf = (articles: Article[], skipped: Skipped[] = []): Corpus => ({ articles, skipped, people: resolvePeople(articles).people });

function date(precision: DateField['precision'], value: string | null, year: number | null, month: number | null, day: number | null, suggestedYear: number | null = null): DateField {
  return { value, precision, year, month, day, from: 'header', evidence: '', suggestedYear: suggestedYear === null ? null : { year: suggestedYear, reasoning: ['x'] } };
}
const repair = (rule: string): Repair => ({ rule, span: [0, 1], before: 'a', after: 'b', confidence: 'high', evidence: [] });
const diagnostic = (rule: string, severity: Diagnostic['severity'] = 'warning'): Diagnostic => ({ rule, severity, message: `${rule} happened` });
const withDiagnostics = (id: string, ...diagnostics: Diagnostic[]) => makeArticle(id, { diagnostics });

interface Case {
  name: string;
  corpus: Corpus;
  options?: Partial<AboutOptions>;
  /** What the view must contain (`toMatchObject`). */
  expected: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'an empty archive: zero everywhere, no span, every rule listed as not fired',
    corpus: corpusOf([]),
    expected: {
      ingested: { inputs: 0, articles: 0, span: null, outlets: 0, regions: { total: 0 }, people: 0, skipped: { files: 0, listed: [], more: 0 } },
      repairs: { total: 0, articles: 0, rules: [], notFired: Object.keys(REPAIR_NOTES) },
      report: {
        findings: [],
        conflicts: [],
        zh: '本次构建读取 0 个文件，发布 0 篇文章，0 个文件被跳过或有问题，修复 0 处。',
        en: 'This build read 0 files, published 0 articles, skipped or found a problem in 0 files, and made 0 repairs.',
      },
    },
  },
  {
    name: 'the build report in one sentence, singular where a count is 1, with the newest date',
    corpus: corpusOf([makeArticle('a', { repairs: [repair('punctuation')] })], [{ file: 'x.txt', reason: 'empty file (0 bytes)' }]),
    expected: {
      ingested: { regions: { zh: '3（省 1、市 1、县区 1）', en: '1 province, 1 city, 1 county' }, skipped: { zh: '1 个文件被跳过或有问题。', en: '1 file was skipped or had a problem.' } },
      report: {
        zh: '本次构建读取 2 个文件，发布 1 篇文章，1 个文件被跳过或有问题，修复 1 处。最新一篇文章的日期是2023年5月6日。',
        en: 'This build read 2 files, published 1 article, skipped or found a problem in 1 file, and made 1 repair. The newest article is dated 6 May 2023.',
      },
    },
  },
  {
    name: 'files by format, script and encoding, most frequent first',
    corpus: corpusOf([
      makeArticle('a', { format: 'html', script: 'hans', encoding: 'gb18030' }),
      makeArticle('b', { format: 'text', script: 'hant', encoding: 'big5' }),
      makeArticle('c', { format: 'text', script: 'hant', encoding: 'utf-8' }),
    ]),
    expected: {
      ingested: {
        articles: 3,
        formats: [
          { label: '纯文本 Plain text', count: 2 },
          { label: 'HTML 网页 HTML pages', count: 1 },
        ],
        scripts: [
          { label: '繁體原文 Traditional originals', count: 2 },
          { label: '简体原文 Simplified originals', count: 1 },
        ],
        encodings: [
          { label: 'big5', count: 1 },
          { label: 'gb18030', count: 1 },
          { label: 'utf-8', count: 1 },
        ],
      },
    },
  },
  {
    name: 'the date span runs from the earliest to the newest dated article; month-day and undated ones stay out of it',
    corpus: corpusOf([
      makeArticle('a', { date: date('month', '2023-08', 2023, 8, null) }),
      makeArticle('b', { date: date('datetime', '2021-10-01T09:04+08:00', 2021, 10, 1) }),
      makeArticle('c', { date: date('month-day', '--01-28', null, 1, 28, 2023) }),
      makeArticle('d', { date: null }),
    ]),
    expected: {
      ingested: { span: { from: { zh: '2021年10月1日 09:04', en: '1 October 2021 09:04' }, to: { zh: '2023年8月', en: 'August 2023' } } },
      report: { en: expect.stringContaining('The newest article is dated August 2023.') },
      extraction: expect.arrayContaining([
        {
          label: '日期 Date',
          count: 3,
          parts: [
            { label: '日期和时间 date and time', count: 1 },
            { label: '年月 year and month', count: 1 },
            { label: '月日，年份不详 month and day, year unknown', count: 1 },
            { label: '推测年份（非原文） suggested year, not in source', count: 1 },
          ],
        },
      ]),
    },
  },
  {
    name: 'one outlet across scripts (江西日报 = 江西日報), regions counted once per level',
    corpus: corpusOf([
      makeArticle('a', { outlet: { value: '江西日报', from: 'header', evidence: '' }, region: { province: '江西省', city: '萍乡市', county: null, code: null, from: 'body', evidence: '' } }),
      makeArticle('b', { outlet: { value: '江西日報', from: 'header', evidence: '' }, region: { province: '江西省', city: '宜春市', county: null, code: null, from: 'body', evidence: '' } }),
      makeArticle('c', { outlet: null, region: null }),
    ]),
    expected: {
      ingested: { outlets: 1, regions: { total: 3, provinces: 1, cities: 2, counties: 0 } },
      extraction: expect.arrayContaining([
        { label: '媒体（来源） Outlet', count: 2, parts: [] },
        { label: '地区 Region', count: 2, parts: [{ label: '到市 to the city', count: 2 }] },
      ]),
    },
  },
  {
    name: 'repairs by rule in the order the pipeline runs them, an unknown rule last and without a note',
    corpus: corpusOf([
      makeArticle('a', { repairs: [repair('punctuation'), repair('punctuation'), repair('gbk-shift')] }),
      makeArticle('b', { repairs: [repair('punctuation'), repair('made-up')] }),
      makeArticle('c', { repairs: [] }),
    ]),
    expected: {
      repairs: {
        total: 5,
        articles: 2,
        rules: [
          { rule: 'gbk-shift', repairs: 1, articles: 1, note: REPAIR_NOTES['gbk-shift'] },
          { rule: 'punctuation', repairs: 3, articles: 2, note: REPAIR_NOTES['punctuation'] },
          { rule: 'made-up', repairs: 1, articles: 1, note: null },
        ],
        notFired: ['pinyin-gloss', 'html-residue', 'lost-characters', 'whitespace', 'paragraphs'],
      },
    },
  },
  {
    name: 'diagnostics in sentences by severity and rule, counting articles, not messages; conflicts apart',
    corpus: corpusOf([
      withDiagnostics('a', diagnostic('gbk-shift'), diagnostic('gbk-shift'), diagnostic('date-conflict', 'info')),
      withDiagnostics('b', diagnostic('gbk-shift'), diagnostic('decode', 'info')),
      withDiagnostics('c', diagnostic('segment-no-body'), diagnostic('made-up', 'error')),
    ]),
    expected: {
      report: {
        findings: [
          { rule: 'made-up', severity: '错误 error', articleCount: 1, zh: '1 篇文章有“made-up”诊断（无说明）。', en: '1 article had a “made-up” diagnostic (no explanation recorded).' },
          {
            rule: 'gbk-shift',
            severity: '警告 warning',
            articleCount: 2,
            messages: 3,
            zh: '2 篇文章中，有文字未能完全修复：疑似 GBK 字节错位的乱码原样保留（或修复时间用尽）。',
            en: 'In 2 articles, text could not be fully repaired: a suspected GBK byte-shift run was left as it was (or the repair ran out of time).',
            listed: [
              { title: '标题 a', url: '/articles/a/', lang: 'zh-Hans' },
              { title: '标题 b', url: '/articles/b/', lang: 'zh-Hans' },
            ],
            more: 0,
          },
          { rule: 'segment-no-body', severity: '警告 warning', articleCount: 1, en: 'In 1 article, no body text was found.' },
          { rule: 'decode', severity: '提示 info', articleCount: 1 },
        ],
        conflicts: [{ rule: 'date-conflict', severity: '提示 info', conflict: true, articleCount: 1 }],
      },
    },
  },
  {
    name: `a diagnostic names its first ${LISTED_PER_DIAGNOSTIC} articles and counts the rest`,
    corpus: corpusOf(Array.from({ length: LISTED_PER_DIAGNOSTIC + 3 }, (_, i) => withDiagnostics(`x${String(i).padStart(2, '0')}`, diagnostic('segment-truncated')))),
    expected: { report: { findings: [{ rule: 'segment-truncated', articleCount: LISTED_PER_DIAGNOSTIC + 3, more: 3 }] } },
  },
  {
    name: `skipped files: each with its reason, the first ${LISTED_SKIPPED} listed, bugs counted, every file counted once`,
    corpus: corpusOf(
      [makeArticle('a')],
      [
        ...Array.from({ length: LISTED_SKIPPED + 2 }, (_, i) => ({ file: `bad-${String(i).padStart(2, '0')}.txt`, reason: 'empty file (0 bytes)' })),
        { file: 'zz.txt', reason: 'internal error in extract (a bug in newsarchive, not a problem with this file): x', bug: { stage: 'extract', stack: '' } },
        { file: 'zz.txt', reason: 'a second problem with the same file' },
        // A problem with a file that was published all the same is not a second input.
        { file: 'a.txt', reason: 'front matter with no article text after it' },
      ],
    ),
    expected: {
      ingested: {
        inputs: 1 + LISTED_SKIPPED + 3,
        skipped: {
          // a.txt is published and has a problem: counted among files with a problem, not twice as input.
          files: LISTED_SKIPPED + 4,
          en: `${LISTED_SKIPPED + 4} files were skipped or had a problem, 1 of them because of a bug in newsarchive.`,
          // Entries beyond the listed ones (a file with two problems has two).
          more: 5,
          listed: expect.arrayContaining([{ file: 'bad-00.txt', reason: 'empty file (0 bytes)' }]),
        },
      },
    },
  },
  {
    name: 'built without --site-url: no site address, citations completed in the browser, addresses under the base path',
    corpus: corpusOf([]),
    options: { origin: '', base: '/archive/' },
    expected: { citing: { siteUrl: null, articleUrlPattern: '/archive/articles/<id>/' } },
  },
  {
    name: 'built with --site-url: the address is named and the pattern is absolute',
    corpus: corpusOf([]),
    options: { origin: 'https://example.org', base: '/' },
    expected: { citing: { siteUrl: 'https://example.org', articleUrlPattern: 'https://example.org/articles/<id>/' }, report: { pipelineDigest: 'f'.repeat(64) } },
  },
  {
    name: 'bylines, officials, compilations and truncated articles counted',
    corpus: corpusOf([
      makeArticle('a', {
        bylines: { reporters: ['梁健'], authors: [], editors: ['王明'], chiefEditors: [], reviewers: [] },
        officials: [{ name: '严允', nameHans: '严允', posts: ['市委书记'], level: 'prefecture', role: 'interviewee', personId: 'p-严允', evidence: '' }],
        truncated: true,
      }),
      makeArticle('b', { parts: [{ title: 't', interviewee: null, reporters: [], body: 'b' }] }),
    ]),
    expected: {
      // 梁健 the reporter and 王明 the editor, as /reporters/ lists them; not 严允 the official.
      ingested: { reporters: 2 },
      extraction: expect.arrayContaining([
        {
          label: '署名 Bylines',
          count: 1,
          parts: [
            { label: '记者 reporters', count: 1 },
            { label: '编辑 editors', count: 1 },
          ],
        },
        { label: '官员 Officials', count: 1, parts: [{ label: '人次 mentions', count: 1 }] },
        { label: '合集（多篇） Compilations', count: 1, parts: [] },
        { label: '不完整（仅一页） Truncated, one page only', count: 1, parts: [] },
      ]),
    },
  },
];

describe('aboutView', () => {
  it.each(cases)('$name', ({ corpus, options, expected }) => {
    expect(aboutView(corpus, { ...OPTIONS, ...options })).toMatchObject(expected);
  });

  it('says the same of packed articles as of whole ones', () => {
    const articles = [makeArticle('a', { repairs: [repair('punctuation'), repair('whitespace')], diagnostics: [diagnostic('gbk-shift')] }), makeArticle('b', { script: 'hant' })];
    const packed = { ...corpusOf([]), articles: articles.map(packArticle) };
    expect(aboutView(packed, OPTIONS)).toEqual(aboutView(corpusOf(articles), OPTIONS));
  });

  it('explains every citation format an article page offers, in the same order', () => {
    const offered = citationsOf({ id: 'a', title: 't', authors: [], outlet: null, date: describeDate(null), url: '/a/', sha256: '0'.repeat(64), sourceFile: 'a.txt' }).map((c) => [c.format, c.label]);
    expect(aboutView(corpusOf([]), OPTIONS).citing.formats.map((f) => [f.format, f.label])).toEqual(offered);
  });

  it('counts the seeds as their index pages do (outlets, regions, people, reporters)', () => {
    const corpus = seedCorpus();
    const site = buildSiteData(corpus, '/');
    const about = site.data.about;
    expect(about.ingested.articles).toBe(corpus.articles.length);
    expect(about.ingested.outlets).toBe(site.data.outlets.list.length);
    expect(about.ingested.regions.total).toBe(site.data.regions.list.length);
    expect(about.ingested.people).toBe(site.data.people.length);
    expect(about.ingested.reporters).toBe(site.data.reporters.count);
    expect(about.repairs.total).toBe(corpus.articles.reduce((n, a) => n + a.repairs.length, 0));
  });
});
