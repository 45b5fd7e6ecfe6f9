import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newArticle, type Article, type Segment } from '../../src/article.ts';
import { extractParts } from '../../src/ingest/extract/parts.ts';

function art(text: string, segments?: Partial<Segment>[]): Article {
  const a = newArticle({ id: 't', sourceFile: 't', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: text });
  a.text = text;
  if (segments) a.segments = segments.map((s, i) => ({ kind: 'body', text: '', line: i + 1, ...s }));
  return a;
}

const seed003 = readFileSync(new URL('../../seeds/003_fb3c97319014020c.txt', import.meta.url), 'utf8');
const recon000 = readFileSync(new URL('../fixtures/damage/000_reconstructed_original.txt', import.meta.url), 'utf8');

describe('extractParts on seed 003 (six interviews)', () => {
  const parts = extractParts(art(seed003));

  it('has the six parts with heading, interviewee, posts and reporters', () => {
    expect(parts.map((p) => [p.title, p.interviewee?.name, p.interviewee?.posts, p.reporters])).toEqual([
      ['书写高质量发展“广陵答卷”', '韦峰', ['市政府党组成员、广陵区委书记'], ['陈高飞']],
      ['勇夺双胜利 奋进新征程', '张耀武', ['市委常委、政法委书记、邗江区委书记'], ['陈云飞']],
      ['谱写“强富美高”新高邮现代化篇章', '张利', ['高邮市委书记'], ['张旭']],
      ['争当里下河地区高质量发展排头兵', '张小辉', ['宝应县委书记'], ['胡俭']],
      ['夯实“先行区”建设的硬核基础', '孙建年', ['仪征市委书记'], ['胡俭']],
      ['扛起高质量发展的责任担当', '朱莉莉', ['江都区委书记'], ['邹平', '杨宝岭']],
    ]);
  });

  it('bodies run from the first to the last paragraph, bylines cut off', () => {
    expect(parts.map((p) => p.body.split('\n').length)).toEqual([6, 5, 5, 7, 5, 5]);
    expect(parts[0]!.body.startsWith('市委全会发出了')).toBe(true);
    expect(parts[0]!.body.endsWith('营造风清气正的政治生态。')).toBe(true);
    expect(parts[2]!.body.endsWith('形成全民共创共建共享的社会氛围。')).toBe(true);
    expect(parts[5]!.body.endsWith('文明城市测评保持全省前列。')).toBe(true);
    for (const p of parts) expect(p.body).not.toMatch(/记者|责任编辑|热线/);
  });
});

describe('extractParts: ordinary articles → []', () => {
  it.each([
    ['000: one ——訪 subtitle is one interview', recon000],
    ['no subtitle', '市委书记王某主持会议。\n会议强调，要抓好落实。'],
    ['one ——访 block', '标题\n——访县委书记 王某\n正文一段。\n记者 李某'],
  ])('%s', (_label, text) => {
    expect(extractParts(art(text))).toEqual([]);
  });
});

describe('extractParts: other compilations', () => {
  it('Traditional labels, glued and own-line bylines, NBSP padding', () => {
    const text = [
      '總標題',
      '第一篇標題',
      '——訪縣委書記 王某某',
      '第一段。',
      '第二段。\u00a0\u00a0 記者 李某',
      '第二篇標題',
      '——访区长 欧阳某',
      '正文。',
      '本报记者 赵某、钱某某',
      '责任编辑：孙某',
    ].join('\n');
    const parts = extractParts(art(text));
    expect(parts).toEqual([
      { title: '第一篇標題', interviewee: { name: '王某某', posts: ['縣委書記'] }, reporters: ['李某'], body: '第一段。\n第二段。' },
      { title: '第二篇標題', interviewee: { name: '欧阳某', posts: ['区长'] }, reporters: ['赵某', '钱某某'], body: '正文。' },
    ]);
  });

  it('without a final byline, the last part stops at chrome segments', () => {
    const segments: Partial<Segment>[] = [
      { kind: 'title', text: '总标题' },
      { kind: 'heading', text: '甲' },
      { kind: 'subtitle', text: '——访市长 王某' },
      { kind: 'body', text: '正文甲。' },
      { kind: 'blank', text: '' },
      { kind: 'heading', text: '乙' },
      { kind: 'subtitle', text: '——访副市长 李某' },
      { kind: 'body', text: '正文乙。' },
      { kind: 'boilerplate', text: '版权声明：本网所载文章…' },
    ];
    const parts = extractParts(art('', segments));
    expect(parts.map((p) => [p.title, p.interviewee?.name, p.body, p.reporters])).toEqual([
      ['甲', '王某', '正文甲。', []],
      ['乙', '李某', '正文乙。', []],
    ]);
  });
});
