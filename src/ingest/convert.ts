import type { Article } from '../article.ts';
import { detectScript, toSimplified, toTraditional } from '../text/script.ts';

/**
 * Detects the article's script and renders the body in both scripts. The original is kept as
 * `text`; a Traditional rendering of a Simplified original is flagged machine-made, because
 * cn→t conversion has known errors (头发生→頭髮生).
 */
export function convertScript(article: Article): Article {
  const script = detectScript(article.text || article.repaired);
  const textHans = toSimplified(article.text);
  const original = script === 'hant';
  return {
    ...article,
    script,
    textHans,
    textHant: original ? article.text : toTraditional(article.text),
    textHantMachine: !original,
  };
}
