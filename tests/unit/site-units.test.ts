import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/io/write-csv.ts';
import { describeDate } from '../../src/site/date-label.ts';
import { assertInsideOutput } from '../../src/site/inside-output.ts';
import { toInlineJson } from '../../src/site/json-ld.ts';
import { assertSafeOutput, normalizeBase } from '../../src/build/safe-output.ts';
import { assignSlugs } from '../../src/site/slug.ts';
import { barChartSvg, timelineSvg } from '../../src/site/svg.ts';

describe('assignSlugs', () => {
  const slugs = (raws: string[]) => {
    const m = assignSlugs(raws.map((raw, i) => ({ key: String(i), raw })));
    return raws.map((_, i) => m.get(String(i))!);
  };
  it('keeps an already safe id as its slug', () => {
    expect(slugs(['001_abc'])).toEqual(['001_abc']);
  });
  it('gives 广东 and 廣東 distinct, safe slugs', () => {
    const [a, b] = slugs(['广东', '廣東']);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9_-]+$/);
    expect(b).toMatch(/^[a-z0-9_-]+$/);
  });
  it('gives NFC and NFD spellings distinct slugs', () => {
    const [a, b] = slugs(['caf\u00e9', 'cafe\u0301']);
    expect(a).not.toBe(b);
  });
  it('tells apart ids that differ only by case', () => {
    const [a, b] = slugs(['ABC', 'abc']);
    expect(a).not.toBe(b);
  });
  it('is the same whatever other ids are in the build', () => {
    expect(slugs(['广东'])[0]).toBe(slugs(['x', '广东', 'y'])[1]);
  });
  it('never produces path segments like .. or slashes, and caps the length', () => {
    for (const s of slugs(['../../etc/passwd', '..', 'a\0b', 'x'.repeat(500), ' '])) {
      expect(s).toMatch(/^[a-z0-9_-]+$/);
      expect(s.length).toBeLessThanOrEqual(80);
    }
  });
  it('separates equal ids by their tiebreak (same file name in two folders)', () => {
    const m = assignSlugs([
      { key: 'a', raw: 'x', tiebreak: 'a/x.txt' },
      { key: 'b', raw: 'x', tiebreak: 'b/x.txt' },
    ]);
    expect(m.get('a')).not.toBe(m.get('b'));
  });
});

describe('describeDate', () => {
  it('shows a month-day date as year unknown, with a suggested year only as a suggestion', () => {
    const d = describeDate({ value: '--01-28', from: 'header', evidence: '', precision: 'month-day', year: null, month: 1, day: 28, suggestedYear: { year: 2023, reasoning: ['x'] } });
    expect(d.zh).toBe('1月28日（年份不详）');
    expect(d.en).toBe('28 January, year unknown');
    expect(d.iso).toBeNull();
    expect(d.group).toBe('year-unknown');
    expect(d.suggestion?.zh).toContain('2023');
  });
  it('shows undated honestly', () => {
    expect(describeDate(null)).toMatchObject({ zh: '日期不详', iso: null, group: 'undated' });
  });
  it('keeps month precision', () => {
    expect(describeDate({ value: '2023-08', from: 'header', evidence: '', precision: 'month', year: 2023, month: 8, day: null, suggestedYear: null })).toMatchObject({
      zh: '2023年8月',
      iso: '2023-08',
      group: '2023',
    });
  });
});

describe('toInlineJson', () => {
  it('cannot close the script element and keeps the value', () => {
    const value = { t: '</script><script>alert(1)</script>', u: 'a\u2028b\u2029c & <!--' };
    const s = toInlineJson(value);
    expect(s).not.toMatch(/[<>\u2028\u2029&]/);
    expect(JSON.parse(s)).toEqual(value);
  });
});

describe('toCsv', () => {
  it('writes RFC 4180 with a BOM and neutralizes formula cells', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['=HYPERLINK("http://x")', '+1'],
        ['-2', '@SUM(A1)'],
        ['普通 "引号"', 3],
      ],
    );
    expect(csv.startsWith('\uFEFF"a","b"\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")","'+1"`);
    expect(csv).toContain(`"'-2","'@SUM(A1)"`);
    expect(csv).toContain('"普通 ""引号""","3"\r\n');
  });
});

describe('output safety', () => {
  it('refuses output paths outside the output folder', () => {
    expect(() => assertInsideOutput('/tmp/site', '/tmp/site/../x.html')).toThrow(/outside/);
    expect(() => assertInsideOutput('/tmp/site', '/etc/passwd')).toThrow(/outside/);
    expect(() => assertInsideOutput('/tmp/site', '/tmp/site/a\0.html')).toThrow(/NUL/);
    expect(() => assertInsideOutput('/tmp/site', '/tmp/site/a/index.html')).not.toThrow();
  });
  it('refuses an output folder that overlaps the input or holds the working folder', () => {
    expect(() => assertSafeOutput('/w/seeds', '/w/seeds', '/w')).toThrow(/overlaps/);
    expect(() => assertSafeOutput('/w/seeds', '/w/seeds/site', '/w')).toThrow(/overlaps/);
    expect(() => assertSafeOutput('/w/seeds', '/w', '/w')).toThrow(/working folder/);
    expect(() => assertSafeOutput('/w/seeds', '/', '/w')).toThrow(/root/);
  });
  it('normalizes --base and refuses odd ones', () => {
    expect(normalizeBase('/')).toBe('/');
    expect(normalizeBase('sub/path')).toBe('/sub/path/');
    expect(() => normalizeBase('/../x/')).toThrow();
    expect(() => normalizeBase('/a"b/')).toThrow();
  });
});

describe('svg pictures', () => {
  it('escapes labels', () => {
    expect(barChartSvg([{ label: '<b>&', value: 1 }], '"t"')).not.toContain('<b>');
    expect(timelineSvg([{ at: 2023.5, label: '<script>' }], 't')).toContain('&lt;script&gt;');
  });
});
