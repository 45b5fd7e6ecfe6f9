import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { toSimplified, toTraditional } from '../text/script.ts';
import { int, pick, rng, type Rand } from './random.ts';

/**
 * Deterministic synthetic articles for the bench: sentences recombined from the seeds (read at
 * run time), varied numbers, dates 2019–2024 in several formats, officials built from surnames,
 * given-name characters and real post patterns (standing rosters per place, see `choosePlaces`),
 * outlets and regions from `china-area-data`.
 * About 30% are Traditional; some are damaged like seeds 000/004 when the damage model exists.
 */
export interface SynthArticle {
  name: string;
  /** The raw file as the pipeline reads it (UTF-8). */
  raw: string;
  /** Ground truth, already normalized: what bare Eleventy and Hugo render. */
  title: string;
  date: string;
  outlet: string;
  province: string;
  city: string;
  county: string;
  topics: string[];
  body: string[];
  script: 'hans' | 'hant';
  damaged: boolean;
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [...'建国伟明华军强平志勇文斌海波宏峰磊杰涛超刚红英芳燕玲丽娟霞敏静秀兰春林东亮成新民安永祥福荣生龙德才子云飞鹏辉宇浩博俊凯晓雪梅丹晨曦烁峻庭运嘉'];
const CITY_POSTS = ['市委书记', '市委副书记、市长', '市长', '副市长', '市委常委、常务副市长', '市委常委、宣传部部长', '市人大常委会主任', '市政协主席', '市委常委、秘书长'];
const COUNTY_POSTS = ['县委书记', '县长', '区委书记', '区长', '副县长', '副区长', '区管委会主任'];
const TOPICS = ['项目建设', '营商环境', '乡村振兴', '安全生产', '生态环境保护', '招商引资', '疫情防控', '城市更新', '民生实事', '高质量发展', '防汛救灾', '科技创新', '工业强市', '文旅融合'];
const MEETINGS = ['调研', '主持召开专题会议', '督导检查', '座谈', '召开推进会', '现场办公'];
const CHROME = /热线|QQ|爆料|版权|免责|本网|联系方式|电话|当前位置|频道|http|www\.|字体|评论/u;

interface Area {
  province: string;
  city: string;
  county: string;
  code: string;
}

function loadAreas(): Area[] {
  const require = createRequire(import.meta.url);
  const data = require('china-area-data/v5/data.json') as Record<string, Record<string, string>>;
  const out: Area[] = [];
  for (const [pcode, province] of Object.entries(data['86'] ?? {})) {
    for (const [ccode, city] of Object.entries(data[pcode] ?? {})) {
      const counties = Object.entries(data[ccode] ?? {});
      for (const [code, county] of counties.length ? counties : [[ccode, city] as [string, string]]) {
        out.push({ province, city: city === '市辖区' ? province : city, county, code });
      }
    }
  }
  return out;
}

/** Sentences from the clean seeds (Simplified; the damaged ones would teach the bench damage). */
function loadSentences(seedsDir: string): string[] {
  const out = new Set<string>();
  for (const f of readdirSync(seedsDir).sort()) {
    const text = toSimplified(readFileSync(join(seedsDir, f), 'utf8'));
    if (/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u.test(text)) continue; // pinyin-glossed (damaged) seed
    for (const line of text.split(/\n/)) {
      for (const s of line.trim().match(/[^。！？]+[。！？]/gu) ?? []) {
        const han = (s.match(/\p{Script=Han}/gu) ?? []).length;
        if (han >= 12 && !CHROME.test(s) && !s.includes('\ufffd')) out.add(s.replace(/^[\s\u3000(（]*(记者[^)）]*[)）])?/u, ''));
      }
    }
  }
  return [...out];
}

/**
 * A regional archive covers a limited set of places whose officials recur from article to article
 * (that is what person pages are for): about one county per 25 articles, each city with a
 * standing roster of city leaders, each county with its own, and a few reporters and editors per
 * city. Rosters are fixed per place and seed, so the same people recur across the corpus.
 */
interface Place {
  area: Area;
  city: Array<{ name: string; post: string }>;
  county: Array<{ name: string; post: string }>;
  reporters: string[];
  editors: string[];
}

function choosePlaces(areas: readonly Area[], n: number, seed: number): Place[] {
  const r = rng(seed * 7_777_777 + 1);
  const count = Math.min(areas.length, Math.max(20, Math.ceil(n / 25)));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(r() * areas.length));
  const cityRoster = new Map<string, Omit<Place, 'area' | 'county'>>();
  return [...chosen]
    .sort((a, b) => a - b)
    .map((k) => {
      const area = areas[k]!;
      let city = cityRoster.get(area.city);
      if (!city) {
        city = {
          city: CITY_POSTS.map((post) => ({ name: personName(r), post })),
          reporters: Array.from({ length: 4 }, () => personName(r)),
          editors: Array.from({ length: 2 }, () => personName(r)),
        };
        cityRoster.set(area.city, city);
      }
      const county = COUNTY_POSTS.filter((p) => area.county.endsWith(p[0]!) || p.startsWith('区管委会') || r() < 0.3).map((post) => ({ name: personName(r), post }));
      return { area, ...city, county: county.length ? county : [{ name: personName(r), post: pick(r, COUNTY_POSTS) }] };
    });
}

