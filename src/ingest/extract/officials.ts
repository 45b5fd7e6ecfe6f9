/**
 * Officials: every named person attached to a post title, with every post as written, the
 * organisation level and a role (interviewee / present / mentioned).
 *
 * Only names attached to a post count, so companies (伯乐智能) and places (杨寿) that start with
 * a surname never become officials. Matching runs on an aligned Simplified rendering; names and
 * posts are sliced from the original line, so they keep the article's script.
 */
import type { Article, Official, OfficialRole } from '../../article.ts';
import { toSimplified } from '../../text/script.ts';
import { alternation, ORGANISATIONS, PRESENCE_VERBS } from '../vocab/index.ts';
import { alignedSimplified, endsNameAt, findPostNames, postsLevel } from './official-grammar.ts';

/** An interview subtitle: `——访绍兴市委书记王明`. */
const INTERVIEW_LINE = /^[\s—–－\-─]*访/;
/** `王明接受记者采访时表示` */
const INTERVIEW_AFTER = /^[^。！？!?\n]{0,8}接受[^。！？!?\n]{0,15}采访/;
/** `省委书记赵建国来湖调研时提出的…`: a past event or someone's words being cited. */
const CITED_AFTER =
  /^[^，,。；;！？!?\n]{0,20}?(时|期间)(所)?(提出|指出|强调|作出|要求|讲话|部署)|^[^，,。；;！？!?\n]{0,20}?(提出|指出|作出|部署)的|^[^，,。；;！？!?\n]{0,3}(重要)?(讲话|指示|批示)精神|^[^，,。；;！？!?\n]{0,20}?的(重要)?(讲话|指示|批示)/;
/** Event verbs that put a person at the event (vocab/presence-verbs.json). */
const PRESENT_VERBS = new RegExp(alternation(PRESENCE_VERBS.inSentence), 'u');
/** A bare later mention followed directly by an event verb (`刘伟讲话`, `劉偉實地察看`). */
const PRESENT_RIGHT_AFTER = new RegExp(`^(?:${alternation(PRESENCE_VERBS.rightAfterName)}|在[^。！？!?\\n]{0,12}${alternation(PRESENCE_VERBS.afterLocative)})`, 'u');

/**
 * Posts in learned societies, associations, firms and research institutes are not public office,
 * unless they are the organisation's Party post (`某集团党委书记`).
 */
const NON_PUBLIC = new RegExp(`${alternation(ORGANISATIONS.nonPublic)}[^、]*$`, 'u');
function isPublicPost(postHans: string): boolean {
  return postHans.split('、').some((piece) => !NON_PUBLIC.test(piece) || /(?:党委|党组|纪委)[^、]*书记$/u.test(piece));
}

const ROLE_RANK: Record<OfficialRole, number> = { mentioned: 0, present: 1, interviewee: 2 };

interface Draft {
  name: string;
  nameHans: string;
  posts: string[];
  postsHans: string[];
  role: OfficialRole;
  evidence: string;
}

/** Lines to read: the body plus title, subtitle and heading lines (`——访…` subtitles). */
function linesOf(article: Article): string[] {
  const body = article.text.split('\n');
  const seen = new Set(body.map((l) => l.trim()));
  const extra = article.segments.filter((s) => (s.kind === 'title' || s.kind === 'subtitle' || s.kind === 'heading') && !seen.has(s.text.trim())).map((s) => s.text);
  return [...extra, ...body].filter((l) => l.trim() !== '');
}

function upTo(s: string, stop: RegExp): string {
  const k = s.search(stop);
  return k < 0 ? s : s.slice(0, k);
}

function roleOfMention(hansLine: string, postStart: number, nameEnd: number, cited: boolean): OfficialRole {
  const after = hansLine.slice(nameEnd);
  if (INTERVIEW_LINE.test(hansLine.slice(0, postStart)) && hansLine.slice(0, postStart).includes('访')) return 'interviewee';
  if (INTERVIEW_AFTER.test(after)) return 'interviewee';
  if (cited || CITED_AFTER.test(after)) return 'mentioned';
  if (PRESENT_VERBS.test(upTo(after, /[。！？!?\n]/))) return 'present';
  return 'mentioned';
}

/** Names of journalists and staff: they are never officials. */
function staffNames(article: Article): Set<string> {
  const b = article.bylines;
  const all = [...b.reporters, ...b.authors, ...b.editors, ...b.chiefEditors, ...b.reviewers];
  for (const p of article.parts) all.push(...p.reporters);
  return new Set(all.map((n) => toSimplified(n)));
}

export function extractOfficials(article: Article): Official[] {
  const lines = linesOf(article);
  const hansLines = lines.map(alignedSimplified);
  const corpus = hansLines.join('\n');
  const staff = staffNames(article);
  const drafts = new Map<string, Draft>();
  // Corpus offsets of names in a cited phrase (`落实省长X…的讲话精神`): the bare-mention scan
  // below must not read them as presence.
  const lineStart: number[] = [];
  hansLines.reduce((at, l, i) => ((lineStart[i] = at), at + l.length + 1), 0);
  const citedAt = new Set<number>();

  lines.forEach((line, li) => {
    const hans = hansLines[li]!;
    for (const m of findPostNames(hans, corpus)) {
      const post = line.slice(m.postStart, m.postEnd);
      const postHans = hans.slice(m.postStart, m.postEnd);
      for (const n of m.names) {
        const name = line.slice(n.start, n.end);
        const nameHans = toSimplified(name);
        if (staff.has(nameHans)) continue;
        const role = roleOfMention(hans, m.postStart, n.end, m.cited);
        if (role === 'mentioned') citedAt.add(lineStart[li]! + n.start);
        const evidence = upTo(line.slice(m.postStart), /[。！？!?\n]/).slice(0, 80);
        const d = drafts.get(nameHans);
        if (!d) {
          drafts.set(nameHans, { name, nameHans, posts: [post], postsHans: [postHans], role, evidence });
          continue;
        }
        if (!d.postsHans.includes(postHans)) {
          d.posts.push(post);
          d.postsHans.push(postHans);
        }
        if (ROLE_RANK[role] > ROLE_RANK[d.role]) d.role = role;
      }
    }
  });

  // Later bare mentions (`刘伟讲话`, `陈红主持`) can show presence the post mention did not.
  for (const d of drafts.values()) {
    if (d.role !== 'mentioned') continue;
    for (let k = corpus.indexOf(d.nameHans); k >= 0; k = corpus.indexOf(d.nameHans, k + 1)) {
      const end = k + d.nameHans.length;
      if (citedAt.has(k) || !endsNameAt(corpus, end)) continue;
      const after = corpus.slice(end);
      if (INTERVIEW_AFTER.test(after)) d.role = 'interviewee';
      else if (PRESENT_RIGHT_AFTER.test(after) && !CITED_AFTER.test(after)) d.role = 'present';
      if (d.role !== 'mentioned') break;
    }
  }

  return [...drafts.values()]
    .filter((d) => d.postsHans.some(isPublicPost))
    .map((d) => ({
      name: d.name,
      nameHans: d.nameHans,
      posts: d.posts,
      level: postsLevel(d.postsHans),
      role: d.role,
      personId: `p-${d.nameHans}`,
      evidence: d.evidence,
    }));
}
