import areaData from 'china-area-data/data.json' with { type: 'json' };
import type { Article, Region } from '../../article.ts';
import { toSimplified } from '../../text/script.ts';
import { alternation, AREA_TABLE_PLACEHOLDERS, GENERIC_PLACE_SHORT_NAMES, PLACE_SUFFIXES } from '../vocab/index.ts';

/**
 * Province / city / county with the GB/T 2260 code, from the `china-area-data` tables.
 *
 * Evidence is weighed, on the Simplified rendering (so Traditional text works):
 *   outlet name ×5 (`湖州日报` → 湖州市), site name ×3, each official's posts ×3 (`绍兴市委书记`),
 *   title ×2, body ×1 per mention (a lone mention is enough when no other city is named and
 *   the city's province is). A place matches by its full name (`湖州市`) or by its short
 *   name: the name minus its suffix (市/县/区/省/自治区/自治州/盟/旗/地区…), at least two characters,
 *   not a generic word (城区, 郊区, 新区…). The city is the best-scoring prefecture-level unit
 *   (ties broken by mentions of its province); the province is its parent. A county is given
 *   only when one county of that city clearly dominates (≥ 3 points, ≥ 70 % of the county
 *   evidence, named in full at least once): an article that spans several counties has none.
 */

type AreaTable = Record<string, Record<string, string>>;
const DATA = areaData as AreaTable;

interface Place {
  code: string;
  name: string;
  short: string | null;
  level: 'province' | 'city' | 'county';
  parent: string | null;
}

/** Short forms too common as words to count as a mention, and table entries that are no place (vocab/places.json). */
const GENERIC = GENERIC_PLACE_SHORT_NAMES;
const PLACEHOLDER = AREA_TABLE_PLACEHOLDERS;
/** The administrative ending dropped for the short form (`绍兴市` → 绍兴, `香港特别行政区` → 香港). */
const ADMIN_SUFFIX = new RegExp(`${alternation(PLACE_SUFFIXES)}$`, 'u');

function shortName(name: string, level: Place['level']): string | null {
  let s = name;
  if (/自治(?:区|州|县|旗)$/u.test(s)) {
    s = level === 'province' && s.startsWith('内蒙古') ? '内蒙古' : [...s].slice(0, 2).join('');
  } else {
    s = s.replace(ADMIN_SUFFIX, '');
  }
  if ([...s].length < 2 || s === name || GENERIC.has(s)) return null;
  return s;
}

let places: { all: Place[]; byCode: Map<string, Place> } | null = null;

function index(): { all: Place[]; byCode: Map<string, Place> } {
  if (places) return places;
  const all: Place[] = [];
  const byCode = new Map<string, Place>();
  const add = (p: Place) => {
    all.push(p);
    byCode.set(p.code, p);
  };
  for (const [pcode, pname] of Object.entries(DATA['86'] ?? {})) {
    add({ code: pcode, name: pname, short: shortName(pname, 'province'), level: 'province', parent: null });
    for (const [ccode, cname] of Object.entries(DATA[pcode] ?? {})) {
      const placeholder = PLACEHOLDER.has(cname);
      if (!placeholder) add({ code: ccode, name: cname, short: shortName(cname, 'city'), level: 'city', parent: pcode });
      for (const [kcode, kname] of Object.entries(DATA[ccode] ?? {})) {
        if (PLACEHOLDER.has(kname)) continue;
        add({ code: kcode, name: kname, short: shortName(kname, 'county'), level: 'county', parent: placeholder ? pcode : ccode });
      }
    }
  }
  places = { all, byCode };
  return places;
}

function count(hay: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

interface Source {
  label: string;
  text: string;
  weight: number;
  /** Every two-unit window of `text`: a name whose first two units are absent cannot occur. */
  pairs: Set<string>;
}

function windowsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

/** Occurrences of `needle` in the source; the pair check skips ~99 % of the 3,500 names at once. */
function countIn(s: Source, needle: string): number {
  if (needle.length >= 2 && !s.pairs.has(needle.slice(0, 2))) return 0;
  return count(s.text, needle);
}

function score(place: Place, sources: Source[], notes?: string[]): { score: number; full: number } {
  let total = 0;
  let full = 0;
  for (const s of sources) {
    const f = countIn(s, place.name);
    const n = place.short ? countIn(s, place.short) : f;
    const hits = Math.max(n, f);
    if (!hits) continue;
    full += f;
    total += s.weight * hits + (s.weight >= 3 ? 0 : 0.5 * f);
    notes?.push(`${s.label} ${place.short ?? place.name}×${hits}`);
  }
  return { score: total, full };
}

const none = (): Region => ({ province: null, city: null, county: null, code: null, from: 'none', evidence: '' });

export function extractRegion(article: Article): Region {
  const { all, byCode } = index();
  const hans = (s: string | null | undefined) => (s ? toSimplified(s) : '');
  const sources: Source[] = [
    { label: 'outlet', text: hans(article.outlet?.value), weight: 5 },
    { label: 'site', text: hans(article.site?.value), weight: 3 },
    ...article.officials.map((o) => ({ label: `post of ${o.name}`, text: hans(o.posts.join('、')), weight: 3 })),
    { label: 'title', text: hans([article.title?.value, article.title?.subtitle].filter(Boolean).join(' ')), weight: 2 },
    { label: 'body', text: article.textHans || hans(article.text), weight: 1 },
  ]
    .filter((s) => s.text)
    .map((s) => ({ ...s, pairs: windowsOf(s.text) }));
  if (!sources.length) return none();

  const provinceScore = new Map<string, number>();
  for (const p of all) if (p.level === 'province') provinceScore.set(p.code, score(p, sources).score);

  // A city needs two points, or a single mention when it is the only city named and its
  // province is named too (`…湖州对接长株潭…` in an article about 江西).
  const cities = all
    .filter((p) => p.level === 'city')
    .map((p) => ({ place: p, raw: score(p, sources).score }))
    .filter((c) => c.raw > 0)
    .map((c) => ({ ...c, score: c.raw + 0.1 * (provinceScore.get(c.place.parent!) ?? 0) }))
    .sort((a, b) => b.score - a.score);
  const first = cities[0];
  const best = first && (first.raw >= 2 || (cities.length === 1 && (provinceScore.get(first.place.parent!) ?? 0) >= 1)) ? first : null;

  let province: Place | null = null;
  let city: Place | null = null;
  if (best) {
    city = best.place;
    province = byCode.get(city.parent!) ?? null;
  } else {
    let top: [string, number] | null = null;
    for (const [code, s] of provinceScore) if (s >= 2 && (!top || s > top[1])) top = [code, s];
    if (top) province = byCode.get(top[0]) ?? null;
  }
  if (!province) return none();

  // County: only when one unit of the city clearly dominates.
  let county: Place | null = null;
  if (city) {
    const ranked = all
      .filter((p) => p.level === 'county' && p.parent === city!.code)
      .map((p) => ({ place: p, ...score(p, sources) }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score);
    const sum = ranked.reduce((n, r) => n + r.score, 0);
    const top = ranked[0];
    if (top && top.score >= 3 && top.score / sum >= 0.7 && top.full >= 1) county = top.place;
  }

  const notes: string[] = [];
  for (const p of [county, city, province]) if (p) score(p, sources, notes);
  return {
    province: province.name,
    city: city?.name ?? null,
    county: county?.name ?? null,
    code: (county ?? city ?? province).code,
    from: 'inference',
    evidence: [...new Set(notes)].join('; '),
  };
}
