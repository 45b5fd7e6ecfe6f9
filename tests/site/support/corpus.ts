import { createHash } from 'node:crypto';
import { newArticle, type Article } from '../../../src/article.ts';
import type { Corpus } from '../../../src/article.ts';

/** A hand-made article with every metadata field filled (the site must not need the pipeline). */
export function makeArticle(id: string, over: Partial<Article> = {}, text = '市委书记主持会议并讲话。\n会议强调要推进发展。'): Article {
  const base = newArticle({
    id,
    sourceFile: `${id}.txt`,
    sha256: createHash('sha256')
      .update(id + text)
      .digest('hex'),
    byteLength: text.length,
    encoding: 'utf-8',
    format: 'text',
    source: text,
  });
  return {
    ...base,
    text,
    textHans: text,
    textHant: text,
    textHantMachine: true,
    title: { value: `标题 ${id}`, from: 'header', evidence: '', subtitle: null, derived: false },
    date: { value: '2023-05-06', from: 'header', evidence: '', precision: 'date', year: 2023, month: 5, day: 6, suggestedYear: null },
    outlet: { value: '测试日报', from: 'header', evidence: '' },
    region: { province: '江西省', city: '萍乡市', county: '安源区', code: '360302', from: 'body', evidence: '' },
    ...over,
  };
}

export function makeCorpus(articles: Article[]): Corpus {
  return { articles, skipped: [{ file: 'empty.txt', reason: 'empty file' }], people: [] };
}
