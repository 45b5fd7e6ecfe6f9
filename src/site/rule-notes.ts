/**
 * What each rule of the pipeline means, in plain words, for the About page. One table per kind
 * of record, keyed by the rule name the records carry: `Repair.rule` (the names of
 * `REPAIR_RULES` in src/ingest/repair/index.ts, in the same order) and `Diagnostic.rule`.
 * tests/unit/rule-notes.test.ts fails when the pipeline can emit a rule that has no note here.
 */

export interface Explanation {
  zh: string;
  en: string;
}

/** A repair rule: its short name, what it changes, and which confidence its records get when. */
export interface RepairNote extends Explanation {
  name: Explanation;
  confidence: Explanation;
}

/** A diagnostic: the clause that completes "In 3 articles, …" (and "3 篇文章中，…"). */
export interface DiagnosticNote extends Explanation {
  /** Two sources of the same fact disagree: the About page lists these as conflicts. */
  conflict?: true;
}

/** In the order the pipeline runs the rules (the order of `REPAIR_RULES`). */
export const REPAIR_NOTES: Readonly<Record<string, RepairNote>> = {
  'gbk-shift': {
    name: { zh: '字节错位乱码', en: 'GBK byte-shift mojibake' },
    zh: '重新解读 GBK 字节错位造成的乱码：文本以 GBK 编码后丢失或替换了一个字节，其后的字一路错配，变成一串生僻字，直到下一个 ASCII 字节为止。规则把字节重新配对，用词典和本存档的文本选出最可能的读法。',
    en: 'Re-reads the garbled runs a GBK byte shift leaves: a byte was lost or replaced after the text was encoded in GBK, so every following character was misread, up to the next ASCII byte. The rule pairs the bytes again and picks the likeliest reading with a dictionary and the texts of this archive.',
    confidence: {
      zh: '字节约束只容许一种读法时为高；由上下文在几个候选中选出时为中或低；无法判断的字以 � 标出，候选字保留在记录中。',
      en: 'high when the bytes allow one reading only; medium or low when context chose among candidates; a character that cannot be known is shown as �, with its candidates kept in the record.',
    },
  },
  'pinyin-gloss': {
    name: { zh: '拼音注音', en: 'pinyin glosses' },
    zh: '删除内容农场在汉字后插入的拼音注音，如“衛(wèi)生”→“衛生”。只有全文大量注音、且几乎每个注音都是前一字的读音时才删除；单独的正常注音保留，与前字读音不符的注音也保留（它可能标出字节错位）。',
    en: 'Removes the pinyin glosses a content farm inserted after characters, e.g. 衛(wèi)生 → 衛生: only when the whole text is glossed this way and nearly every gloss is a reading of its character. A lone, legitimate gloss stays, and so does a gloss that does not fit its character (it may mark a byte shift).',
    confidence: { zh: '高；被注音的字已丢失（�）时为中。', en: 'high; medium when the glossed character itself was lost (�).' },
  },
  'html-residue': {
    name: { zh: 'HTML 残留', en: 'HTML residue' },
    zh: '删除文本中残留的 HTML 标签（</strong>、<br>，以及丢了“<”的 /strong>），把字符实体（&nbsp;、&#12290;）还原为字符。只处理一份固定的标签名单，a<b、网址等保持原样。',
    en: 'Removes HTML tags left in the text (</strong>, <br>, and /strong> whose “<” was lost) and turns character entities (&nbsp;, &#12290;) back into characters. Only a fixed list of tag names is touched: a<b and addresses stay as they are.',
    confidence: { zh: '高。', en: 'high.' },
  },
  'lost-characters': {
    name: { zh: '丢失的字', en: 'lost characters' },
    zh: '判断中文里单独的半角“?”：疑问句中的保留（随后改为全角“？”）；标题或署名行末的删除；两个汉字之间的改为一个空格（编码时丢失的不换行空格）；其余以 � 标出，表示此处有一个字在编码时丢失。',
    en: 'Judges a lone ASCII “?” in Chinese text: kept in a question (and made full-width “？” later); removed at the end of a heading or byline line; made one space between two Han characters (a non-breaking space lost at encoding); otherwise shown as �, marking a character lost at encoding.',
    confidence: { zh: '删除或改为空格为中；以 � 标出为低。', en: 'medium for a removal or a space; low for a �.' },
  },
  punctuation: {
    name: { zh: '半角标点', en: 'half-width punctuation' },
    zh: '把被折成半角的中文标点还原为全角：逗号、冒号、分号、叹号、问号和括号（, : ; ! ? ( ) 改为 ，：；！？（）），小号顿号“﹑”改为“、”。只在中文上下文中还原；网址、时间、数字和英文保持半角。',
    en: 'Restores the punctuation a full-width → ASCII fold made half-width: commas, colons, semicolons, exclamation and question marks and parentheses (, : ; ! ? ( ) become ，：；！？（）), and the small comma “﹑” becomes “、”. Only next to Chinese text: addresses, times, numbers and English keep their ASCII.',
    confidence: { zh: '高。', en: 'high.' },
  },
  whitespace: {
    name: { zh: '空白', en: 'whitespace' },
    zh: '整理空白：换行统一为 LF；删除零宽字符、行首缩进和行尾空格；连续空行最多留两行；行内连续或特殊的空格合为一个空格。',
    en: 'Tidies whitespace: line breaks become LF; zero-width characters, indentation and trailing spaces go; more than two blank lines become two; a run of spaces, or of special spaces, inside a line becomes one space.',
    confidence: { zh: '高。', en: 'high.' },
  },
  paragraphs: {
    name: { zh: '分段', en: 'paragraph breaks' },
    zh: '把被空格连成一长行的段落重新分开：句末标点后接空格、再接汉字之处就是段落接缝；粘在行尾的页面杂项移到单独一行。',
    en: 'Splits paragraphs that were joined into one long line by spaces: a space after sentence-final punctuation and before a Han character is a paragraph joint; page debris glued to the end of the line goes to a line of its own.',
    confidence: { zh: '段落接缝为高；行尾杂项为中。', en: 'high for a paragraph joint; medium for debris at the end of a line.' },
  },
};

