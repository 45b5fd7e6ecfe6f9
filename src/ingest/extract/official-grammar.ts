/**
 * Grammar for "post + name" phrases in Chinese government news (`市委副书记、市长刘伟讲话`).
 *
 * Everything here is general data (a surname list, post heads, stop words, GB/T 2260 place
 * names from `china-area-data`), never names or phrases taken from particular articles.
 * All matching runs on a Simplified rendering that is aligned character by character with the
 * original line, so offsets found there slice the original (Traditional) text as written.
 */
import areaData from 'china-area-data/data.json' with { type: 'json' };
import { toSimplified } from '../script.ts';
import type { Official } from '../../article.ts';

// ---------------------------------------------------------------------------------------------
// Surnames (data). Common single surnames (百家姓 / census top ~400) minus characters that are far
// more often ordinary words right after a post title (会 和 信 来 将 于是…: see NOT_NAMES).
const SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习';

// Characters that are surnames but, right after a post title, almost always start an ordinary
// word (`书记和市长`, `市长信箱`, `书记来到`, `主任由…兼任`).
const WEAK_SURNAMES = new Set(Array.from('和信来由干於都'));

const DOUBLE_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '令狐', '钟离', '端木', '澹台', '百里', '呼延', '独孤', '南宫', '西门', '万俟',
  '闻人', '申屠', '太史', '公冶', '濮阳', '淳于', '单于', '拓跋', '司空', '东郭', '第五', '赫连',
];
const DOUBLE_SET = new Set(DOUBLE_SURNAMES);
const SINGLE_SET = new Set(Array.from(SINGLE_SURNAMES).filter((c) => !WEAK_SURNAMES.has(c)));

/** Characters that never sit inside a given name in this register (post and function words). */
const NOT_GIVEN = new Set(Array.from('的了在和与及对为被将把是市县区省委局厅党政府会议等之其这那我你他她们、，。'));

/** Words that start with a surname character but are not names (`市长高度重视`, `主任任期`). */
const NOT_NAMES = new Set([
  '高度', '方面', '方向', '万元', '全面', '全市', '全省', '全县', '全区', '全镇', '全体', '全力', '任期',
  '任命', '任职', '时间', '时期', '时候', '查看', '向全', '向大', '向与', '向记', '于是', '于近', '应邀',
  '龙头', '文明', '文化', '明确', '安排', '安全', '管理', '成员', '常委', '常务', '关于', '严格', '宣布',
  '司令', '国家', '江西', '万人', '信箱', '康养', '平台', '华侨', '金融', '高新', '高质', '孔雀', '路线',
  '海关', '石化', '卫生', '公安', '公共', '宁可', '党员', '秦汉', '申请', '兼任', '同志',
]);

// ---------------------------------------------------------------------------------------------
// Post grammar. A post phrase ends in one of these heads; `、` chains posts of one person.
const POST_HEADS = [
  '总书记', '书记', '省长', '市长', '县长', '区长', '州长', '旗长', '镇长', '乡长', '主任', '常委', '主席',
  '部长', '厅长', '局长', '处长', '科长', '署长', '成员', '领导', '委员', '秘书长', '院长', '检察长', '组长',
  '政委', '司令员', '行长', '主任委员', '巡视员', '调研员', '理事长', '负责人',
];
const HEAD_RE = new RegExp(`(?:${[...POST_HEADS].sort((a, b) => b.length - a.length).join('|')})`, 'g');

