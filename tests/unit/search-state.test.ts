import { describe, expect, it } from 'vitest';
import { dateInRange, readSearchState, searchStateQuery, type SearchState } from '../../src/browser/search-state.ts';

const state = (q: string, from = '', to = '', filters: Array<[string, string[]]> = []): SearchState => ({ q, from, to, filters: new Map(filters) });

describe('readSearchState', () => {
  const cases: Array<[string, string, SearchState]> = [
    // [rule, location.search, state]
    ['nothing', '', state('')],
    ['the query, trimmed', '?q=+%E5%88%98%E7%83%81+', state('刘烁')],
    ['a date range', '?q=x&from=2023-01-01&to=2023-06-30', state('x', '2023-01-01', '2023-06-30')],
    ['an empty date from a form sent without JavaScript', '?q=x&from=&to=', state('x')],
    ['a day that is not YYYY-MM-DD is left out', '?q=x&from=2023&to=June', state('x')],
    [
      'a filter value once per parameter, in order',
      '?q=x&person=刘烁&person=陈敏&year=2023',
      state('x', '', '', [
        ['person', ['刘烁', '陈敏']],
        ['year', ['2023']],
      ]),
    ],
    ['a value given twice once', '?q=x&year=2023&year=2023', state('x', '', '', [['year', ['2023']]])],
    ['a value with spaces', '?q=x&year=年份不详+Year+unknown', state('x', '', '', [['year', ['年份不详 Year unknown']]])],
  ];
  it.each(cases)('%s: %s', (_rule, search, expected) => {
    expect(readSearchState(search)).toEqual(expected);
  });
});

describe('searchStateQuery', () => {
  it('writes nothing for an empty state', () => {
    expect(searchStateQuery(state(''))).toBe('');
  });

  it('writes the query, the dates, then the filters in their order', () => {
    expect(searchStateQuery(state('刘烁', '2023-01-01', '', [['year', ['年份不详 Year unknown', '2023']]]))).toBe(
      '?q=%E5%88%98%E7%83%81&from=2023-01-01&year=%E5%B9%B4%E4%BB%BD%E4%B8%8D%E8%AF%A6+Year+unknown&year=2023',
    );
  });

  it('reads back what it writes', () => {
    const states = [
      state('"萍乡 经开区" & 100%', '2020-02-29', '2024-12-31', [
        ['region', ['江西省 萍乡市']],
        ['person', ['刘烁', '陈敏']],
      ]),
      state('', '', '2023-05-06'),
      state('G20'),
    ];
    for (const s of states) expect(readSearchState(searchStateQuery(s))).toEqual(s);
  });
});

describe('dateInRange', () => {
  const cases: Array<[string, string, string, string, boolean]> = [
    // [rule, article date, from, to, in the range]
    ['no bounds: every article', '', '', '', true],
    ['a day inside', '2023-05-06', '2023-05-01', '2023-05-31', true],
    ['a day on either bound', '2023-05-01', '2023-05-01', '2023-05-01', true],
    ['a day before', '2023-04-30', '2023-05-01', '2023-05-31', false],
    ['a day after', '2023-06-01', '2023-05-01', '2023-05-31', false],
    ['from only', '2024-01-01', '2023-05-01', '', true],
    ['to only', '2024-01-01', '', '2023-05-31', false],
    ['a year overlapping the range: in', '2023', '2023-12-31', '2024-01-31', true],
    ['a year covering the range: in', '2023', '2023-03-01', '2023-03-31', true],
    ['a year before the range', '2022', '2023-01-01', '', false],
    ['a year after the range', '2024', '', '2023-12-31', false],
    ['a month overlapping the range: in', '2023-05', '2023-05-31', '2023-06-30', true],
    ['a month ending before the range', '2023-04', '2023-05-01', '', false],
    ['February ends before March', '2023-02', '2023-03-01', '', false],
    ['a month starting after the range', '2023-06', '', '2023-05-31', false],
    ['an unknown year: in no range', '', '2023-01-01', '', false],
    ['an unknown year: nor an open-ended one', '', '', '2023-01-01', false],
  ];
  it.each(cases)('%s: %s in %s–%s', (_rule, date, from, to, expected) => {
    expect(dateInRange(date, from, to)).toBe(expected);
  });
});