export const DIAGNOSTIC_NOTES: Readonly<Record<string, DiagnosticNote>> = {
  decode: {
    zh: '解码时需要判断或有所损失：编码由文本推断、网页声明的字符集与字节不符、无效字节以 � 代替，或删去了控制字符',
    en: 'decoding needed a judgement or lost something: the encoding was inferred from the text, the declared charset did not match the bytes, invalid bytes were replaced with �, or control characters were removed',
  },
  'html-depth': {
    zh: '网页的 HTML 嵌套过深，按纯文本读取，段落以外的结构没有保留',
    en: 'the page’s HTML was nested too deeply and was read as flat text, so its structure beyond paragraphs was lost',
  },
  id: {
    zh: '文章编号与文件名不同：由编者的覆盖文件设定，或因另一个文件同名而加了后缀',
    en: 'the article’s id differs from its file name: a curator’s override set it, or a suffix was added because another file has the same name',
  },
  'segment-truncated': { zh: '原文是多页文章，只存有其中一页', en: 'the source is a multi-page article of which only one page is present' },
  'segment-no-body': { zh: '没有找到正文', en: 'no body text was found' },
  'date-conflict': {
    zh: '页头（或网页元数据）的日期与网址中的日期年份不同，采用的是页头的日期',
    en: 'the date in the header (or the page’s metadata) and the date in the URL disagree on the year; the header’s date is used',
    conflict: true,
  },
  'source-site-conflict': {
    zh: '版权声明所称的网站与网页网址的域名不符，该声明没有被采用为网站',
    en: 'a copyright line names a site other than the host of the page’s URL, and the claim is not used as the site',
    conflict: true,
  },
  'override-invalid': { zh: '编者覆盖文件中有值不合字段格式，已忽略', en: 'a value in a curator’s override did not fit its field and was ignored' },
  'override-unknown-key': { zh: '编者覆盖文件中有未知的字段名，已忽略', en: 'a curator’s override named an unknown field, which was ignored' },
  'gbk-shift': {
    zh: '有文字未能完全修复：疑似 GBK 字节错位的乱码原样保留（或修复时间用尽）',
    en: 'text could not be fully repaired: a suspected GBK byte-shift run was left as it was (or the repair ran out of time)',
  },
  'lost-characters': { zh: '有含义不明的连串“???”，原样保留', en: 'a run of “???” of unknown meaning was left as it is' },
  'pinyin-gloss': {
    zh: '有与前一字读音不符的拼音注音，可能是 GBK 字节错位，原样保留',
    en: 'a pinyin gloss that does not fit its character was left in place (it may mark a GBK byte shift)',
  },
};

/** A repair rule's short name, Chinese then English (`拼音注音 pinyin glosses`); an unknown rule by its id. */
export function ruleName(rule: string): string {
  const name = REPAIR_NOTES[rule]?.name;
  return name ? `${name.zh} ${name.en}` : rule;
}
