import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { readSpooled, type Spooled } from './io/body-spool.ts';
import { BODY_FIELDS, type Article, type ArticleBody, type ArticleMeta, type Corpus } from './article.ts';

/**
 * An article whose body (texts, line labels, repair records) is held as deflated JSON: about
 * 8 KB instead of some 60 KB of JavaScript objects. A build keeps every article this way and
 * unpacks one at a time where a page or an export needs the whole record, so its memory grows
 * with the articles' metadata, not with their texts and repairs (20,000 articles: ~1.2 GB of
 * heap as objects). Corpus passes (people, years, indexes) read the metadata as it is.
 */
export interface PackedArticle extends ArticleMeta {
  /**
   * The body fields (`ArticleBody`) as JSON, packed by `packText`; its checksum catches damage.
   * A build moves them to a file while it renders (src/io/body-spool.ts).
   */
  body: Uint8Array | Spooled;
  /** Repairs by rule, for summaries and CSV rows that must not unpack every article. */
  repairCounts: Record<string, number>;
}

/** An article as a corpus holds it: whole (small corpora, tests) or packed (a build). */
export type StoredArticle = Article | PackedArticle;

const BODY = new Set<string>(BODY_FIELDS);

export function isPacked(a: StoredArticle): a is PackedArticle {
  return 'repairCounts' in a;
}

/** The packed bytes of a body, wherever they are kept. */
export function bodyBytes(body: PackedArticle['body']): Uint8Array {
  return body instanceof Uint8Array ? body : readSpooled(body);
}

export function packArticle(article: Article): PackedArticle & { body: Uint8Array } {
  const meta: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(article)) (BODY.has(k) ? body : meta)[k] = v;
  return { ...(meta as ArticleMeta), body: packText(JSON.stringify(body)), repairCounts: countRepairs(article.repairs) };
}

/** SHA-256 digests of packed bodies already known (kept in the cache with the entry): not hashed again. */
const knownDigests = new WeakMap<Uint8Array, string>();

/** Records `sha256` (hex) as the digest of `body`, which the caller has checked or just computed. */
export function rememberBodyDigest(body: Uint8Array, sha256: string): void {
  knownDigests.set(body, sha256);
}

/**
 * SHA-256 (hex) of a packed body's bytes, what a page's key names it by: the one kept with its
 * place in the build's spool, or with its cache entry, when there is one, so that a rebuild neither
 * reads a body back nor hashes 4,000 of them (0.1 s) to key unchanged pages.
 */
export function bodyDigest(body: PackedArticle['body']): string {
  if (!(body instanceof Uint8Array)) return body.sha256 ?? createHash('sha256').update(bodyBytes(body)).digest('hex');
  let digest = knownDigests.get(body);
  if (digest === undefined) knownDigests.set(body, (digest = createHash('sha256').update(body).digest('hex')));
  return digest;
}

/**
 * A text as deflated UTF-16LE bytes. UTF-16LE, not UTF-8: it is how V8 holds Chinese text, so
 * it converts at copying speed, and it deflates smaller (measured on generated articles'
 * bodies: unpacking 0.33 ms instead of 0.66 ms, 7.1 KB instead of 7.8 KB). Level 1: higher
 * levels save a few per cent of bytes for more time.
 */
export function packText(text: string): Uint8Array {
  // Copied into a buffer of its own size: zlib's result is a view on a larger chunk, and sending
  // a view to another thread sends the whole chunk (20,000 articles: 330 MB instead of 140 MB).
  return new Uint8Array(deflateSync(Buffer.from(text, 'utf16le'), { level: 1 }));
}

/** The text `packText` packed; throws on damaged bytes (zlib's checksum). */
export function unpackText(bytes: Uint8Array): string {
  return inflateSync(bytes).toString('utf16le');
}

/** The whole article (a new object each call); an unpacked one is returned as it is. */
export function unpackArticle(a: StoredArticle): Article {
  if (!isPacked(a)) return a;
  const { body, repairCounts: _, ...meta } = a;
  return { ...meta, ...unpackBody(body) };
}

/** Reads a packed body; throws on damaged bytes (zlib's checksum) or a body without its fields. */
export function unpackBody(body: PackedArticle['body']): ArticleBody {
  const parsed = JSON.parse(unpackText(bodyBytes(body))) as ArticleBody;
  if (typeof parsed?.source !== 'string' || !Array.isArray(parsed.repairs)) throw new Error('packed article body lacks its fields');
  return parsed;
}

/** Repairs by rule, whichever way the article is held. */
export function repairCountsOf(a: StoredArticle): Record<string, number> {
  return isPacked(a) ? a.repairCounts : countRepairs(a.repairs);
}

function countRepairs(repairs: Article['repairs']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of repairs) counts[r.rule] = (counts[r.rule] ?? 0) + 1;
  return counts;
}

/** A corpus with every article unpacked (tests and scripts that read whole records). */
export function unpackCorpus(corpus: Corpus<StoredArticle>): Corpus {
  return { articles: corpus.articles.map(unpackArticle), skipped: corpus.skipped, people: corpus.people };
}
