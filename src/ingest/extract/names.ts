import surnames from 'pinyin-pro/dist/esm/data/surname.mjs';
import { toSimplified } from '../script.ts';

/**
 * Is this token a person's name as Chinese credits write them? Two to four Han characters that
 * begin with a surname (pinyin-pro's table of the 百家姓, single and compound), or a name with a
 * middle dot (`阿卜杜·热合曼`). Compared in Simplified, so 劉爍 reads as 刘烁. Words that fill a
 * credit slot without being a name (`网络整理`, `最新文章`, `赞赏`) fail the surname test or the
 * word list below; no list of people is involved.
 */
const SURNAMES = new Set(Object.keys(surnames));
const DOTTED = /^\p{Script=Han}{1,8}[·•．]\p{Script=Han}{1,8}$/u;
/** What fills a name slot without being a name: places of a dateline, roles, placeholders. */
const NOT_A_NAME = /(?:报道|報道|电|電|讯|訊|摄|攝|供图|供圖|整理|综合|綜合|编译|編譯|翻译|翻譯|报社|報社|日报|日報|中心|记者|記者|编辑|編輯)$|(?:网|網|报|報|社|台|局|委|厅|廳|中心|频道|頻道|公司|集团|集團|政府|银行|銀行|协会|協會|学会|學會|大学|大學|学院|學院|医院|醫院)$|^(?:本报|本報|本网|本網|本台|本站|网络|網絡|佚名|未知|暂无|暫無|匿名|原创|原創|转载|轉載)/u;

export function looksLikePersonalName(token: string): boolean {
  const t = token.trim();
  if (NOT_A_NAME.test(t)) return false;
  if (DOTTED.test(t)) return true;
  if (!/^\p{Script=Han}{2,4}$/u.test(t)) return false;
  const s = toSimplified(t);
  if (SURNAMES.has(s.slice(0, 2)) && s.length >= 3) return true;
  return SURNAMES.has(s[0]!);
}
