import { readFileSync, readdirSync } from 'node:fs';
import { newArticle, type Article, type PageInfo } from '../../src/article.ts';
import { segmentArticle } from '../../src/ingest/segment.ts';

/** Shared by the extractor tests: fixtures, raw seeds, and a segmented article from text. */
export const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

export const seed = (prefix: string) => {
  const dir = new URL('../../seeds/', import.meta.url);
  return readFileSync(new URL(readdirSync(dir).find((n) => n.startsWith(prefix))!, dir), 'utf8');
};

/** `text` as an already-repaired article, segmented: what every extractor receives. */
export function seg(text: string, page: PageInfo | null = null): Article {
  const a = newArticle({ id: 't', sourceFile: 't', sha256: '', byteLength: 0, encoding: 'utf-8', format: page ? 'html' : 'text', source: text, page });
  return segmentArticle({ ...a, repaired: text });
}

export const BODY = '会议强调，各级各部门要切实履行职责，确保各项工作任务落到实处，不断增强人民群众的获得感。';
