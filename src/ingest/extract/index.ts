import type { Article } from '../../article.ts';

export interface ExtractOptions {
  /** Curator overrides read from `<id>.meta.yml` (data only, never code). */
  override?: Record<string, unknown> | null;
}

// PLACEHOLDER: being written.
export function extractMetadata(article: Article, _options: ExtractOptions = {}): Article {
  return article;
}