/** Hard delimiters: a post phrase never spans them (`、` is handled separately). */
const DELIM = /[，,。；;：:！!？?“”"'‘’（）()《》〈〉【】\[\]\s\u00a0\u3000—–－\-|｜/]/;

/** Words that end a name: role verbs, prepositions, time words (general grammar). */
const STOP_AFTER = [
  '主持', '讲话', '强调', '指出', '要求', '出席', '陪同', '在', '对', '实地', '详细', '接受', '表示', '等',
  '参加', '察看', '查看', '调研', '视察', '检查', '考察', '会见', '看望', '慰问', '带队', '率队', '率', '一行',
  '同志', '同', '与', '和', '及', '并', '为', '向', '就', '说', '代表', '作', '做', '宣布', '来', '到', '赴',
  '深入', '先后', '亲自', '也', '还', '又', '都', '今天', '昨天', '日前', '近日', '介绍', '听取', '提出',
  '召开', '现场', '随后', '应邀', '首先', '充分', '高度', '进一步', '是', '以', '认为', '回答', '希望', '签署',
  '致辞', '致', '发表', '通报', '部署', '作出', '批示', '仔细', '专程', '前往', '走访', '带领', '分别', '共同',
  '一同', '的', '了', '从', '给', '把', '将', '被', '于',
];
const STOP_SET_BY_LEN = [3, 2, 1].map((n) => new Set(STOP_AFTER.filter((w) => w.length === n)));
const SINGLE_STOPS = STOP_SET_BY_LEN[2]!;

/** Verbs and prepositions that end the material *before* a post (`全面落实省委书记…`). */
const STOP_BEFORE = [
  '学习贯彻', '贯彻落实', '落实', '贯彻', '按照', '根据', '遵照', '学习', '传达', '牢记', '会见', '看望',
  '慰问', '陪同', '邀请', '听取', '感谢', '采访', '访问', '访', '了', '的', '在', '与', '和', '及', '同',
  '向', '对', '为', '被', '将', '把', '是', '由', '给', '请', '等', '又', '并',
];
/** A post cut by one of these is a reference to someone's earlier words, not a presence. */
const CITING_VERBS = new Set(['学习贯彻', '贯彻落实', '落实', '贯彻', '按照', '根据', '遵照', '学习', '传达', '牢记']);

const SPACE = /[ \u00a0\u3000\t]/;
const HAN = /\p{Script=Han}/u;

// ---------------------------------------------------------------------------------------------
// GB/T 2260 place names: a place inside a post gives its level (`昆山市委` is county level).
type PlaceLevel = 'provincial' | 'prefecture' | 'county';
const PLACES = new Map<string, PlaceLevel>();
{
  const data = areaData as Record<string, Record<string, string>>;
  const add = (name: string, level: PlaceLevel) => {
    if (name === '市辖区' || name === '县' || name.length < 2) return;
    if (!PLACES.has(name)) PLACES.set(name, level);
    // Short forms (绍兴市 → 绍兴) are how posts usually write them; keep only 2+ characters.
    const short = name.replace(/(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|省|市|县|区|盟|旗)$/, '');
    if (short.length >= 2 && short !== name && !PLACES.has(short)) PLACES.set(short, level);
  };
  for (const [code, children] of Object.entries(data)) {
    for (const [childCode, name] of Object.entries(children)) {
      if (code === '86') add(name, 'provincial');
      else if (childCode.endsWith('00')) add(name, 'prefecture');
      else add(name, 'county');
    }
  }
}
const MAX_PLACE = 8;

// ---------------------------------------------------------------------------------------------
const simplifiedChar = new Map<string, string>();

/**
 * Simplified rendering with exactly the same UTF-16 length as `s`, so offsets carry over.
 * Character-level t→s is safe for names and posts (劉偉→刘伟, 書記→书记).
 */
export function alignedSimplified(s: string): string {
  let out = '';
  for (const ch of s) {
    let t = simplifiedChar.get(ch);
    if (t === undefined) {
      t = HAN.test(ch) ? toSimplified(ch) : ch;
      if (t.length !== ch.length) t = ch;
      simplifiedChar.set(ch, t);
    }
    out += t;
  }
  return out;
}

function isBoundaryChar(ch: string | undefined): boolean {
  return ch === undefined || ch === '、' || ch === '\n' || DELIM.test(ch) || !HAN.test(ch);
}

/**
 * How well a name may end at `i`: 3 punctuation or end of text, 2 a stop word of two or more
 * characters (`主持`, `陪同`), 1 a one-character stop word (`在`, `对`), 0 not at all.
 */
function endStrength(text: string, i: number): number {
  if (isBoundaryChar(text[i])) return 3;
  if (STOP_SET_BY_LEN[0]!.has(text.slice(i, i + 3)) || STOP_SET_BY_LEN[1]!.has(text.slice(i, i + 2))) return 2;
  return SINGLE_STOPS.has(text[i]!) ? 1 : 0;
}

/** True when a name may end at `i`: punctuation, end of text, or a stop word follows. */
export function endsNameAt(text: string, i: number): boolean {
  return endStrength(text, i) > 0;
}

export interface NameSpan {
  start: number;
  end: number;
}

/**
 * The name starting at `i` (after optional spaces), or null. `corpus` is the whole article in
 * Simplified: a later `陈红对…` confirms a two-character 陈红.
 */
export function nameAt(text: string, i: number, corpus: string): NameSpan | null {
  let j = i;
  while (j < text.length && j - i < 3 && SPACE.test(text[j]!)) j++;
  const sl = DOUBLE_SET.has(text.slice(j, j + 2)) ? 2 : SINGLE_SET.has(text[j] ?? '') ? 1 : 0;
  if (!sl) return null;
  const options: { end: number; strength: number }[] = [];
  for (const given of [1, 2]) {
    const end = j + sl + given;
    if (end > text.length) break;
    const cand = text.slice(j, end);
    const givenChars = Array.from(cand.slice(sl));
    if (!givenChars.every((c) => HAN.test(c) && !NOT_GIVEN.has(c))) break;
    if (NOT_NAMES.has(cand) || NOT_NAMES.has(cand.slice(0, 2))) break;
    options.push({ end, strength: endStrength(text, end) });
  }
  const [short, long] = options;
  const pick = (o: { end: number }) => ({ start: j, end: o.end });
  if (short?.strength && long?.strength) {
    // Both readings end well. `刘伟在讲话`: a last character that is itself a one-character
    // stop word (在 对 为…) is the verb. Otherwise the stronger ending wins (`吴刚陪同` beats
    // `吴刚陪|同`), and on a tie the longer name (three-character names are the majority).
    if (SINGLE_STOPS.has(text[short.end]!)) return pick(short);
    return pick(short.strength > long.strength ? short : long);
  }
  if (short?.strength) return pick(short);
  if (long?.strength) return pick(long);
  // Neither ends at a boundary (`市长王某今晨…`): accept a form the article confirms elsewhere.
  for (const o of [long, short]) if (o && confirmedElsewhere(corpus, text.slice(j, o.end))) return pick(o);
  return null;
}

/** The name occurs at least twice in the article, at least once followed by a boundary. */
function confirmedElsewhere(corpus: string, name: string): boolean {
  let count = 0;
  let bounded = false;
  for (let k = corpus.indexOf(name); k >= 0; k = corpus.indexOf(name, k + 1)) {
    count++;
    if (endsNameAt(corpus, k + name.length)) bounded = true;
  }
  return count >= 2 && bounded;
}

export interface PostNameMatch {
  /** Offsets in the line (same for the original and its Simplified rendering). */
  postStart: number;
  postEnd: number;
  /** Each post phrase span (one per person-post chain; `、` inside is kept as written). */
  names: NameSpan[];
  /** The post was preceded by a citing verb (`落实省委书记X…提出的`): a reference, not a presence. */
  cited: boolean;
}

/** Moves a cut left when it falls inside a place name (`和平区` must not lose its 和). */
function extendOverPlace(s: string, cut: number): number {
  let best = cut;
  for (let st = Math.max(0, cut - MAX_PLACE + 1); st < cut; st++) {
    for (let len = 2; len <= MAX_PLACE && st + len <= s.length; len++) {
      if (st + len > cut && PLACES.has(s.slice(st, st + len))) {
        best = Math.min(best, st);
        break;
      }
    }
  }
  return best;
}

/**
 * Finds the start of the post chain ending at `headEnd` in `line` (Simplified), walking back
 * over `、`-joined pieces that each end in a post head, and trimming a leading verb or particle.
 */
function postStartBefore(line: string, headEnd: number): { start: number; cited: boolean } | null {
  let segStart = headEnd;
  while (segStart > 0 && !DELIM.test(line[segStart - 1]!)) segStart--;
  const seg = line.slice(segStart, headEnd);
  const pieces = seg.split('、');
  let start = headEnd;
  let cited = false;
  for (let p = pieces.length - 1; p >= 0; p--) {
    const piece = pieces[p]!;
    const pieceStart = segStart + pieces.slice(0, p).reduce((n, x) => n + x.length + 1, 0);
    if (!endsInHead(piece)) break;
    // Last stop word inside the piece: the post starts after it.
    let cut = 0;
    let verb = '';
    for (const w of STOP_BEFORE) {
      const k = piece.lastIndexOf(w);
      if (k >= 0 && k + w.length > cut && k + w.length < piece.length) {
        cut = k + w.length;
        verb = w;
      }
    }
    if (cut > 0) cut = extendOverPlace(piece, cut);
    start = pieceStart + cut;
    if (cut > 0) {
      cited = CITING_VERBS.has(verb) && cut > 0;
      break;
    }
  }
  if (start >= headEnd) return null;
  return { start, cited };
}

function endsInHead(piece: string): boolean {
  return POST_HEADS.some((h) => piece.endsWith(h));
}

/**
 * Every `post + name(s)` phrase in one line. `hans` is `alignedSimplified(line)`; `corpus` the
 * whole article in Simplified. A name list after one post (`市领导甲、乙、丙出席`) shares the post.
 */
export function findPostNames(hans: string, corpus: string): PostNameMatch[] {
  const out: PostNameMatch[] = [];
  HEAD_RE.lastIndex = 0;
  for (let m = HEAD_RE.exec(hans); m; m = HEAD_RE.exec(hans)) {
    const headEnd = m.index + m[0].length;
    const first = nameAt(hans, headEnd, corpus);
    if (!first) continue;
    const post = postStartBefore(hans, headEnd);
    if (!post) continue;
    const names = [first];
    let q = first.end;
    while (hans[q] === '、') {
      const next = nameAt(hans, q + 1, corpus);
      if (!next || next.start !== q + 1) break;
      names.push(next);
      q = next.end;
    }
    out.push({ postStart: post.start, postEnd: headEnd, names, cited: post.cited });
    HEAD_RE.lastIndex = q;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
type Level = Official['level'];
const RANK: Record<Level, number> = { national: 6, provincial: 5, prefecture: 4, zone: 3, county: 2, township: 1, unknown: 0 };

/** Level of one post piece (Simplified), or null when the piece alone does not say. */
function pieceLevel(piece: string): Level | null {
  if (/^(中央|国务院|全国|总书记)|总书记/.test(piece)) return 'national';
  if (/党工委|管委会|开发区|经开区|高新区|新区|园区|工委/.test(piece)) return 'zone';
  for (let len = Math.min(MAX_PLACE, piece.length); len >= 2; len--) {
    const lvl = PLACES.get(piece.slice(0, len));
    if (!lvl) continue;
    const rest = piece.slice(len);
    if (/^(镇|乡|街道)/.test(rest)) return 'township';
    if (lvl === 'provincial' && /^(省|自治区)?/.test(rest)) return 'provincial';
    return lvl;
  }
  if (/^(省|副省长|省长)/.test(piece)) return 'provincial';
  if (/^(镇|乡|街道)/.test(piece)) return 'township';
  if (/^(县|区)|县长|区长/.test(piece)) return 'county';
  if (/^市|市长|市委/.test(piece)) return 'prefecture';
  return null;
}

/**
 * The organisation level of a person's posts: the highest level among the pieces; a piece that
 * does not say (`政法委书记` after `市委常委`) takes the level of the piece before it.
 */
export function postsLevel(postsHans: string[]): Level {
  let best: Level = 'unknown';
  for (const post of postsHans) {
    let prev: Level | null = null;
    for (const piece of post.split('、')) {
      const lvl: Level | null = pieceLevel(piece) ?? prev;
      if (lvl && RANK[lvl] > RANK[best]) best = lvl;
      prev = lvl;
    }
  }
  return best;
}
