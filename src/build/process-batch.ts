import type { Article } from '../article.ts';
import { packArticle, type PackedArticle } from '../packed-article.ts';
import { processArticle } from '../ingest/index.ts';
import { PriorFailed, priorChars, type LazyPrior, type PriorAnswers } from './prior-sample.ts';

export interface ProcessTask {
  article: Article;
  override: Record<string, unknown> | null;
}

export type ProcessResult =
  | { ok: true; article: PackedArticle; consultedPrior: boolean; priorAnswers: PriorAnswers | null; priorChars: number }
  | { ok: false; error: string; stack?: string; priorFailed?: true };

/**
 * Processes decoded articles one by one, recording per article whether the corpus prior was read.
 * Shared by the worker and the in-process path so both produce the same records. Records come
 * back packed: packing runs here, on all cores, and a packed record crosses to the main thread
 * as bytes instead of some 60 KB of objects to clone.
 */
export function processBatch(tasks: readonly ProcessTask[], prior: LazyPrior): ProcessResult[] {
  return tasks.map(({ article, override }) => {
    prior.resetConsulted();
    try {
      const out = processArticle(article, { prior, override });
      return { ok: true, article: packArticle(out), consultedPrior: prior.consulted, priorAnswers: prior.consulted ? prior.answers() : null, priorChars: priorChars(article.source) };
    } catch (err) {
      if (err instanceof PriorFailed) return { ok: false, error: err.message, priorFailed: true };
      return { ok: false, error: (err as Error).message, stack: (err as Error).stack ?? (err as Error).message };
    }
  });
}
