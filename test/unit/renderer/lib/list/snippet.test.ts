import { describe, expect, it } from 'vitest';
import { parseIssueKey } from '../../../../../renderer/src/lib/list/issue-key.ts';
import { parseSnippet, snippetText } from '../../../../../renderer/src/lib/list/snippet.ts';

describe('parseSnippet', () => {
  it('splits marked words from plain text', () => {
    expect(parseSnippet('the \u0002crash\u0003 on \u0002login\u0003')).toEqual([
      { text: 'the ', mark: false },
      { text: 'crash', mark: true },
      { text: ' on ', mark: false },
      { text: 'login', mark: true },
    ]);
  });

  it('keeps markup as text and tolerates broken markers', () => {
    expect(parseSnippet('<img src=x>\u0002a')).toEqual([
      { text: '<img src=x>', mark: false },
      { text: 'a', mark: true },
    ]);
    expect(parseSnippet('\u0003b')).toEqual([{ text: 'b', mark: false }]);
    expect(snippetText('\u0002Ошибка\u0003 при')).toBe('Ошибка при');
  });
});

describe('parseIssueKey', () => {
  it('recognizes a key in any case and upper-cases it', () => {
    expect(parseIssueKey('test-12')).toBe('TEST-12');
    expect(parseIssueKey('  Docs_2-7 ')).toBe('DOCS_2-7');
  });

  it('rejects text that is not exactly one key', () => {
    for (const text of ['test 12', 'TEST-', '12-TEST', 'TEST-12 crash', 'тест-1', '']) {
      expect(parseIssueKey(text)).toBeNull();
    }
  });
});
