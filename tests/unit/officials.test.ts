import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newArticle, type Article, type Official, type Segment } from '../../src/article.ts';
import { extractOfficials } from '../../src/ingest/extract/officials.ts';
import { toSimplified } from '../../src/text/script.ts';

function art(text: string, segments: Partial<Segment>[] = []): Article {
  const a = newArticle({ id: 't', sourceFile: 't', sha256: '', byteLength: 0, encoding: 'utf-8', format: 'text', source: text });
  a.text = text;
  a.segments = segments.map((s, i) => ({ kind: 'body', text: '', line: i + 1, ...s }));
  return a;
}

const brief = (os: Official[]) => os.map((o) => [o.name, o.posts, o.role, o.level]);

describe('extractOfficials: positive cases beyond the seeds', () => {
  it.each<[string, string, [string, string[], string, string][]]>([
    ['post chain, 2-char name + verb', '市委副书记、市长刘烁讲话。', [['刘烁', ['市委副书记、市长'], 'present', 'prefecture']]],
    ['Traditional', '市委副書記、市長劉爍主持會議。', [['劉爍', ['市委副書記、市長'], 'present', 'prefecture']]],
    ['3-char county secretary', '县委书记王某某主持会议。', [['王某某', ['县委书记'], 'present', 'county']]],
    ['vice-governor', '副省长张三出席。', [['张三', ['副省长'], 'present', 'provincial']]],
    ['compound surname 欧阳 + 1', '市委书记欧阳明主持会议并讲话。', [['欧阳明', ['市委书记'], 'present', 'prefecture']]],
    ['compound surname 司马 + 2', '区委书记司马光宇在会上强调，', [['司马光宇', ['区委书记'], 'present', 'county']]],
    ['3-char name + 在', '县长李国华在会上指出，', [['李国华', ['县长'], 'present', 'county']]],
    ['2-char name + 实地', '市长周平实地察看了项目。', [['周平', ['市长'], 'present', 'prefecture']]],
    ['2-char name + 详细', '副市长吴江详细听取了汇报。', [['吴江', ['副市长'], 'present', 'prefecture']]],
    ['3-char name + 强调', '市委书记郑国强强调，', [['郑国强', ['市委书记'], 'present', 'prefecture']]],
    [
      'comma-separated title+name pairs',
      '市委常委、组织部部长李建国，副市长王芳陪同。',
      [
        ['李建国', ['市委常委、组织部部长'], 'present', 'prefecture'],
        ['王芳', ['副市长'], 'present', 'prefecture'],
      ],
    ],
    [
      'half-width comma pairs',
      '市委副书记鲍某庭,市人大常委会主任吴某波出席会议。',
      [
        ['鲍某庭', ['市委副书记'], 'present', 'prefecture'],
        ['吴某波', ['市人大常委会主任'], 'present', 'prefecture'],
      ],
    ],
    [
      'list distributes the post',
      '省领导赵一、钱二三、孙四出席会议。',
      [
        ['赵一', ['省领导'], 'present', 'provincial'],
        ['钱二三', ['省领导'], 'present', 'provincial'],
        ['孙四', ['省领导'], 'present', 'provincial'],
      ],
    ],
    ['corpus agreement', '市委书记陈某在大会上作报告。陈某对工作给予肯定。', [['陈某', ['市委书记'], 'present', 'prefecture']]],
    ['interviewee (接受记者采访)', '县长张三接受记者采访时表示，', [['张三', ['县长'], 'interviewee', 'county']]],
    ['mentioned (cited past visit)', '全面落实省委书记李四来调研时提出的要求。', [['李四', ['省委书记'], 'mentioned', 'provincial']]],
    ['mentioned (贯彻…讲话精神)', '深入贯彻省长王五在全省大会上的讲话精神。', [['王五', ['省长'], 'mentioned', 'provincial']]],
    ['zone', '开发区党工委书记刘某主持座谈会。', [['刘某', ['开发区党工委书记'], 'present', 'zone']]],
    ['zone (管委会)', '区管委会主任黄某某陪同。', [['黄某某', ['区管委会主任'], 'present', 'zone']]],
    ['township', '镇党委书记吴刚陪同。', [['吴刚', ['镇党委书记'], 'present', 'township']]],
    ['county-level city (GB/T 2260)', '高邮市委书记张某出席。', [['张某', ['高邮市委书记'], 'present', 'county']]],
    ['prefecture city (GB/T 2260)', '宜春市委书记严某出席。', [['严某', ['宜春市委书记'], 'present', 'prefecture']]],
    ['space / NBSP before the name', '——访市委常委、政法委书记、邗江区委书记\u00a0张某武', [['张某武', ['市委常委、政法委书记、邗江区委书记'], 'interviewee', 'prefecture']]],
    ['reduplicated given name', '——访江都区委书记 朱某某', [['朱某某', ['江都区委书记'], 'interviewee', 'county']]],
    ['national', '总书记习近平强调，', [['习近平', ['总书记'], 'present', 'national']]],
    ['no boundary after the name: confirmed by a later mention', '市长王明今晨赶赴现场。王明说，', [['王明', ['市长'], 'present', 'prefecture']]],
    [
      'list stops at the next post',
      '省委书记易某某、省长叶某某出席会议。',
      [
        ['易某某', ['省委书记'], 'present', 'provincial'],
        ['叶某某', ['省长'], 'present', 'provincial'],
      ],
    ],
    ['two posts for one person across mentions', '市长王某主持会议。会后，市委副书记王某讲话。', [['王某', ['市长', '市委副书记'], 'present', 'prefecture']]],
  ])('%s', (_label, text, expected) => {
    expect(brief(extractOfficials(art(text)))).toEqual(expected);
  });

  it('reads ——访 subtitles from segments and marks the interviewee', () => {
    const a = art('宜春市委書記嚴某接受記者采訪時表示：', [{ kind: 'subtitle', text: '——訪宜春市委書記嚴某' }]);
    const [o, ...rest] = extractOfficials(a);
    expect(rest).toEqual([]);
    expect(o).toMatchObject({ name: '嚴某', nameHans: '严某', posts: ['宜春市委書記'], role: 'interviewee', personId: 'p-严某' });
  });

  it('excludes journalists named in the bylines', () => {
    const a = art('市委书记王某出席。');
    a.bylines.reporters = ['王某'];
    expect(extractOfficials(a)).toEqual([]);
  });
});

