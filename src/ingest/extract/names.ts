import surnames from 'pinyin-pro/dist/esm/data/surname.mjs';
import { toSimplified } from '../script.ts';

/**
 * Is this token a person's name as Chinese credits write them? Two or three Han characters that
 * begin with a surname (four with a compound surname; see SURNAMES below), or a name with a
 * middle dot (`阿卜杜·热合曼`). Compared in Simplified, so 劉爍 reads as 刘烁. Words that fill a
 * credit slot without being a name (`网络整理`, `最新文章`, `赞赏`) fail the surname test or the
 * word list below; no list of people is involved.
 */
/**
 * Surnames: the compound ones from pinyin-pro's table, and the common single surnames by the
 * national household registration counts (top ~400), written by hand: no maintained package
 * ships a surname list.
 */
const COMMON_SINGLE_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习禤';
// Single surnames from the census list only: pinyin-pro's table also holds rare ones that are
// everyday words (会, 过), which would read `会主办` as a name.
export const SURNAMES: ReadonlySet<string> = new Set([...Object.keys(surnames).filter((k) => k.length > 1), ...COMMON_SINGLE_SURNAMES]);
const DOTTED = /^\p{Script=Han}{1,8}[·•．]\p{Script=Han}{1,8}$/u;
/** Words that stand in a credit or source slot without naming anyone. */
const PLACEHOLDERS = new Set([
  '本报', '本報', '本网', '本網', '本台', '本站', '本站原创', '本站原創', '本网原创', '本網原創', '网络', '網絡', '互联网', '互聯網',
  '原创', '原創', '转载', '轉載', '转载文章', '轉載文章', '综合', '綜合', '网友投稿', '網友投稿', '投稿', '佚名', '未知', '暂无', '暫無',
  '匿名', '其他', '其它', '无', '無',
]);

/** `转载文章`, `本站`: the whole value is a placeholder. */
export function isPlaceholder(word: string): boolean {
  return PLACEHOLDERS.has(word.trim());
}

/** `本报记者`, `网络整理`: the word opens with a placeholder of two characters or more. */
export function startsWithPlaceholder(word: string): boolean {
  const w = word.trim();
  for (let n = 2; n <= Math.min(5, w.length); n++) if (PLACEHOLDERS.has(w.slice(0, n))) return true;
  return false;
}

/** The ending of an organisation's name (`某某日报`, `某某网`, `某某县统计局`, `某某之家`). */
export const ORGANISATION_ENDING =
  /(?:报|報|网|網|社|台|刊|志|新闻|新聞|消息|财经|財經|娱乐|娛樂|音乐|音樂|科技|体育|體育|在线|在線|之家|头条|頭條|客户端|客戶端|中心|局|委|办|辦|政府|部|厅|廳|院|会|會|所|站|传媒|傳媒|媒体|媒體|频道|頻道)$/u;

/**
 * Endings no given name has: a dateline's place and verb (`北京报道`), a credit's suffix, and the
 * organisation endings that are never name characters (not 会 or 院: `刘会` is a name).
 */
const NOT_A_NAME =
  /(?:报道|報道|电|電|讯|訊|摄|攝|供图|供圖|整理|综合|綜合|编译|編譯|翻译|翻譯|日报|日報|中心|记者|記者|编辑|編輯|网|網|报|報|社|台|局|委|厅|廳|频道|頻道|公司|集团|集團|政府|银行|銀行|协会|協會|学会|學會|大学|大學|学院|學院|医院|醫院)$/u;

export function looksLikePersonalName(token: string): boolean {
  const t = token.trim();
  if (NOT_A_NAME.test(t) || startsWithPlaceholder(t)) return false;
  if (DOTTED.test(t)) return true;
  if (!/^\p{Script=Han}{2,4}$/u.test(t)) return false;
  const s = toSimplified(t);
  // A compound surname takes one or two more characters; a single one, one or two (four-character
  // words that start with a surname, `游民星空`, are names of things).
  if (SURNAMES.has(s.slice(0, 2)) && s.length >= 3) return true;
  return SURNAMES.has(s[0]!) && s.length <= 3;
}
