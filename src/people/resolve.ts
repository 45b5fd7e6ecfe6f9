import type { Article, Person } from '../article.ts';

// PLACEHOLDER: being written.
export function resolvePeople(articles: Article[]): { articles: Article[]; people: Person[] } {
  return { articles, people: [] };
}
