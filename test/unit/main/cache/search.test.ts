import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HIGHLIGHT_END as E,
  HIGHLIGHT_START as S,
  type SearchQuery,
} from '../../../../main/cache/index.ts';
import { comment, issue, testCache, type TestCache } from './fixtures.ts';

let t: TestCache;
const T0 = 1_700_000_000_000;

beforeAll(() => {
  t = testCache();
  t.cache.upsertIssues(
    [
      issue('RU-1', { summary: 'Задача про синхронизацию', assignee: 'u1', status: 'open' }),
      issue('RU-2', { summary: 'Ошибки синхронизации календаря', status: 'closed' }),
      issue('RU-3', { summary: 'Ёлка на новый год', description: 'Купить елку и игрушки' }),
      issue('EN-1', { summary: 'The build keeps running forever', updatedAt: T0 + 10 }),
      issue('EN-2', { summary: 'Run the linter', description: 'Several issues were reported' }),
      issue('EN-12', { summary: 'Cats or dogs', assignee: 'u2' }),
      issue('EN-120', { summary: 'Cats and mice' }),
      issue('EN-3', { summary: 'Zebra crossing', description: 'nothing else' }),
      issue('EN-4', { summary: 'Unrelated', description: 'A long text about a zebra' }),
      issue('EN-5', { summary: 'Also unrelated', description: 'plain words' }),
      issue('EN-6', { summary: 'Near miss <b>report</b>' }),
      issue('NEW-9', { summary: 'Moved here', aliases: ['OLD-4'] }),
    ],
    'assigned',
  );
  t.cache.upsertIssues([issue('EN-7', { summary: 'Followed задачи' })], 'followed');
  t.cache.replaceComments('EN-5', [
    comment('1', 'first comment'),
    comment('2', 'Somebody saw a zebra near the office, and then it left.', T0 + 5),
  ]);
});
afterAll(() => t.cleanup());

const keys = (query: string | SearchQuery) =>
  t.cache.search(typeof query === 'string' ? { text: query } : query).map((hit) => hit.key);

describe('stemming', () => {
  it.each([
    ['задачи', 'RU-1'],
    ['задача', 'RU-1'],
    ['задачам', 'RU-1'],
    ['синхронизации', 'RU-1'],
    ['синхронизация', 'RU-2'],
    ['ошибка', 'RU-2'],
    ['елка', 'RU-3'],
    ['ёлку', 'RU-3'],
    ['running', 'EN-2'],
    ['run', 'EN-1'],
    ['issues', 'EN-2'],
    ['issue', 'EN-2'],
  ])('"%s" finds %s', (text, key) => {
    expect(keys({ text, prefix: false })).toContain(key);
  });

  it('needs every word (AND)', () => {
    expect(keys('ошибки синхронизации ')).toEqual(['RU-2']);
  });
});

describe('search while typing', () => {
  it.each([
    ['зада', 'RU-1'],
    ['задач', 'RU-1'],
    ['синхрониз', 'RU-2'],
    ['runn', 'EN-1'],
    ['zeb', 'EN-3'],
  ])('"%s" is a prefix of a word in %s', (text, key) => {
    expect(keys(text)).toContain(key);
  });

  it('treats a word followed by a space as finished', () => {
    expect(keys('runn ')).toEqual([]);
    expect(keys('зада ')).toEqual([]);
  });

  it('ignores a one-letter last word as a prefix', () => {
    expect(keys('z')).toEqual([]);
  });
});

describe('issue keys', () => {
  it('finds a key exactly, first, and by prefix while typing', () => {
    expect(keys('EN-12 ')).toEqual(['EN-12']);
    expect(keys('en-12')[0]).toBe('EN-12');
    expect(keys('EN-12')).toEqual(expect.arrayContaining(['EN-12', 'EN-120']));
    expect(keys('EN-')).toHaveLength(9);
    expect(keys('OLD-4')).toEqual(['NEW-9']);
  });

  it('highlights the key that matched', () => {
    const [hit] = t.cache.search({ text: 'OLD-4' });
    expect(hit).toMatchObject({ snippetField: 'key', snippet: `${S}OLD-4${E}` });
  });
});

