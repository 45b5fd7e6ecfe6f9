import { LISTED_FIELDS, listedValueSchema, type Article, type Bylines, type DateField, type DatePrecision, type Diagnostic, type Field, type Official, type Part, type Region } from '../../article.ts';
import { toSimplified } from '../../text/script.ts';

/**
 * Curator overrides (`<id>.meta.yml`, parsed elsewhere into plain data) applied last. Each value
 * set here becomes `from: 'override'` with the evidence `curator override (<key>)`. Types are
 * checked; a wrong type or an unknown key is a diagnostic (`override-invalid`,
 * `override-unknown-key`) and the extracted value stays.
 *
 * Keys: title (string | {value, subtitle}), subtitle, date (string | {value, precision}),
 * outlet, site (string | null), region ({province, city, county, code}), bylines ({reporters,
 * authors, editors, chiefEditors, reviewers}: arrays of strings, given roles replace the
 * extracted ones), officials (array of {name, posts?, role?, level?}), parts (array of {title,
 * interviewee?, reporters?, body?}).
 */

const EVIDENCE = (key: string) => `curator override (${key})`;
const ROLES = new Set(['interviewee', 'present', 'mentioned']);
const LEVELS = new Set(['national', 'provincial', 'prefecture', 'county', 'township', 'zone', 'unknown']);
const BYLINE_KEYS: Array<keyof Bylines> = ['reporters', 'authors', 'editors', 'chiefEditors', 'reviewers'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrArr = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/**
 * A date that exists on the calendar: `2023-02-30`, `2023-13-45` or `9999-99-99` would reach the
 * feed and JSON-LD as nonsense. Years run from 1800 to 2200 (a news archive's range).
 */
function onCalendar(y: number | null, m: number | null, d: number | null, hh = 0, mm = 0, ss = 0): boolean {
  if (y !== null && (y < 1800 || y > 2200)) return false;
  if (m !== null && (m < 1 || m > 12)) return false;
  if (d !== null && (d < 1 || d > new Date(Date.UTC(y ?? 2000, m ?? 1, 0)).getUTCDate())) return false;
  return hh < 24 && mm < 60 && ss < 60;
}

/** `2022-07-20T11:04:16+08:00`, `2022-07-20T11:04`, `2022-07-20`, `2023-08`, `--04-21`, `2023`. */
function parseDate(value: string, precision?: DatePrecision): DateField | null {
  const field = parseDateForm(value, precision);
  if (!field) return null;
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(field.value ?? '');
  return onCalendar(field.year, field.month, field.day, time ? +time[1]! : 0, time ? +time[2]! : 0, time?.[3] ? +time[3] : 0) ? field : null;
}

function parseDateForm(value: string, precision?: DatePrecision): DateField | null {
  const base = { from: 'override' as const, evidence: EVIDENCE('date'), suggestedYear: null };
  let m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (m) {
    const v = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}${m[7] === 'Z' ? '+00:00' : (m[7] ?? '+08:00')}`;
    return { ...base, value: v, precision: precision ?? 'datetime', year: +m[1]!, month: +m[2]!, day: +m[3]! };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return { ...base, value, precision: precision ?? 'date', year: +m[1]!, month: +m[2]!, day: +m[3]! };
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return { ...base, value, precision: precision ?? 'month', year: +m[1]!, month: +m[2]!, day: null };
  m = /^--(\d{2})-(\d{2})$/.exec(value);
  if (m) return { ...base, value, precision: precision ?? 'month-day', year: null, month: +m[1]!, day: +m[2]! };
  m = /^(\d{4})$/.exec(value);
  if (m) return { ...base, value, precision: precision ?? 'year', year: +m[1]!, month: null, day: null };
  return null;
}

export function applyOverrides(article: Article, override: Record<string, unknown> | null | undefined): Article {
  if (!override || !isObj(override)) return article;
  const a: Article = { ...article, diagnostics: [...article.diagnostics] };
  const bad = (key: string, why: string) => a.diagnostics.push({ rule: 'override-invalid', severity: 'warning', message: `override "${key}" ignored: ${why}` } satisfies Diagnostic);
  const field = (key: string, v: unknown): Field<string | null> | null => {
    if (!strOrNull(v)) {
      bad(key, 'expected a string or null');
      return null;
    }
    return { value: v, from: 'override', evidence: EVIDENCE(key) };
  };

  for (const [key, v] of Object.entries(override)) {
    switch (key) {
      case 'title': {
        const t = isObj(v) ? v : { value: v };
        if (!strOrNull(t['value']) || (t['subtitle'] !== undefined && !strOrNull(t['subtitle']))) {
          bad(key, 'expected a string or {value, subtitle}');
          break;
        }
        a.title = {
          value: t['value'],
          from: 'override',
          evidence: EVIDENCE(key),
          subtitle: t['subtitle'] !== undefined ? (t['subtitle'] as string | null) : (a.title?.subtitle ?? null),
          derived: false,
        };
        break;
      }
      case 'subtitle':
        if (!strOrNull(v)) bad(key, 'expected a string or null');
        else a.title = { ...(a.title ?? { value: null, derived: false }), subtitle: v, from: 'override', evidence: EVIDENCE(key) };
        break;
      case 'date': {
        // YAML turns an unquoted 2022-04-21 into a Date: take its calendar day.
        const d = isObj(v) && !(v instanceof Date) ? v : { value: v };
        const precision = d['precision'];
        if (precision !== undefined && !['datetime', 'date', 'month', 'month-day', 'year'].includes(String(precision))) {
          bad(key, `unknown precision "${String(precision)}"`);
          break;
        }
        const value = d['value'] instanceof Date ? d['value'].toISOString().slice(0, 10) : d['value'];
        const parsed = typeof value === 'string' ? parseDate(value, precision as DatePrecision | undefined) : null;
        if (!parsed) bad(key, 'expected {value, precision?} with a real ISO-like date (2022-07-20, 2023-08, --04-21, …)');
        else a.date = parsed;
        break;
      }
      case 'outlet':
      case 'site': {
        const f = field(key, v);
        if (f) a[key] = f;
        break;
      }
      case 'region': {
        const okCode = (c: unknown) => c === undefined || strOrNull(c) || (typeof c === 'number' && Number.isInteger(c));
        if (!isObj(v) || !['province', 'city', 'county'].every((k) => v[k] === undefined || strOrNull(v[k])) || !okCode(v['code'])) {
          bad(key, 'expected {province, city, county, code} strings');
          break;
        }
        const r: Region = {
          province: (v['province'] as string | null | undefined) ?? null,
          city: (v['city'] as string | null | undefined) ?? null,
          county: (v['county'] as string | null | undefined) ?? null,
          code: v['code'] === undefined || v['code'] === null ? null : String(v['code']),
          from: 'override',
          evidence: EVIDENCE(key),
        };
        a.region = r;
        break;
      }
      case 'bylines': {
        if (!isObj(v)) {
          bad(key, 'expected a mapping of roles to name lists');
          break;
        }
        const b: Bylines = { ...a.bylines };
        for (const [role, names] of Object.entries(v)) {
          if (!BYLINE_KEYS.includes(role as keyof Bylines)) bad(`bylines.${role}`, `unknown role (known: ${BYLINE_KEYS.join(', ')})`);
          else if (!isStrArr(names)) bad(`bylines.${role}`, 'expected a list of names');
          else b[role as keyof Bylines] = [...new Set(names)];
        }
        a.bylines = b;
        break;
      }
      case 'officials': {
        if (!Array.isArray(v) || !v.every((o) => isObj(o) && typeof o['name'] === 'string' && (o['posts'] === undefined || isStrArr(o['posts'])))) {
          bad(key, 'expected a list of {name, posts?, role?, level?}');
          break;
        }
        // A person needs a name: an empty one would become an empty person page.
        if (v.some((o) => !(o as Record<string, unknown>)['name'] || !String((o as Record<string, unknown>)['name']).trim())) {
          bad(key, 'every official needs a name (an empty name was given)');
          break;
        }
        a.officials = (v as Array<Record<string, unknown>>).map((o): Official => {
          const name = o['name'] as string;
          const nameHans = toSimplified(name);
          return {
            name,
            nameHans,
            posts: (o['posts'] as string[] | undefined) ?? [],
            level: LEVELS.has(String(o['level'])) ? (o['level'] as Official['level']) : 'unknown',
            role: ROLES.has(String(o['role'])) ? (o['role'] as Official['role']) : 'mentioned',
            personId: `p-${nameHans}`,
            evidence: EVIDENCE(key),
          };
        });
        break;
      }
      case 'parts': {
        if (!Array.isArray(v) || !v.every((p) => isObj(p) && typeof p['title'] === 'string')) {
          bad(key, 'expected a list of {title, interviewee?, reporters?, body?}');
          break;
        }
        a.parts = (v as Array<Record<string, unknown>>).map((p): Part => {
          const iv = p['interviewee'];
          return {
            title: p['title'] as string,
            interviewee: isObj(iv) && typeof iv['name'] === 'string' ? { name: iv['name'], posts: isStrArr(iv['posts']) ? iv['posts'] : [] } : null,
            reporters: isStrArr(p['reporters']) ? p['reporters'] : [],
            body: typeof p['body'] === 'string' ? p['body'] : '',
          };
        });
        break;
      }
      default: {
        // A listed field (see LISTED_FIELDS) is checked against its schema, with no code of its own.
        if (LISTED_FIELDS.some((f) => f.key === key)) {
          const checked = listedValueSchema(key as keyof Article).safeParse(v);
          if (!checked.success) bad(key, checked.error.issues.map((i) => i.message).join('; '));
          else (a as Record<string, unknown>)[key] = { value: checked.data, from: 'override', evidence: EVIDENCE(key) };
          break;
        }
        a.diagnostics.push({ rule: 'override-unknown-key', severity: 'warning', message: `override key "${key}" is not known and was ignored` });
      }
    }
  }
  return a;
}
