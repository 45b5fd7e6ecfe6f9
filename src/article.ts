/**
 * The one record every pipeline stage reads and returns.
 *
 * Stages are pure functions `(article, options) => article`; only `src/io`, the CLI and the
 * Eleventy config touch the file system. Every change to the text leaves a `Repair`, every
 * extracted fact is a `Field` that says where it came from.
 */

export type Confidence = 'high' | 'medium' | 'low';
export type Severity = 'error' | 'warning' | 'info';
export type Script = 'hant' | 'hans' | 'mixed';

/** A candidate for a character that cannot be read from the text (a lost GBK byte). */
export interface Candidate {
  char: string;
  /** GBK bytes in hex, when the candidate comes from a byte-level hypothesis. */
  bytes?: string;
  score?: number;
}

/**
 * One edit. `span` is [start, end) in UTF-16 code units of the text *as it was when this edit
 * was applied*: replaying `repairs` in array order over `article.source` reproduces
 * `article.repaired` exactly (see `replayRepairs`).
 */
export interface Repair {
  rule: string;
  span: [number, number];
  before: string;
  after: string;
  confidence: Confidence;
  evidence: string[];
  /** 1-based line of the edit in the text it was applied to. */
  line?: number;
  /** For placeholders and guessed characters: the alternatives a reader (or a model) may pick. */
  candidates?: Candidate[];
}

/** Damage or doubt found in content: never an exception (vfile-style message). */
export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  /** Offset in code units (or bytes, for decoding diagnostics: then `unit` says so). */
  offset?: number;
  unit?: 'byte' | 'char';
}

/** Where a fact came from, so a page can say it. */
export type FieldSource =
  | 'header'
  | 'label'
  | 'url'
  | 'byline'
  | 'lede'
  | 'body'
  | 'html-title'
  | 'html-meta'
  | 'copyright'
  | 'inference'
  | 'override'
  | 'none';

export interface Field<T> {
  value: T;
  from: FieldSource;
  evidence: string;
}

export interface TitleField extends Field<string | null> {
  subtitle: string | null;
  /** True when no headline exists and the title was made from the lead sentence. */
  derived: boolean;
}

export type DatePrecision = 'datetime' | 'date' | 'month' | 'month-day' | 'year' | 'none';

export interface DateField extends Field<string | null> {
  /** `2022-07-20T11:04:16+08:00`, `2022-07-20`, `2023-08`, `--01-28`, `2023` or null. */
  precision: DatePrecision;
  year: number | null;
  month: number | null;
  day: number | null;
  /** A year suggested by context, never presented as fact. */
  suggestedYear: { year: number; reasoning: string[] } | null;
}

export interface Region {
  province: string | null;
  city: string | null;
  county: string | null;
  /** GB/T 2260 code of the most specific level found. */
  code: string | null;
  from: FieldSource;
  evidence: string;
}

export type OfficialRole = 'interviewee' | 'present' | 'mentioned';

export interface Official {
  /** As written in the article (original script). */
  name: string;
  nameHans: string;
  /** Every post as written, e.g. ['市委副书记、市长'] (original script). */
  posts: string[];
  level: 'national' | 'provincial' | 'prefecture' | 'county' | 'township' | 'zone' | 'unknown';
  role: OfficialRole;
  personId: string;
  evidence: string;
}

export interface Bylines {
  reporters: string[];
  authors: string[];
  editors: string[];
  chiefEditors: string[];
  reviewers: string[];
}

export interface Part {
  title: string;
  interviewee: { name: string; posts: string[] } | null;
  reporters: string[];
  body: string;
}

export type SegmentKind =
  | 'url'
  | 'nav'
  | 'title'
  | 'subtitle'
  | 'dateline'
  | 'byline'
  | 'credit'
  | 'source'
  | 'heading'
  | 'body'
  | 'pagination'
  | 'boilerplate'
  | 'chrome'
  | 'blank';

/** One line of the repaired document, labelled. Nothing is dropped: chrome is kept, labelled. */
export interface Segment {
  kind: SegmentKind;
  text: string;
  /** 1-based line number in `article.repaired`. */
  line: number;
  /** Why the line got its label (for the build report and debugging). */
  reason?: string;
  /**
   * The line is a bare label (`来源：`, `发布日期：`) whose value stands on the next labelled
   * line, as saved tables and definition lists put them: read the two as one line.
   */
  continued?: true;
}

