import type { Article } from '../article.ts';

// PLACEHOLDER: being written. Labels every line; body = every non-blank line for now.
export function segmentArticle(article: Article): Article {
  const lines = article.repaired.split('\n');
  const segments = lines.map((text, i) => ({ kind: text.trim() ? ('body' as const) : ('blank' as const), text, line: i + 1 }));
  const text = segments.filter((s) => s.kind === 'body').map((s) => s.text.trim()).join('\n');
  return { ...article, segments, text };
}