function personName(r: Rand): string {
  return pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.7 ? pick(r, GIVEN) : '');
}

function short(place: string): string {
  return place.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/u, '');
}

function formatDate(r: Rand, d: Date): { header: string; iso: string } {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const p2 = (n: number) => String(n).padStart(2, '0');
  const iso = `${y}-${p2(m)}-${p2(day)}`;
  const time = `${p2(int(r, 7, 22))}:${p2(int(r, 0, 59))}:${p2(int(r, 0, 59))}`;
  const header = pick(r, [`${iso} ${time}`, `${y}年${m}月${day}日`, `${y}/${p2(m)}/${p2(day)}`, `${y}年${p2(m)}月 ${p2(day)}日 ${time.slice(0, 5)}`, `${y}.${p2(m)}.${p2(day)}`]);
  return { header, iso };
}

export interface GenerateOptions {
  seed?: number;
  seedsDir?: string;
  /** Share of Traditional articles (default 0.3). */
  traditional?: number;
  /** Share of articles damaged like seeds 000/004 (default 0.05, when the damage model exists). */
  damaged?: number;
}

type DamageFn = (clean: string, seed: number) => { damaged: string };

/** The optional damage model (another module); null when it is not there. */
export async function loadDamageModel(): Promise<DamageFn | null> {
  const path = new URL('../synth/damage.ts', import.meta.url);
  if (!existsSync(path)) return null;
  const mod = (await import(path.href)) as { damageText?: DamageFn };
  return mod.damageText ?? null;
}

export function generateCorpus(n: number, options: GenerateOptions & { damage?: DamageFn | null } = {}): SynthArticle[] {
  const seed = options.seed ?? 1;
  const sentences = loadSentences(options.seedsDir ?? new URL('../../seeds/', import.meta.url).pathname);
  const places = choosePlaces(loadAreas(), n, seed);
  const out: SynthArticle[] = [];
  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2024, 11, 31) - start;
  for (let i = 0; i < n; i++) {
    const r = rng(seed * 1_000_003 + i);
    const place = pick(r, places);
    const area = place.area;
    const cityS = short(area.city);
    const outlet = pick(r, [`${cityS}日报`, `${short(area.province)}日报`, `中国${short(area.province)}网`, `${cityS}新闻网`, `${cityS}发布`, `${short(area.province)}新闻联播`]);
    const date = formatDate(r, new Date(start + Math.floor(r() * span)));
    const topic = pick(r, TOPICS);
    const lead = pick(r, place.city);
    const others = [...new Set(Array.from({ length: int(r, 1, 4) }, () => pick(r, r() < 0.5 ? place.county : place.city)))].filter((o) => o !== lead).map((o) => `${o.post}${o.name}`);
    const title = pick(r, [
      `${lead.name}在${area.county}${pick(r, MEETINGS)}`,
      `${cityS}全力推进${topic}`,
      `${area.county}召开${topic}工作会议`,
      `${short(area.province)}${cityS}：${topic}取得新成效`,
    ]);
    const reporter = pick(r, place.reporters);
    const month = Number(date.iso.slice(5, 7));
    const dayN = Number(date.iso.slice(8, 10));
    const opening = `${month}月${dayN}日，${lead.post}${lead.name}在${area.county}${pick(r, MEETINGS)}${topic}工作。${others.join('，')}参加。`;
    const target = int(r, 2000, 8000);
    const body: string[] = [opening];
    let bytes = Buffer.byteLength(opening);
    while (bytes < target - 200) {
      const para = Array.from({ length: int(r, 2, 5) }, () => pick(r, sentences).replace(/\d+(?:\.\d+)?/g, () => String(int(r, 1, 999)))).join('');
      body.push(para);
      bytes += Buffer.byteLength(para) + 1;
    }
    const header = [title, `${date.header}  来源：${outlet}`, `编辑：${pick(r, place.editors)}`, ''];
    let raw = [...header, `（记者${reporter}）${body[0]}`, ...body.slice(1)].join('\n') + '\n';
    let script: 'hans' | 'hant' = 'hans';
    let damaged = false;
    if (options.damage && r() < (options.damaged ?? 0.05)) {
      raw = options.damage(raw, seed * 7919 + i).damaged;
      script = 'hant';
      damaged = true;
    } else if (r() < (options.traditional ?? 0.3)) {
      raw = toTraditional(raw);
      script = 'hant';
    }
    const hex = Math.floor(r() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
    out.push({
      name: `${String(i).padStart(6, '0')}_${hex}.txt`,
      raw,
      title,
      date: date.iso,
      outlet,
      province: area.province,
      city: area.city,
      county: area.county,
      topics: [topic, area.city],
      body,
      script,
      damaged,
    });
  }
  return out;
}