export interface PageInfo {
  title: string | null;
  meta: Record<string, string>;
  urls: string[];
  /**
   * What the page's structure says about its text (offsets in `Article.source`, before repairs):
   * the main content element found by content density, `[start, end)`, or null.
   */
  main?: [number, number] | null;
  /** Link texts as flat `[start, end, start, end…]` offsets in `Article.source`. */
  links?: number[];
  /** The text of `h1`–`h3` elements in page order, with their level (the visible headline is among them). */
  headings?: Array<{ level: number; text: string }>;
}

export interface Article {
  id: string;
  sourceFile: string;
  /** sha256 of the raw bytes, hex. */
  sha256: string;
  byteLength: number;
  encoding: string;
  format: 'text' | 'html';
  /** Text as decoded (and, for HTML, turned into text): what the repairs start from. */
  source: string;
  /** The whole document after every repair; `replayRepairs(source, repairs) === repaired`. */
  repaired: string;
  segments: Segment[];
  /** The repaired body in its original script. */
  text: string;
  textHans: string;
  /** Traditional rendering: the original when the script is hant, else machine-converted. */
  textHant: string;
  textHantMachine: boolean;
  script: Script;
  truncated: boolean;
  url: string | null;
  page: PageInfo | null;
  repairs: Repair[];
  diagnostics: Diagnostic[];

  // Filled by extraction (issue 3)
  title: TitleField | null;
  date: DateField | null;
  outlet: Field<string | null> | null;
  site: Field<string | null> | null;
  region: Region | null;
  officials: Official[];
  bylines: Bylines;
  parts: Part[];
}

/**
 * The large fields of an article: its texts, line labels and repair records (about nine tenths of
 * its memory). A large build keeps them packed (see src/packed-article.ts) and unpacks one
 * article at a time; everything else, what indexes and corpus passes read, stays as data.
 */
export const BODY_FIELDS = ['source', 'repaired', 'segments', 'text', 'textHans', 'textHant', 'repairs'] as const;
export type BodyField = (typeof BODY_FIELDS)[number];
export type ArticleBody = Pick<Article, BodyField>;
/** An article without its body: what every corpus-level pass and index page needs. */
export type ArticleMeta = Omit<Article, BodyField>;

export interface Skipped {
  file: string;
  reason: string;
  /**
   * Set when the file was skipped because newsarchive itself failed (a bug), not because of the
   * file: the stage and the stack, for `--debug` and for a bug report.
   */
  bug?: { stage: string; stack: string };
}

/** A skip caused by a bug in a stage: said as a bug, with the stack kept. */
export function bugSkip(file: string, stage: string, err: unknown): Skipped {
  const e = err instanceof Error ? err : new Error(String(err));
  return { file, reason: `internal error in ${stage} (a bug in newsarchive, not a problem with this file): ${e.message}`, bug: { stage, stack: e.stack ?? e.message } };
}

export function emptyBylines(): Bylines {
  return { reporters: [], authors: [], editors: [], chiefEditors: [], reviewers: [] };
}

/** A fresh article for `source`, before repairs and extraction. */
export function newArticle(init: {
  id: string;
  sourceFile: string;
  sha256: string;
  byteLength: number;
  encoding: string;
  format: 'text' | 'html';
  source: string;
  page?: PageInfo | null;
  diagnostics?: Diagnostic[];
}): Article {
  return {
    ...init,
    page: init.page ?? null,
    diagnostics: init.diagnostics ?? [],
    repaired: init.source,
    segments: [],
    text: '',
    textHans: '',
    textHant: '',
    textHantMachine: false,
    script: 'hans',
    truncated: false,
    url: null,
    repairs: [],
    title: null,
    date: null,
    outlet: null,
    site: null,
    region: null,
    officials: [],
    bylines: emptyBylines(),
    parts: [],
  };
}

export interface Appearance {
  articleId: string;
  /** The article's date value and precision, as extracted. */
  date: string | null;
  precision: DatePrecision;
  /** The name as written in that article (original script). */
  name: string;
  posts: string[];
  role: OfficialRole | 'reporter' | 'editor';
}

export interface Person {
  /** Stable key: `p-` + the Simplified name (+ `-2`… when evidence separates namesakes). */
  id: string;
  /** Every written form, Simplified first, then Traditional/other forms seen. */
  names: string[];
  nameHans: string;
  appearances: Appearance[];
}
