import type { DateField, FieldSource, Official, Region } from '../article.ts';

/**
 * Where a fact on an article page came from, said in Chinese first: how it was found, and the
 * source line or the reasoning as the extractor recorded it. The page shows it on demand (a
 * `<details>` beside the value); a fact that the source does not state is marked as inferred
 * beside the value itself, so it never looks as certain as a stated one.
 */
export interface FactWhy {
  how: string;
  /** The source line(s) it was read from, as written (the page quotes them). */
  evidence: string[];
  /** Steps of reasoning, for a value worked out rather than read (counted place names, a suggested year). */
  reasoning: string[];
  /** Not stated in the source (inferred, suggested or corrected by hand): said beside the value. */
  inferred: boolean;
}

/** How a value was found, by the extractor's `from` (the schema's FieldSource): Chinese, then English. */
export const FOUND_IN: Record<FieldSource, [zh: string, en: string]> = {
  header: ['取自正文上方的信息行', 'From the header line above the body'],
  label: ['取自带标签的一行（如“来源：”“发布时间：”）', 'From a labelled line (来源：, 发布时间：…)'],
  url: ['取自网页地址', 'From the page address'],
  byline: ['取自署名行', 'From the byline'],
  lede: ['取自导语首句', 'From the lead sentence'],
  body: ['取自正文', 'From the body text'],
  'html-title': ['取自网页标题', 'From the HTML page title'],
  'html-meta': ['取自网页元数据', 'From the page’s metadata'],
  copyright: ['取自版权声明', 'From the copyright notice'],
  inference: ['推断，原文未直接写明', 'Inferred: not stated in the source'],
  override: ['人工更正（.meta.yml 或文件头）', 'Corrected by hand (.meta.yml or front matter)'],
  none: ['原文未见', 'Not found in the source'],
};

const NOT_STATED = new Set<FieldSource>(['inference', 'override']);

/** A plain field (outlet, site): where it was found and the line it was read from. */
export function whyField(field: { from: FieldSource; evidence: string } | null): FactWhy {
  const from = field?.from ?? 'none';
  return { how: FOUND_IN[from].join(' '), evidence: field?.evidence ? [field.evidence] : [], reasoning: [], inferred: NOT_STATED.has(from) };
}

/** The date: its line, and for a suggested year the reasoning (never presented as fact). */
export function whyDate(date: DateField | null): FactWhy {
  const why = whyField(date);
  const suggested = date?.suggestedYear;
  if (!suggested) return why;
  const [zh, en] = FOUND_IN[date.from];
  return {
    how: `${zh}；年份为推测 ${en}; the year is suggested, not stated`,
    evidence: why.evidence,
    reasoning: suggested.reasoning,
    inferred: why.inferred,
  };
}

// The region extractor's notes name where each place name was counted (`body 萍乡×14`).
const COUNTED_IN: Array<[RegExp, string]> = [
  [/^post of (\S+) /, '$1的职务 post of $1: '],
  [/^outlet /, '媒体名 outlet: '],
  [/^site /, '网站名 site: '],
  [/^title /, '标题 title: '],
  [/^body /, '正文 body: '],
];

/** The region: counted place names (where, how often), or the line that states it. */
export function whyRegion(region: Region | null): FactWhy {
  if (!region || region.from !== 'inference') return whyField(region);
  const notes = region.evidence
    .split('; ')
    .filter(Boolean)
    .map((note) => {
      const rule = COUNTED_IN.find(([re]) => re.test(note));
      return rule ? note.replace(rule[0], rule[1]) : note;
    });
  return {
    how: '由地名出现次数推断（媒体名、网站名和官员职务中的地名分量较重） Inferred by counting place names (names in the outlet, site and officials’ posts weigh more)',
    evidence: [],
    reasoning: notes,
    inferred: true,
  };
}

/** An official: the sentence of the body that names them with their post. */
export function whyOfficial(o: Official): FactWhy {
  return { how: '正文中提到此人的一句 The sentence of the body that names them', evidence: o.evidence ? [o.evidence] : [], reasoning: [], inferred: false };
}