describe('ranking and snippets', () => {
  it('ranks summary above description above comment-only hits', () => {
    const hits = t.cache.search({ text: 'zebra ' });
    expect(hits.map((hit) => hit.key)).toEqual(['EN-3', 'EN-4', 'EN-5']);
    expect(hits.map((hit) => hit.snippetField)).toEqual(['summary', 'description', 'comment']);
    expect(hits[0]!.rank).toBeLessThan(hits[1]!.rank);
    expect(hits[1]!.rank).toBeLessThan(hits[2]!.rank);
  });

  it('marks the words as written, in plain text', () => {
    const ru = t.cache.search({ text: 'задачи' });
    // Both have the stem; EN-7 has the very word typed too, so it ranks first.
    expect(ru.map((hit) => [hit.key, hit.snippet])).toEqual([
      ['EN-7', `Followed ${S}задачи${E}`],
      ['RU-1', `${S}Задача${E} про синхронизацию`],
    ]);
    const comment = t.cache.search({ text: 'zebra ' }).find((hit) => hit.key === 'EN-5');
    expect(comment?.snippet).toBe(
      `Somebody saw a ${S}zebra${E} near the office, and then it left.`,
    );
    const html = t.cache.search({ text: 'report' })[0];
    expect(html?.snippet).toBe(`Near miss <b>${S}report${E}</b>`);
  });

  it('cuts long text around the first match with ellipses', () => {
    const long = `${'lorem ipsum '.repeat(40)}needle ${'dolor sit '.repeat(40)}`;
    t.cache.upsertIssues([issue('LONG-1', { summary: 'x', description: long })], 'opened');
    const [hit] = t.cache.search({ text: 'needle' });
    expect(hit?.snippet.startsWith('…')).toBe(true);
    expect(hit?.snippet.endsWith('…')).toBe(true);
    expect(hit?.snippet).toContain(`${S}needle${E}`);
    expect(hit?.snippet.length).toBeLessThanOrEqual(170);
  });
});

describe('a query matching most of the cache', () => {
  it('lists the most recently cached matches first instead of ranking noise', () => {
    const big = testCache();
    try {
      const many = Array.from({ length: 1200 }, (_, i) =>
        issue(`BIG-${i + 1}`, { summary: i % 10 === 0 ? 'common rare' : 'common words' }),
      );
      big.cache.upsertIssues(many, 'assigned');
      expect(big.cache.search({ text: 'common', limit: 3 }).map((h) => h.key)).toEqual([
        'BIG-1200',
        'BIG-1199',
        'BIG-1198',
      ]);
      // 120 matches out of 1200 are still ranked by bm25.
      const rare = big.cache.search({ text: 'rare', limit: 200 });
      expect(rare).toHaveLength(120);
      expect(rare.every((hit, i) => i === 0 || hit.rank >= rare[i - 1]!.rank)).toBe(true);
    } finally {
      big.cleanup();
    }
  });
});

describe('query syntax is never FTS syntax', () => {
  it.each([
    '"',
    '""',
    '*',
    'zebra*',
    'NEAR(zebra crossing)',
    'zebra OR crossing',
    'summary:zebra',
    '-zebra',
    '^zebra',
    '(zebra',
    'AND',
    '"unterminated zebra',
    "'; DROP TABLE issues; --",
    '\u0000',
  ])('%j does not throw', (text) => {
    expect(() => t.cache.search({ text })).not.toThrow();
  });

  it('treats OR, NEAR and quotes as words', () => {
    expect(keys('cats OR dogs')).toEqual(['EN-12']);
    expect(keys('near miss')).toEqual(['EN-6']);
    expect(keys('"zebra crossing"')).toEqual(['EN-3']);
    expect(t.cache.counts().issues).toBeGreaterThan(0);
  });

  it('returns nothing for text without words', () => {
    expect(keys('  ... !!! ')).toEqual([]);
  });
});

describe('filters with text', () => {
  it('combines text with scope, queue, status, assignee and updated', () => {
    expect(keys({ text: 'задачи', scope: 'followed' })).toEqual(['EN-7']);
    expect(keys({ text: 'задачи', scope: 'assigned' })).toEqual(['RU-1']);
    expect(keys({ text: 'задачи', queues: ['EN'] })).toEqual(['EN-7']);
    expect(keys({ text: 'синхронизации', statuses: ['closed'] })).toEqual(['RU-2']);
    expect(keys({ text: 'синхронизации', assignees: ['u1'] })).toEqual(['RU-1']);
    expect(keys({ text: 'cats', assignees: [null] })).toEqual(['EN-120']);
    expect(keys({ text: 'run', updatedFrom: T0 + 1 })).toEqual(['EN-1']);
  });

  it('honours the limit', () => {
    expect(keys({ text: 'EN-', limit: 3 })).toHaveLength(3);
  });

  it('forgets deleted and renamed issues', () => {
    t.cache.renameIssue('EN-3', 'ZOO-1');
    expect(keys('zebra crossing')).toEqual(['ZOO-1']);
    expect(keys('EN-3 ')).toEqual(['ZOO-1']);
    t.cache.removeFromScope('assigned', []);
    expect(keys('zebra')).toEqual([]);
    expect(keys('задачи')).toEqual(['EN-7']);
  });
});
