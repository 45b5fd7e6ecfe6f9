import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyBylines, newArticle, type Article, type Bylines } from '../../src/article.ts';
import { extractBylines } from '../../src/ingest/extract/bylines.ts';
import { segmentArticle } from '../../src/ingest/segment.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const seed = (prefix: string) => {
  const dir = new URL('../../seeds/', import.meta.url);
  return readFileSync(new URL(readdirSync(dir).find((n) => n.startsWith(prefix))!, dir), 'utf8');
};
function seg(text: string): Article {
  const a = newArticle({ id: 't', sourceFile: 't', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: text });
  return segmentArticle({ ...a, repaired: text });
}
const b = (x: Partial<Bylines>): Bylines => ({ ...emptyBylines(), ...x });
const BODY = '会议强调，各级各部门要切实履行职责，确保各项工作任务落到实处，不断增强人民群众的获得感。';

describe('extractBylines on the seeds', () => {
  it.each([
    ['000', () => fixture('000_clean.txt'), b({ reporters: ['梁健'], editors: ['王文婧'], chiefEditors: ['劉蕓'], reviewers: ['楊春霞'] })],
    ['001', () => seed('001'), b({ reporters: ['梁永明'] })],
    ['002', () => seed('002'), b({ reporters: ['梁永明'], authors: ['梁永明'], editors: ['肖文忠'] })],
    ['003', () => seed('003'), b({ reporters: ['陈高飞', '陈云飞', '张旭', '胡俭', '邹平', '杨宝岭'] })],
    ['004', () => fixture('004_clean.txt'), b({})],
  ])('%s', (_id, text, expected) => {
    expect(extractBylines(seg(text()))).toEqual(expected);
  });

  it('000 with the lost NBSP still unrepaired (記者？梁健)', () => {
    expect(extractBylines(seg(`标题\n江西日報全媒體記者？梁健\n${BODY}`)).reporters).toEqual(['梁健']);
  });
});

describe('extractBylines: general cases', () => {
  it.each([
    ['記者 陳大文', b({ reporters: ['陳大文'] })],
    ['本报记者 张三 李四', b({ reporters: ['张三', '李四'] })],
    ['记者 张三、李四 通讯员 王五', b({ reporters: ['张三', '李四', '王五'] })],
    ['作者：赵六', b({ authors: ['赵六'] })],
    ['责任编辑：孙七', b({ chiefEditors: ['孙七'] })],
    ['責任編輯：孫七', b({ chiefEditors: ['孫七'] })],
    ['責編：劉芸 審核：楊春霞', b({ chiefEditors: ['劉芸'], reviewers: ['楊春霞'] })],
    ['编辑：周八    作者：吴九', b({ editors: ['周八'], authors: ['吴九'] })],
    ['编辑：周八 | 审核：郑十', b({ editors: ['周八'], reviewers: ['郑十'] })],
    ['记者 阿依古丽·买买提', b({ reporters: ['阿依古丽·买买提'] })],
  ])('%s', (line, expected) => {
    expect(extractBylines(seg(`某市召开工作会议\n${line}\n${BODY}`))).toEqual(expected);
  });

  it('a byline glued to a paragraph end and a (记者…) prefix', () => {
    const a = seg(`（記者 王小明）${BODY}\n${BODY}\u00a0\u00a0记者 李大海`);
    expect(extractBylines(a).reporters).toEqual(['王小明', '李大海']);
  });

  it('deduplicates', () => {
    expect(extractBylines(seg(`记者 胡俭\n${BODY}\n记者 胡俭`)).reporters).toEqual(['胡俭']);
  });

  it.each([['责任编辑：'], ['编辑：'], ['昨天，本报记者采访各县（市、区）主要负责同志。'], ['记者从市发改委获悉，全市重点项目进展顺利，一季度完成投资120亿元。'], ['市长信箱']])(
    'negative: %s gives no names',
    (line) => {
      expect(extractBylines(seg(`某市召开工作会议\n${line}\n${BODY}`))).toEqual(b({}));
    },
  );
});