describe('extractOfficials: negative set → no official', () => {
  it.each([
    '市长信箱',
    '市委书记信箱 | 市长信箱 | 网上信访',
    '市长热线：12345',
    '市委、市政府高度重视这项工作。',
    '受到中央文明办通报表扬。',
    '市领导高度重视，多次调研。',
    '昨天,本报记者采访各县(市、区)主要负责同志',
    '相关新闻\n省委常委会召开会议\n市政府常务会议研究部署\n市委书记会见客商',
    '伯乐智能、佳禾电声等企业负责人参加座谈。',
    '实施杨寿、方巷敬老院复建改造,完成公道、瓜洲敬老院公建民营。',
    '主任委员会议审议通过。',
    '加快金泉、新扬、和天下上市进程。',
    '市委书记、市长分别讲话。',
  ])('%s', (text) => {
    expect(extractOfficials(art(text))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Evaluation on the seeds (clean reconstructions of 000/004, raw 001–003, chrome included).
const SEEDS = new URL('../../seeds/', import.meta.url);
const DAMAGE = new URL('../fixtures/damage/', import.meta.url);
const read = (u: URL) => readFileSync(u, 'utf8');

const EXPECTED: Record<string, { text: string; officials: [string, string[], string][] }> = {
  '000': {
    text: read(new URL('000_reconstructed_original.txt', DAMAGE)),
    officials: [['严允', ['宜春市委书记'], 'interviewee']],
  },
  '001': {
    text: read(new URL('001_8100e753179c915b.txt', SEEDS)),
    officials: [
      ['陈敏', ['市委书记'], 'present'],
      ['刘烁', ['市委副书记、市长'], 'present'],
      ['鲍峰庭', ['市委副书记'], 'present'],
      ['吴运波', ['市人大常委会主任'], 'present'],
      ...['刘建堂', '黄强', '杨博', '黎春源', '颜小龙', '贺雪平'].map((n): [string, string[], string] => [n, ['市领导'], 'present']),
    ],
  },
  '002': { text: read(new URL('002_c554e1db008685c7.txt', SEEDS)), officials: [['易炼红', ['省委书记'], 'mentioned']] },
  '003': {
    text: read(new URL('003_fb3c97319014020c.txt', SEEDS)),
    officials: [
      ['韦峰', ['市政府党组成员、广陵区委书记'], 'interviewee'],
      ['张耀武', ['市委常委、政法委书记、邗江区委书记'], 'interviewee'],
      ['张利', ['高邮市委书记'], 'interviewee'],
      ['张小辉', ['宝应县委书记'], 'interviewee'],
      ['孙建年', ['仪征市委书记'], 'interviewee'],
      ['朱莉莉', ['江都区委书记'], 'interviewee'],
    ],
  },
  '004': {
    text: read(new URL('004_reconstructed_original.txt', DAMAGE)),
    officials: [
      ['刘烁', ['市委副书记、市长'], 'present'],
      ['黄强', ['市委常委、常务副市长'], 'present'],
      ['杨博', ['市委常委、区党工委书记'], 'present'],
      ['颜小龙', ['副市长'], 'present'],
      ['刘建中', ['区管委会主任'], 'present'],
    ],
  },
};

describe('extractOfficials: precision and recall on the seeds', () => {
  it('finds every expected official (name, posts, role) with nothing extra', () => {
    let tp = 0;
    let found = 0;
    let expectedCount = 0;
    let postsOk = 0;
    let rolesOk = 0;
    const misses: string[] = [];
    for (const [seed, { text, officials }] of Object.entries(EXPECTED)) {
      const got = extractOfficials(art(text));
      found += got.length;
      expectedCount += officials.length;
      for (const [name, posts, role] of officials) {
        const o = got.find((g) => g.nameHans === name);
        if (!o) {
          misses.push(`${seed} missing ${name}`);
          continue;
        }
        tp++;
        if (JSON.stringify(o.posts.map(toSimplified)) === JSON.stringify(posts)) postsOk++;
        else misses.push(`${seed} ${name} posts ${o.posts.join('|')}`);
        if (o.role === role) rolesOk++;
        else misses.push(`${seed} ${name} role ${o.role}`);
      }
      for (const g of got) if (!officials.some(([n]) => n === g.nameHans)) misses.push(`${seed} extra ${g.name}`);
    }
    const precision = tp / found;
    const recall = tp / expectedCount;
    console.log(
      `officials on seeds: precision ${precision.toFixed(3)} (${tp}/${found}), recall ${recall.toFixed(3)} (${tp}/${expectedCount}), ` +
        `posts ${postsOk}/${tp}, roles ${rolesOk}/${tp}${misses.length ? `; issues: ${misses.join('; ')}` : ''}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(postsOk / tp).toBeGreaterThanOrEqual(0.95);
    expect(rolesOk / tp).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps the original script and sets levels on 004', () => {
    const got = extractOfficials(art(EXPECTED['004']!.text));
    expect(got.map((o) => [o.name, o.posts, o.level])).toEqual([
      ['劉爍', ['市委副書記、市長'], 'prefecture'],
      ['黃強', ['市委常委、常務副市長'], 'prefecture'],
      ['楊博', ['市委常委、區黨工委書記'], 'prefecture'],
      ['顏小龍', ['副市長'], 'prefecture'],
      ['劉建中', ['區管委會主任'], 'zone'],
    ]);
  });

  it('003: county-level cities are county level, municipal posts lift the level', () => {
    const got = extractOfficials(art(EXPECTED['003']!.text));
    expect(Object.fromEntries(got.map((o) => [o.name, o.level]))).toEqual({
      韦峰: 'prefecture',
      张耀武: 'prefecture',
      张利: 'county',
      张小辉: 'county',
      孙建年: 'county',
      朱莉莉: 'county',
    });
  });
});
