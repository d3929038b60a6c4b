import { describe, expect, it } from 'vitest';
import {
  indexTerms,
  keyTerms,
  normalizeWord,
  parseQuery,
  stem,
  tokenize,
} from '../../../../main/cache/text.ts';

describe('tokenize', () => {
  it('splits on anything but letters and digits, keeping offsets into the original', () => {
    const text = 'See QUEUE-12: e-mail «Задача» 2024-01-15';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.norm, t.isKey])).toEqual([
      ['see', false],
      ['queue-12', true],
      ['e', false],
      ['mail', false],
      ['задача', false],
      ['2024', false],
      ['01', false],
      ['15', false],
    ]);
    for (const token of tokens.filter((t) => !t.isKey)) {
      expect(normalizeWord(text.slice(token.start, token.end))).toBe(token.norm);
    }
  });

  it('accepts a key still being typed only when asked', () => {
    expect(tokenize('QUEUE-').map((t) => t.norm)).toEqual(['queue']);
    expect(tokenize('QUEUE-', true).map((t) => t.norm)).toEqual(['queue-']);
  });

  it('drops absurdly long words', () => {
    expect(tokenize('a'.repeat(200))).toEqual([]);
  });
});

describe('normalizeWord and stem', () => {
  it('lowercases, folds ё, strips Latin accents but not й', () => {
    expect(normalizeWord('Ёлка')).toBe('елка');
    expect(normalizeWord('Café')).toBe('cafe');
    expect(normalizeWord('Йогурт')).toBe('йогурт');
    expect(normalizeWord('й'.normalize('NFD'))).toBe('й');
  });

  it('stems Russian and English words by script', () => {
    expect(['задачи', 'задача', 'задачам', 'задач'].map(stem)).toEqual(Array(4).fill('задач'));
    expect(stem('синхронизация')).toBe(stem('синхронизации'));
    expect(stem('running')).toBe('run');
    expect(stem('issues')).toBe(stem('issue'));
    expect(stem('12345')).toBe('12345');
  });
});

describe('indexTerms and keyTerms', () => {
  it('index stems plus differing surface forms, and keys whole and by parts', () => {
    expect(indexTerms('Running tasks')).toBe('run running task tasks');
    expect(indexTerms('see QUEUE-7')).toBe('see queue-7 queue 7');
    expect(keyTerms('NEW-9', ['OLD-4'])).toBe('new-9 new 9 old-4 old 4');
    expect(indexTerms(undefined)).toBe('');
  });
});

describe('parseQuery', () => {
  it('quotes every term and ANDs the words; the last one is also a prefix', () => {
    expect(parseQuery('задачи синхронизации')?.match).toBe(
      `"задач" AND ("синхронизац" OR "синхронизац"* OR "синхронизации"*)`,
    );
    expect(parseQuery('runn')?.match).toBe('("runn" OR "runn"*)');
    expect(parseQuery('EN-1')?.match).toBe('("en-1" OR "en-1"*)');
  });

  it('drops the prefix after a trailing space, for one letter, or when disabled', () => {
    expect(parseQuery('running ')?.match).toBe('"run"');
    expect(parseQuery('x')?.match).toBe('"x"');
    expect(parseQuery('running', { prefix: false })?.match).toBe('"run"');
  });

  it('turns FTS operators and punctuation into plain words', () => {
    expect(parseQuery('a OR b NEAR "c" * col:d -e ^f')?.match).toBe(
      '"a" AND "or" AND "b" AND "near" AND "c" AND "col" AND "d" AND "e" AND "f"',
    );
    expect(parseQuery('"" * ( ) :')).toBeUndefined();
  });
});
