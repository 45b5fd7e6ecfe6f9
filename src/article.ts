import { z } from 'zod';

/**
 * The one record every pipeline stage reads and returns.
 *
 * Stages are pure functions `(article, options) => article`; only `src/io`, the CLI and the
 * Eleventy config touch the file system. Every change to the text leaves a `Repair`, every
 * extracted fact is a `Field` that says where it came from.
 */

// The schema is the one description of the record: the TypeScript types below are inferred from
// it, and the research export's fields, its JSON Schema (`site/data/articles.schema.json`) and
// the check of curator overrides are derived from it. Adding a field starts here.

export const ConfidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof ConfidenceSchema>;
export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;
export const ScriptSchema = z.enum(['hant', 'hans', 'mixed']);
export type Script = z.infer<typeof ScriptSchema>;

const strings = z.array(z.string());

/** A candidate for a character that cannot be read from the text (a lost GBK byte). */
export const CandidateSchema = z.object({
  char: z.string(),
  /** GBK bytes in hex, when the candidate comes from a byte-level hypothesis. */
  bytes: z.string().optional(),
  score: z.number().optional(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

/**
 * One edit. `span` is [start, end) in UTF-16 code units of the text *as it was when this edit
 * was applied*: replaying `repairs` in array order over `article.source` reproduces
 * `article.repaired` exactly (see `replayRepairs`).
 */
export const RepairSchema = z.object({
  rule: z.string(),
  span: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  before: z.string(),
  after: z.string(),
  confidence: ConfidenceSchema,
  evidence: strings,
  /** 1-based line of the edit in the text it was applied to. */
  line: z.number().int().min(1).optional(),
  /** For placeholders and guessed characters: the alternatives a reader (or a model) may pick. */
  candidates: z.array(CandidateSchema).optional(),
});
export type Repair = z.infer<typeof RepairSchema>;

/** Damage or doubt found in content: never an exception (vfile-style message). */
export const DiagnosticSchema = z.object({
  rule: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  /** Offset in code units (or bytes, for decoding diagnostics: then `unit` says so). */
  offset: z.number().int().optional(),
  unit: z.enum(['byte', 'char']).optional(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

/** Where a fact came from, so a page can say it. */
export const FieldSourceSchema = z.enum(['header', 'label', 'url', 'byline', 'lede', 'body', 'html-title', 'html-meta', 'copyright', 'inference', 'override', 'none']);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

/** An extracted fact: its value, where it came from, and the evidence (a source line or reasoning). */
export const fieldOf = <T extends z.ZodType>(value: T) => z.object({ value, from: FieldSourceSchema, evidence: z.string() });
export interface Field<T> {
  value: T;
  from: FieldSource;
  evidence: string;
}

export const TitleFieldSchema = fieldOf(z.string().nullable()).extend({
  subtitle: z.string().nullable(),
  /** True when no headline exists and the title was made from the lead sentence. */
  derived: z.boolean(),
});
export type TitleField = z.infer<typeof TitleFieldSchema>;

export const DatePrecisionSchema = z.enum(['datetime', 'date', 'month', 'month-day', 'year', 'none']);
export type DatePrecision = z.infer<typeof DatePrecisionSchema>;

export const DateFieldSchema = fieldOf(z.string().nullable()).extend({
  /** `2022-07-20T11:04:16+08:00`, `2022-07-20`, `2023-08`, `--01-28`, `2023` or null. */
  precision: DatePrecisionSchema,
  year: z.number().int().nullable(),
  month: z.number().int().min(1).max(12).nullable(),
  day: z.number().int().min(1).max(31).nullable(),
  /** A year suggested by context, never presented as fact. */
  suggestedYear: z.object({ year: z.number().int(), reasoning: strings }).nullable(),
});
export type DateField = z.infer<typeof DateFieldSchema>;

export const RegionSchema = z.object({
  province: z.string().nullable(),
  city: z.string().nullable(),
  county: z.string().nullable(),
  /** GB/T 2260 code of the most specific level found. */
  code: z
    .string()
    .regex(/^[0-9]{6}$/)
    .nullable(),
  from: FieldSourceSchema,
  evidence: z.string(),
});
export type Region = z.infer<typeof RegionSchema>;

export const OfficialRoleSchema = z.enum(['interviewee', 'present', 'mentioned']);
export type OfficialRole = z.infer<typeof OfficialRoleSchema>;
export const OfficialLevelSchema = z.enum(['national', 'provincial', 'prefecture', 'county', 'township', 'zone', 'unknown']);

export const OfficialSchema = z.object({
  /** As written in the article (original script). */
  name: z.string(),
  nameHans: z.string(),
  /** Every post as written, e.g. ['市委副书记、市长'] (original script). */
  posts: strings,
  level: OfficialLevelSchema,
  role: OfficialRoleSchema,
  personId: z.string(),
  evidence: z.string(),
});
export type Official = z.infer<typeof OfficialSchema>;

export const BylinesSchema = z.object({ reporters: strings, authors: strings, editors: strings, chiefEditors: strings, reviewers: strings });
export type Bylines = z.infer<typeof BylinesSchema>;

export const PartSchema = z.object({
  title: z.string(),
  interviewee: z.object({ name: z.string(), posts: strings }).nullable(),
  reporters: strings,
  body: z.string(),
});
export type Part = z.infer<typeof PartSchema>;

export const SegmentKindSchema = z.enum(['url', 'nav', 'title', 'subtitle', 'dateline', 'byline', 'credit', 'source', 'heading', 'body', 'pagination', 'boilerplate', 'chrome', 'blank']);
export type SegmentKind = z.infer<typeof SegmentKindSchema>;

/** One line of the repaired document, labelled. Nothing is dropped: chrome is kept, labelled. */
export const SegmentSchema = z.object({
  kind: SegmentKindSchema,
  text: z.string(),
  /** 1-based line number in `article.repaired`. */
  line: z.number().int().min(1),
  /** Why the line got its label (for the build report and debugging). */
  reason: z.string().optional(),
  /**
   * The line is a bare label (`来源：`, `发布日期：`) whose value stands on the next labelled
   * line, as saved tables and definition lists put them: read the two as one line.
   */
  continued: z.literal(true).optional(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const PageInfoSchema = z.object({
  title: z.string().nullable(),
  meta: z.record(z.string(), z.string()),
  urls: strings,
  /**
   * What the page's structure says about its text (offsets in `Article.source`, before repairs):
   * the main content element found by content density, `[start, end)`, or null.
   */
  main: z.tuple([z.number(), z.number()]).nullable().optional(),
  /** Link texts as flat `[start, end, start, end…]` offsets in `Article.source`. */
  links: z.array(z.number()).optional(),
  /** The text of `h1`–`h3` elements in page order, with their level (the visible headline is among them). */
  headings: z.array(z.object({ level: z.number(), text: z.string() })).optional(),
});
export type PageInfo = z.infer<typeof PageInfoSchema>;

/**
 * The article record, in the order of the research export. Fields marked `internal` stay out of
 * the export (the page's structure, the repaired whole document that `source` + `repairs`
 * reproduce).
 */
export const ArticleSchema = z.object({
  id: z.string().min(1),
  sourceFile: z.string().min(1),
  /** sha256 of the raw bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  byteLength: z.number().int().min(0),
  encoding: z.string(),
  format: z.enum(['text', 'html']),
  script: ScriptSchema,
  url: z.string().nullable(),
  truncated: z.boolean(),

  // Filled by extraction (src/ingest/extract/index.ts lists the extractors).
  title: TitleFieldSchema.nullable(),
  date: DateFieldSchema.nullable(),
  outlet: fieldOf(z.string().nullable()).nullable(),
  site: fieldOf(z.string().nullable()).nullable(),
  region: RegionSchema.nullable(),
  officials: z.array(OfficialSchema),
  bylines: BylinesSchema,
  parts: z.array(PartSchema),

  /** The repaired body in its original script. */
  text: z.string(),
  textHans: z.string(),
  /** Traditional rendering: the original when the script is hant, else machine-converted. */
  textHant: z.string(),
  textHantMachine: z.boolean(),
  /** Text as decoded (and, for HTML, turned into text): what the repairs start from. */
  source: z.string(),
  repairs: z.array(RepairSchema),
  diagnostics: z.array(DiagnosticSchema),
  segments: z.array(SegmentSchema),

  /** The whole document after every repair; `replayRepairs(source, repairs) === repaired`. */
  repaired: z.string().meta({ internal: true }),
  page: PageInfoSchema.nullable().meta({ internal: true }),
});
export type Article = z.infer<typeof ArticleSchema>;

/** The values a fresh article starts with, before repairs and extraction: one per field. */
const INITIAL = {
  textHantMachine: false,
  script: 'hans',
  truncated: false,
  url: null,
  title: null,
  date: null,
  outlet: null,
  site: null,
  region: null,
  officials: [],
  parts: [],
} satisfies Partial<Article>;

/**
 * Fields that carry `.meta({ label })` (`fieldOf(…).nullable().meta({ label: '关键词 Keywords' })`):
 * shown with their evidence on the article page, written as a column of `data/articles.csv` and
 * settable by a curator's override, with no other code. The built-in facts (title, date, outlet,
 * region, people) have pages and columns of their own and no label.
 */
export const LISTED_FIELDS: ReadonlyArray<{ key: keyof Article; label: string }> = (Object.keys(ArticleSchema.shape) as Array<keyof Article>).flatMap((key) => {
  const label = (ArticleSchema.shape[key].meta() as { label?: string } | undefined)?.label;
  return label ? [{ key, label }] : [];
});

/** The schema of a listed field's `value`, which a curator's override is checked against. */
export function listedValueSchema(key: keyof Article): z.ZodType {
  let schema: z.ZodType = ArticleSchema.shape[key];
  if (schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
  return (schema as z.ZodObject<{ value: z.ZodType }>).shape.value;
}

/** A listed field's value as one line of text (lists joined with 、), or null. */
export function fieldText(field: unknown): string | null {
  const value = (field as { value?: unknown } | null)?.value;
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? value.map(String).join('、') : String(value);
}

/** The keys of the research export, in order (every field not marked internal). */
export const EXPORT_KEYS = (Object.keys(ArticleSchema.shape) as Array<keyof Article>).filter((k) => !(ArticleSchema.shape[k].meta() as { internal?: boolean } | undefined)?.internal);
export type ExportRecord = Omit<Article, 'repaired' | 'page'>;

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

/** Articles are packed (see src/packed-article.ts) or, unpacked for a test or a script, whole. */
export interface Corpus<A extends ArticleMeta = Article> {
  articles: A[];
  skipped: Skipped[];
  people: Person[];
}

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
    ...INITIAL,
    officials: [],
    parts: [],
    ...init,
    page: init.page ?? null,
    diagnostics: init.diagnostics ?? [],
    repaired: init.source,
    segments: [],
    text: '',
    textHans: '',
    textHant: '',
    repairs: [],
    bylines: emptyBylines(),
  };
}

export const AppearanceSchema = z.object({
  articleId: z.string(),
  /** The article's date value and precision, as extracted. */
  date: z.string().nullable(),
  precision: DatePrecisionSchema,
  /** The name as written in that article (original script). */
  name: z.string(),
  posts: strings,
  role: z.enum([...OfficialRoleSchema.options, 'reporter', 'editor']),
});
export type Appearance = z.infer<typeof AppearanceSchema>;

export const PersonSchema = z.object({
  /** Stable key: `p-` + the Simplified name (+ `-2`… when evidence separates namesakes). */
  id: z.string().min(1),
  /** Every written form, Simplified first, then Traditional/other forms seen. */
  names: strings,
  nameHans: z.string(),
  appearances: z.array(AppearanceSchema),
});
export type Person = z.infer<typeof PersonSchema>;

/** One article of the research export (`site/articles/<id>/article.json`). */
export const ExportRecordSchema = ArticleSchema.omit({ repaired: true, page: true }).strict();

/**
 * One line of `site/data/articles.jsonl`: the export record with each text stored once (see
 * `toLineRecord` in src/io/export.ts for what is left out and how it is derived).
 */
export const LineRecordSchema = ExportRecordSchema.extend({
  textHans: z.string().nullable(),
  textHant: z.string().nullable(),
  segments: z.array(SegmentSchema.extend({ text: z.string().optional() })),
}).strict();

/** `newsarchive ingest --json`: checked in tests. */
export const ExportFileSchema = z.strictObject({
  articles: z.array(ExportRecordSchema),
  people: z.array(PersonSchema),
  skipped: z.array(z.strictObject({ file: z.string(), reason: z.string() })),
});

/** JSON Schemas of what the site publishes, derived from the schemas above. */
export function exportJsonSchemas(): Record<'article' | 'line', Record<string, unknown>> {
  return {
    article: { ...z.toJSONSchema(ExportRecordSchema, { target: 'draft-2020-12' }), title: 'newsarchive: one article (articles/<id>/article.json)' },
    line: { ...z.toJSONSchema(LineRecordSchema, { target: 'draft-2020-12' }), title: 'newsarchive: one line of data/articles.jsonl (texts stored once)' },
  };
}
